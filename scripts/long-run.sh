#!/usr/bin/env bash
# Long-run memory check (issue 7): encodes and decodes a long 1280x720 stream through pipes and
# reports the JVM heap from GC logs, so that growth over thousands of frames shows.
#
#   scripts/long-run.sh [--frames N] [--encode-frames M] [--xmx SIZE] [--clip Y4M] [--out DIR]
#                       [-- ENCODE OPTIONS]
#
#   1. encode: M frames (default: N) of CLIP cropped to 1280x720, played forwards and backwards,
#      generated on the fly and piped into `inlay encode -` (random access, closed GOPs with
#      --keyint 32 unless the options say otherwise);
#   2. when M < N, the stream is repeated to N frames (POCs shifted, header repeated before
#      each copy), so the decoder can be run long on a stream that was quick to encode;
#   3. decode: `cat stream | inlay decode - -o - | md5sum`, the whole output through a pipe.
# Each JVM logs its GC pauses (-Xlog:gc); the report gives the peak heap and the largest heap
# after GC in each tenth of the run: flat when nothing accumulates. --xmx caps both heaps
# (e.g. 256m): a run that completes under the cap cannot have grown beyond it, and a small cap
# forces full collections, whose figures show what is really retained.
# Defaults: N = 3000, CLIP = ../shared/corpus/apple_1296x720_10.y4m, DIR = results/long-run.
# Needs python3 (standard library).
set -euo pipefail
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
frames=3000
encode_frames=
xmx=
clip="$REPO/../shared/corpus/apple_1296x720_10.y4m"
out="$REPO/results/long-run"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --frames) frames="$2"; shift 2 ;;
        --encode-frames) encode_frames="$2"; shift 2 ;;
        --xmx) xmx="-Xmx$2"; shift 2 ;;
        --clip) clip="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --) shift; break ;;
        *) echo "long-run.sh: unknown option $1 (see the comment at the top)" >&2; exit 1 ;;
    esac
done
encode_frames="${encode_frames:-$frames}"
command -v python3 >/dev/null || { echo "long-run.sh: needs python3" >&2; exit 1; }
[[ -r "$clip" ]] || { echo "long-run.sh: cannot read $clip" >&2; exit 1; }
mkdir -p "$out"
lib="$REPO/scripts/lib/long_run.py"
inlay="$REPO/bin/inlay"

echo "encoding $encode_frames frames of 1280x720 through a pipe ..."
start=$(date +%s)
python3 "$lib" source "$clip" 1280 720 "$encode_frames" \
    | INLAY_JAVA_OPTS="$xmx -Xlog:gc:file=$out/encode-gc.log" "$inlay" encode - -o "$out/stream.inlay" -y \
        --keyint 32 "$@"
echo "encode: $(( $(date +%s) - start )) s"
python3 "$lib" heap "$out/encode-gc.log"

stream="$out/stream.inlay"
if (( encode_frames < frames )); then
    copies=$(( (frames + encode_frames - 1) / encode_frames ))
    python3 "$lib" repeat "$stream" "$copies" "$out/long.inlay"
    stream="$out/long.inlay"
fi

echo "decoding $stream through pipes ..."
start=$(date +%s)
cat "$stream" | INLAY_JAVA_OPTS="$xmx -Xlog:gc:file=$out/decode-gc.log" "$inlay" decode - -o - | md5sum
echo "decode: $(( $(date +%s) - start )) s"
python3 "$lib" heap "$out/decode-gc.log"
