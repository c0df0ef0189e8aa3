#!/usr/bin/env bash
# Rate-distortion of learned inter interpolation (docs/learned-inter.md): encodes each clip with
# `--learned-inter off` and `on` at QPs 22, 27, 32, 37 through the `inlay` command, decodes each
# stream, compares the decoded frames with the source and prints the BD-rate table of on against
# off (`inlay bdrate --anchor inlay/lif-off --test inlay/lif-on`). Encode and decode times are
# wall-clock seconds of the whole command (JVM start included), in the CSV.
#
#   scripts/lif-rd.sh [--gop ai|ra] [--frames N] [--out DIR] [--configs "off on"] [--encode-opts "OPTS"] CLIP.y4m...
#
# --configs "off" or "on" runs one side only (two instances side by side, each with its own DIR;
# then `inlay bdrate` on the two CSVs concatenated).
# Defaults: random access, 9 frames, DIR = results/work/lif-rd (rd.csv and the streams; git ignores it).
# The loop is scripts/lib/tool_rd.sh's, shared with lip-rd.sh.
set -euo pipefail
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=lib/tool_rd.sh
source "$REPO/scripts/lib/tool_rd.sh"
tool_rd --learned-inter lif ra 9 "$@"
