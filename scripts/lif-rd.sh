#!/usr/bin/env bash
# Rate-distortion of learned inter interpolation (docs/learned-inter.md): encodes each clip with
# `--learned-inter off` and `on` at QPs 22, 27, 32, 37 through the `inlay` command, decodes each
# stream, compares the decoded frames with the source and prints the BD-rate table of on against
# off (`inlay bdrate --anchor inlay/lif-off --test inlay/lif-on`). Encode and decode times are
# wall-clock seconds of the whole command (JVM start included), in the CSV.
#
#   scripts/lif-rd.sh [--gop ai|ra] [--frames N] [--out DIR] [--configs "off on"] CLIP.y4m...
#
# --configs "off" or "on" runs one side only (two instances side by side, each with its own DIR;
# then `inlay bdrate` on the two CSVs concatenated).
# Defaults: random access, 9 frames, DIR = results/work/lif-rd (rd.csv and the streams; git ignores it).
set -euo pipefail
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
INLAY="$REPO/bin/inlay"
gop=ra frames=9 out="$REPO/results/work/lif-rd" configs="off on"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --gop) gop="$2"; shift 2 ;;
        --frames) frames="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --configs) configs="$2"; shift 2 ;;
        *) break ;;
    esac
done
mkdir -p "$out"
csv="$out/rd.csv"
echo "codec,config,clip,qp,bytes,frames,fps,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim,encode_s,decode_s" > "$csv"
"$INLAY" --version >/dev/null   # builds the jar once, before the timed runs
for clip in "$@"; do
    name="$(basename "$clip" .y4m)"
    for lif in $configs; do
        for qp in 22 27 32 37; do
            s="$out/$name-$gop-lif$lif-qp$qp.inlay"
            d="$out/$name-$gop-lif$lif-qp$qp.y4m"
            t0=$(date +%s.%N)
            "$INLAY" encode --gop "$gop" --frames "$frames" --qp "$qp" --learned-inter "$lif" -o "$s" "$clip" 2>/dev/null
            t1=$(date +%s.%N)
            "$INLAY" decode -o "$d" "$s" 2>/dev/null
            t2=$(date +%s.%N)
            IFS=, read -r n py pu pv pyuv ssim < <("$INLAY" compare --csv --frames "$frames" "$clip" "$d" | tail -1)
            bytes=$(stat -c %s "$s")
            fps=$(sed -n '1s/.* F\([0-9]*\):\([0-9]*\).*/\1 \2/p' "$clip" | awk '{printf "%.3f", $1 / $2}')
            printf 'inlay,lif-%s,%s,%d,%d,%d,%s,%s,%s,%s,%s,%s,%.1f,%.1f\n' "$lif" "$name" "$qp" "$bytes" "$n" "$fps" \
                "$py" "$pu" "$pv" "$pyuv" "$ssim" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" >> "$csv"
            rm -f "$d"
        done
    done
done
"$INLAY" bdrate --anchor inlay/lif-off --test inlay/lif-on "$csv"
