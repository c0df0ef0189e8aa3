#!/usr/bin/env bash
# Rate-distortion of learned intra prediction (docs/learned-intra.md): encodes each clip with
# `--learned-intra off` and `on` at QPs 22, 27, 32, 37 through the `inlay` command, decodes each
# stream, compares the decoded frames with the source and prints the BD-rate table of on against
# off (`inlay bdrate --anchor inlay/lip-off --test inlay/lip-on`). Encode and decode times are
# wall-clock seconds of the whole command (JVM start included), in the CSV.
#
#   scripts/lip-rd.sh [--gop ai|ra] [--frames N] [--out DIR] [--configs "off on"] CLIP.y4m...
#
# Defaults: all intra, 1 frame, DIR = results/work/lip-rd (rd.csv and the streams; git ignores it).
# The loop is scripts/lib/tool_rd.sh's, shared with lif-rd.sh.
set -euo pipefail
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=lib/tool_rd.sh
source "$REPO/scripts/lib/tool_rd.sh"
tool_rd --learned-intra lip ai 1 "$@"
