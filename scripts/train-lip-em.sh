#!/usr/bin/env bash
# Encoder-in-the-loop refit of the learned intra model (docs/learned-intra.md, "Encoder-in-the-loop
# training"): codes frames 0, 8 and 16 of the training clips all intra with IN (preset slow, one
# thread, QPs 22, 27, 32, 37), records the encoder's luma mode decisions and refits every learned
# mode on the blocks the encoder coded with it (and, at weight 0.3, those where it came within 3 %
# of the best regular mode), transform-domain L1 for 4x4 and 8x8 (4 IRLS rounds), ridge 0.01
# towards IN. Writes OUT_PREFIX.0.ilip and prints the decision statistics. Deterministic. The
# bundled lip4 is `scripts/train-lip-em.sh lip3.ilip lip4` renamed from lip4.0.ilip (about 3 minutes on
# 2 cores; byte-identical, models/lip4.log is its output).
#
#   scripts/train-lip-em.sh IN.ilip OUT_PREFIX [PRIORS MARGINS CLOSE_WEIGHTS L1_ROUNDS [CLASSES]]
#
# The optional arguments override lip4's refit (0.01 0.03 0.3 4): comma lists of equal length, one
# output OUT_PREFIX.<i>.ilip per entry; an L1_ROUNDS entry "A/B" also fits 16x16 and 32x32 with B
# rounds of the L1 loss in the upsampling's fitted coordinates; CLASSES (e.g. 16,32) refits only
# those block sizes and copies the others from IN unchanged (LearnedIntraEmTrainer).
# The lip5 candidate (results/lip5, not bundled; docs/learned-intra.md, "lip5") is
# `scripts/train-lip-em.sh lip4.ilip lip5 0.1 0.03 0.3 4/4 16,32` renamed from lip5.0.ilip.
#
# Corpus: $INLAY_CORPUS or else <repo>/../shared/corpus. Held out (never coded here): foreman, tennis,
# bear, parkour and street.
set -euo pipefail
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR/.. source=bin/lib/jdk.sh
source "$REPO/bin/lib/jdk.sh"
inlay_find_jdk25 || exit 1
export JAVA_HOME="$INLAY_JAVA_HOME"
IN="$(readlink -f "$1")"
OUT="$2"
PRIORS="${3:-0.01}"
MARGINS="${4:-0.03}"
CLOSE_WEIGHTS="${5:-0.3}"
L1_ROUNDS="${6:-4}"
CLASS_OPTS=()
if [[ -n "${7:-}" ]]; then CLASS_OPTS=("-Dinlay.em.classes=$7"); fi
C="${INLAY_CORPUS:-$REPO/../shared/corpus}"
SUFFIX="${INLAY_BUILD_SUFFIX:-}"
cd "$REPO"
mvn -B -ntp -q -DskipTests -Dinlay.buildSuffix="$SUFFIX" -pl codec-core -am test-compile </dev/null
CLIPS=(apple_1296x720_10 bedroom_960x540_30 bmx_trees_432x240_24 carphone_176x144_30 cars_320x240_25
    flower_960x540_30 mobile_352x288_30 park_joy_480x270_50 stream_of_water_480x360_30)
ARGS=()
for c in "${CLIPS[@]}"; do ARGS+=("$C/$c.y4m"); done
"$JAVA_HOME/bin/java" @bin/lib/jvm.options -Xmx8g "${CLASS_OPTS[@]}" \
    -cp "codec-core/target$SUFFIX/classes:codec-core/target$SUFFIX/test-classes:codec-bitstream/target$SUFFIX/classes" \
    io.inlay.core.intra.LearnedIntraEmTrainer "$IN" "$OUT" 3 22,27,32,37 "$PRIORS" "$MARGINS" "$CLOSE_WEIGHTS" \
    "$L1_ROUNDS" "${ARGS[@]}"
