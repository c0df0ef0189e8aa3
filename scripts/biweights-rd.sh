#!/usr/bin/env bash
# Rate-distortion of weighted bi-prediction (docs/learned-inter.md, "Weighted bi-prediction"): encodes each
# clip with `--bi-weights off` and `on` at QPs 22, 27, 32, 37 through the `inlay` command (random access,
# 9 frames by default; the neural loop filter and the bi-flow refinement on, the CLI's defaults), decodes
# each stream, compares the decoded frames with the source and prints the BD-rate of on against off
# (`inlay bdrate --anchor inlay/biweights-off --test inlay/biweights-on`).
#
#   scripts/biweights-rd.sh [--gop ai|ra] [--frames N] [--out DIR] [--configs "off on"] [--encode-opts "OPTS"] CLIP.y4m...
#
# Defaults: DIR = results/work/biweights-rd (rd.csv and the streams; git ignores it). The loop is
# scripts/lib/tool_rd.sh's, shared with biflow-rd.sh, lip-rd.sh and lif-rd.sh.
set -euo pipefail
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=lib/tool_rd.sh
source "$REPO/scripts/lib/tool_rd.sh"
tool_rd --bi-weights biweights ra 9 "$@"
