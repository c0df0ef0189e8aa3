#!/usr/bin/env bash
# Rate-distortion of the bi-prediction optical-flow refinement (docs/learned-inter.md, "Bi-prediction
# refinement"): encodes each clip with `--bi-flow off` and `on` at QPs 22, 27, 32, 37 through the `inlay`
# command (random access, 9 frames by default; the neural loop filter on when installed, the CLI's
# default), decodes each stream, compares the decoded frames with the source and prints the BD-rate of on
# against off (`inlay bdrate --anchor inlay/biflow-off --test inlay/biflow-on`).
#
#   scripts/biflow-rd.sh [--gop ai|ra] [--frames N] [--out DIR] [--configs "off on"] [--encode-opts "OPTS"] CLIP.y4m...
#
# Defaults: DIR = results/work/biflow-rd (rd.csv and the streams; git ignores it). The loop is
# scripts/lib/tool_rd.sh's, shared with lip-rd.sh and lif-rd.sh.
set -euo pipefail
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=lib/tool_rd.sh
source "$REPO/scripts/lib/tool_rd.sh"
tool_rd --bi-flow biflow ra 9 "$@"
