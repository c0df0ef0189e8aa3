#!/usr/bin/env bash
# All-intra rate-distortion measurement: Inlay against x264 and x265 at fixed QP.
#
#   scripts/rd-intra.sh [--stage all|anchors|inlay|measure] [--clips "a b"] [--frames N]
#                       [--qps "22 27 32 37"] [--work DIR] [--out CSV]
#
# Stages (default all, in this order):
#   anchors  encode every clip with x264 and x265 (--preset medium --tune psnr --keyint 1 --qp Q;
#            x265 also --no-info, see anchor_cmd),
#            decode each stream with ffmpeg to raw frames in the decoder's native layout (no
#            -pix_fmt, no filters). Cached in the work dir by clip, frame count, codec and QP:
#            a rerun skips what exists. Needs no Java.
#   inlay    encode with `bin/inlay encode --qp Q --frames N`, decode with `bin/inlay decode`.
#            Always redone (the codec is what changes).
#   measure  `inlay compare` each decoded output against the source, frame i against frame i;
#            writes the CSV (clip,codec,qp,bytes,frames,fps,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim)
#            and prints `inlay bdrate` for inlay vs x264 and inlay vs x265. Anchor metrics are
#            cached next to their streams.
#
# Environment equivalents: RD_STAGE, RD_CLIPS (clip names without .y4m, or paths), RD_FRAMES,
# RD_QPS, RD_WORK, RD_OUT, RD_CORPUS (default $REPO/../shared/corpus).
# bytes = size of the coded stream file; fps = frames / wall-clock seconds of the encoder run
# (Inlay's includes JVM start-up). x264/x265 run with their default threading, niced.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAGE="${RD_STAGE:-all}"
CLIPS="${RD_CLIPS:-}"
FRAMES="${RD_FRAMES:-10}"
QPS="${RD_QPS:-22 27 32 37}"
WORK="${RD_WORK:-$REPO/results/work/rd-intra}"
OUT="${RD_OUT:-$REPO/results/rd-intra.csv}"
CORPUS="${RD_CORPUS:-$REPO/../shared/corpus}"

usage() { sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --stage) STAGE="$2"; shift 2 ;;
        --clips) CLIPS="$2"; shift 2 ;;
        --frames) FRAMES="$2"; shift 2 ;;
        --qps) QPS="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "rd-intra: unknown argument $1" >&2; usage >&2; exit 1 ;;
    esac
done
case "$STAGE" in all|anchors|inlay|measure) ;; *) echo "rd-intra: bad --stage $STAGE" >&2; exit 1 ;; esac
[[ "$FRAMES" =~ ^[1-9][0-9]*$ ]] || { echo "rd-intra: bad --frames $FRAMES" >&2; exit 1; }

log() { echo "rd-intra: $*" >&2; }
now() { date +%s.%N; }
run_stage() { [[ "$STAGE" == all || "$STAGE" == "$1" ]]; }

# Clip list: names in the corpus, or paths to .y4m files.
SOURCES=()
if [[ -z "$CLIPS" ]]; then
    shopt -s nullglob
    SOURCES=("$CORPUS"/*.y4m)
    shopt -u nullglob
    [[ ${#SOURCES[@]} -gt 0 ]] || { echo "rd-intra: no clips in $CORPUS" >&2; exit 1; }
else
    for c in $CLIPS; do
        if [[ -f "$c" ]]; then SOURCES+=("$(cd "$(dirname "$c")" && pwd)/$(basename "$c")")
        elif [[ -f "$CORPUS/$c.y4m" ]]; then SOURCES+=("$CORPUS/$c.y4m")
        elif [[ -f "$CORPUS/$c" ]]; then SOURCES+=("$CORPUS/$c")
        else echo "rd-intra: no clip $c (looked in $CORPUS)" >&2; exit 1
        fi
    done
fi

need_tools() {
    local missing=()
    for t in x264 x265 ffmpeg; do command -v "$t" >/dev/null || missing+=("$t"); done
    if [[ ${#missing[@]} -gt 0 ]]; then
        log "installing ${missing[*]}"
        local sudo=""
        [[ $(id -u) -eq 0 ]] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# y4m geometry: "W H" from the header line.
geometry() {
    head -c 512 "$1" | head -n 1 | tr ' ' '\n' | awk '/^W/{w=substr($0,2)} /^H/{h=substr($0,2)} END{print w, h}'
}

clipdir() { echo "$WORK/$(basename "$1" .y4m)_${FRAMES}f"; }

# The work dir holds large raw frames: keep it out of git whatever the repo's .gitignore says.
mkdir -p "$WORK"
[[ -f "$WORK/.gitignore" ]] || echo '*' > "$WORK/.gitignore"

# The anchor command lines. x265 writes an informational SEI (~2.3 KB: version and every option)
# with the headers of each IDR picture; with --keyint 1 that is every frame, so --no-info keeps
# it out of the rate. x264 writes its equivalent SEI (~0.6 KB) once per stream.
# Sets the array ANCHOR_CMD.
anchor_cmd() {
    local codec="$1" src="$2" qp="$3" out="$4"
    if [[ "$codec" == x264 ]]; then
        ANCHOR_CMD=(x264 --preset medium --tune psnr --keyint 1 --qp "$qp" --frames "$FRAMES" -o "$out" "$src")
    else
        ANCHOR_CMD=(x265 --preset medium --tune psnr --keyint 1 --qp "$qp" --frames "$FRAMES" --no-info -o "$out" "$src")
    fi
}

# encode_anchor CODEC SRC QP: stream + decoded raw frames + encode seconds, cached (and redone
# when the command line changes).
encode_anchor() {
    local codec="$1" src="$2" qp="$3" dir ext stream raw cmd
    dir="$(clipdir "$src")"
    mkdir -p "$dir"
    [[ "$codec" == x264 ]] && ext=264 || ext=265
    stream="$dir/${codec}_q${qp}.$ext"
    raw="$dir/${codec}_q${qp}.yuv"
    anchor_cmd "$codec" "$src" "$qp" "$stream.tmp.$ext"
    cmd="${ANCHOR_CMD[*]}"
    if [[ -s "$stream" && -s "$raw" && -s "$stream.seconds" && "$(cat "$stream.cmd" 2>/dev/null)" == "$cmd" ]]; then
        return 0
    fi
    log "$codec $(basename "$src") qp $qp"
    local t0 t1
    t0=$(now)
    nice -n 10 "${ANCHOR_CMD[@]}" 2>"$stream.log"
    t1=$(now)
    mv "$stream.tmp.$ext" "$stream"
    # Native layout, one output frame per coded frame (a raw stream has no timestamps).
    nice -n 10 ffmpeg -nostdin -v error -y -i "$stream" -fps_mode passthrough -f rawvideo "$raw.tmp"
    mv "$raw.tmp" "$raw"
    echo "$t1 - $t0" | bc -l > "$stream.seconds"
    echo "$cmd" > "$stream.cmd"
    rm -f "$dir/${codec}_q${qp}.metrics"
}

encode_inlay() {
    local src="$1" qp="$2" dir stream rec t0 t1
    dir="$(clipdir "$src")"
    mkdir -p "$dir"
    stream="$dir/inlay_q${qp}.inlay"
    rec="$dir/inlay_q${qp}.y4m"
    log "inlay $(basename "$src") qp $qp"
    rm -f "$stream" "$rec" "$dir/inlay_q${qp}.metrics"
    t0=$(now)
    "$REPO/bin/inlay" encode "$src" --qp "$qp" --frames "$FRAMES" -o "$stream" -y
    t1=$(now)
    "$REPO/bin/inlay" decode "$stream" -o "$rec" -y
    echo "$t1 - $t0" | bc -l > "$stream.seconds"
}

# measure CODEC SRC QP -> prints a CSV row (cached in .metrics)
measure() {
    local codec="$1" src="$2" qp="$3" dir stream decoded name metrics
    dir="$(clipdir "$src")"
    name="$(basename "$src" .y4m)"
    case "$codec" in
        x264) stream="$dir/x264_q${qp}.264"; decoded="$dir/x264_q${qp}.yuv" ;;
        x265) stream="$dir/x265_q${qp}.265"; decoded="$dir/x265_q${qp}.yuv" ;;
        inlay) stream="$dir/inlay_q${qp}.inlay"; decoded="$dir/inlay_q${qp}.y4m" ;;
    esac
    if [[ ! -s "$stream" || ! -s "$decoded" ]]; then
        log "no $codec output for $name qp $qp (run --stage ${codec/x26[45]/anchors})"
        return 0
    fi
    metrics="$dir/${codec}_q${qp}.metrics"
    if [[ ! -s "$metrics" || "$metrics" -ot "$decoded" ]]; then
        local w h
        read -r w h < <(geometry "$src")
        # compare --csv prints: frames,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim
        "$REPO/bin/inlay" compare "$src" "$decoded" --frames "$FRAMES" --raw "${w}x${h}" --csv > "$metrics.tmp"
        mv "$metrics.tmp" "$metrics"
    fi
    local bytes seconds frames rest fps
    bytes=$(stat -c %s "$stream")
    seconds=$(cat "$stream.seconds")
    IFS=, read -r frames rest < "$metrics"
    fps=$(echo "$frames / $seconds" | bc -l)
    printf '%s,%s,%s,%s,%s,%.3f,%s\n' "$name" "$codec" "$qp" "$bytes" "$frames" "$fps" "$rest"
}

if run_stage anchors; then
    need_tools
    for src in "${SOURCES[@]}"; do
        for qp in $QPS; do
            encode_anchor x264 "$src" "$qp"
            encode_anchor x265 "$src" "$qp"
        done
    done
    log "anchors done in $WORK"
fi

if run_stage inlay; then
    for src in "${SOURCES[@]}"; do
        for qp in $QPS; do
            encode_inlay "$src" "$qp"
        done
    done
fi

if run_stage measure; then
    mkdir -p "$(dirname "$OUT")"
    {
        echo "clip,codec,qp,bytes,frames,fps,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim"
        for src in "${SOURCES[@]}"; do
            for codec in x264 x265 inlay; do
                for qp in $QPS; do
                    measure "$codec" "$src" "$qp"
                done
            done
        done
    } > "$OUT.tmp"
    mv "$OUT.tmp" "$OUT"
    log "wrote $OUT"
    for anchor in x264 x265; do
        echo "== inlay vs $anchor"
        "$REPO/bin/inlay" bdrate "$OUT" --anchor "$anchor" --test inlay || true
    done
fi
