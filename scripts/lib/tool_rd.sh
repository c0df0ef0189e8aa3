# Shared by scripts/lip-rd.sh and scripts/lif-rd.sh: the rate-distortion of one learned tool, on
# against off, through the `inlay` command. Sourced; the caller sets REPO and calls
#   tool_rd OPTION TAG DEFAULT_GOP DEFAULT_FRAMES [--gop ai|ra] [--frames N] [--out DIR] [--configs "off on"]
#           [--encode-opts "OPTS"] CLIP.y4m...
# OPTION is the encoder option (--learned-intra), TAG the config prefix in the CSV (lip): each clip is
# encoded with `OPTION off` and `on` at QPs 22, 27, 32, 37, decoded, compared with the source, and
# the BD-rate of TAG-on against TAG-off printed. Encode and decode times are wall-clock seconds of
# the whole command (JVM start included), in the CSV. --configs "off" or "on" runs one side only.
# --encode-opts adds options to every encode of both sides (e.g. "--nn-filter on").
# Output: DIR (default results/work/TAG-rd) holds rd.csv and the streams; git ignores it.
tool_rd() {
    local option="$1" tag="$2" gop="$3" frames="$4"
    shift 4
    local inlay="$REPO/bin/inlay" out="$REPO/results/work/$tag-rd" configs="off on" extra=""
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --gop) gop="$2"; shift 2 ;;
            --frames) frames="$2"; shift 2 ;;
            --out) out="$2"; shift 2 ;;
            --configs) configs="$2"; shift 2 ;;
            --encode-opts) extra="$2"; shift 2 ;;
            *) break ;;
        esac
    done
    if [[ $# -eq 0 ]]; then
        echo "usage: $(basename "$0") [--gop ai|ra] [--frames N] [--out DIR] [--configs \"off on\"] [--encode-opts \"OPTS\"] CLIP.y4m..." >&2
        exit 2
    fi
    mkdir -p "$out"
    local csv="$out/rd.csv"
    echo "codec,config,clip,qp,bytes,frames,fps,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim,encode_s,decode_s" > "$csv"
    "$inlay" --version >/dev/null   # builds the jar once, before the timed runs
    local clip name on qp s d t0 t1 t2 n py pu pv pyuv ssim bytes fps
    for clip in "$@"; do
        name="$(basename "$clip" .y4m)"
        for on in $configs; do
            for qp in 22 27 32 37; do
                s="$out/$name-$gop-$tag$on-qp$qp.inlay"
                d="$out/$name-$gop-$tag$on-qp$qp.y4m"
                t0=$(date +%s.%N)
                # shellcheck disable=SC2086 # extra is a list of options
                "$inlay" encode --gop "$gop" --frames "$frames" --qp "$qp" "$option" "$on" $extra -o "$s" "$clip" 2>/dev/null
                t1=$(date +%s.%N)
                "$inlay" decode -o "$d" "$s" 2>/dev/null
                t2=$(date +%s.%N)
                IFS=, read -r n py pu pv pyuv ssim < <("$inlay" compare --csv --frames "$frames" "$clip" "$d" | tail -1)
                bytes=$(stat -c %s "$s")
                fps=$(sed -n '1s/.* F\([0-9]*\):\([0-9]*\).*/\1 \2/p' "$clip" | awk '{printf "%.3f", $1 / $2}')
                printf 'inlay,%s-%s,%s,%d,%d,%d,%s,%s,%s,%s,%s,%s,%.1f,%.1f\n' "$tag" "$on" "$name" "$qp" "$bytes" "$n" \
                    "$fps" "$py" "$pu" "$pv" "$pyuv" "$ssim" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" >> "$csv"
                rm -f "$d"
            done
        done
    done
    if [[ "$configs" == "off on" ]]; then
        "$inlay" bdrate --anchor "inlay/$tag-off" --test "inlay/$tag-on" "$csv"
    fi
}
