#!/usr/bin/env bash
# Trains the learned inter interpolation model (docs/learned-inter.md). Deterministic by
# construction (seeded block sampling, single thread).
#
#   scripts/train-lif.sh [OUT_DIR] [SETS]                      # lif1: +-12 full search on intra-coded references
#   scripts/train-lif.sh --encoder NAME [OUT_DIR] [SETS]       # NAME (lif2): the encoder's own motion
#
# Writes NAME.ilif, NAME.sha256 and NAME.log (NAME lif1 in the first form). Default OUT_DIR:
# codec-core/src/main/resources/io/inlay/core/inter, SETS 2. Corpus: $INLAY_CORPUS or else
# <repo>/../shared/corpus. Held out (never trained on): foreman, tennis, bear, parkour and street.
# lif1: reference frames 0 and 8 of each clip are coded all-intra at QPs 22, 27, 32 and 37 (preset
# veryfast, deblocking on); the reconstructions are cached in codec-core/target/lif-recon.
# --encoder: the first $LIF_FRAMES (default 9) frames of each clip are encoded in random access at
# QPs 22..37 (preset slow) and the uni-predicted AMVP CUs with fractional vectors are the blocks
# (EncoderMotionBlocks); $LIF_RIDGE (default 0) pulls the rows towards H.265's taps, LIF_BI=true
# adds bi-predicted CUs (target 2 org - the other list's prediction), LIF_IN_LOOP=MODEL encodes with
# that model on (its own motion and choices) instead of the tool off, LIF_MAX_MSE (default 100)
# drops outliers, LIF_BLOCKS=FILE caches the collected blocks (later runs with other settings
# then skip the encodes), LIF_NLF=true encodes with the neural loop filter on (the references the
# blocks are predicted from are then filtered, as in the codec's default encodes; builds codec-neural
# and puts it on the class path).
# Environment: INLAY_BUILD_SUFFIX (build into target<suffix>, as -Dinlay.buildSuffix does).
set -euo pipefail
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR/.. source=bin/lib/jdk.sh
source "$REPO/bin/lib/jdk.sh"
inlay_find_jdk25 || exit 1
export JAVA_HOME="$INLAY_JAVA_HOME"
MODE=recon NAME=lif1
if [[ "${1:-}" == --encoder ]]; then MODE=encoder NAME="$2"; shift 2; fi
OUT="${1:-$REPO/codec-core/src/main/resources/io/inlay/core/inter}"
SETS="${2:-2}"
C="${INLAY_CORPUS:-$REPO/../shared/corpus}"
SUFFIX="${INLAY_BUILD_SUFFIX:-}"
cd "$REPO"
T="target$SUFFIX"
CP="codec-core/$T/classes:codec-core/$T/test-classes:codec-bitstream/$T/classes"
if [[ "${LIF_NLF:-false}" == true ]]; then
    mvn -B -ntp -q -DskipTests -Dinlay.buildSuffix="$SUFFIX" -pl codec-core,codec-neural -am test-compile \
        dependency:build-classpath -Dmdep.outputFile="$REPO/codec-neural/$T/lif-cp.txt" </dev/null
    CP="$CP:codec-neural/$T/classes:$(cat "codec-neural/$T/lif-cp.txt")"
else
    mvn -B -ntp -q -DskipTests -Dinlay.buildSuffix="$SUFFIX" -pl codec-core -am test-compile </dev/null
fi
CLIPS=(apple_1296x720_10 bedroom_960x540_30 bmx_trees_432x240_24 carphone_176x144_30 cars_320x240_25
    flower_960x540_30 mobile_352x288_30 park_joy_480x270_50 stream_of_water_480x360_30)
ARGS=()
for c in "${CLIPS[@]}"; do ARGS+=("$C/$c.y4m"); done
if [[ $MODE == recon ]]; then
    "$JAVA_HOME/bin/java" -Xmx3g @"$REPO/bin/lib/jvm.options" -cp "$CP" \
        io.inlay.core.inter.LearnedInterTrainer "$OUT/lif1.ilif" "$SETS" 1 --recon 22,27,32,37 "codec-core/$T/lif-recon" \
        "${ARGS[@]}" | tee "$OUT/lif1.log"
else
    "$JAVA_HOME/bin/java" -Xmx6g @"$REPO/bin/lib/jvm.options" -Dinlay.lifRidge="${LIF_RIDGE:-0}" \
        -Dinlay.lifBi="${LIF_BI:-false}" ${LIF_IN_LOOP:+-Dinlay.lifInLoop="$LIF_IN_LOOP"} \
        -Dinlay.lifMaxMse="${LIF_MAX_MSE:-100}" ${LIF_BLOCKS:+-Dinlay.lifBlocks="$LIF_BLOCKS"} \
        -Dinlay.lifNlf="${LIF_NLF:-false}" \
        -Dinlay.lifCompare="$REPO/codec-core/src/main/resources/io/inlay/core/inter/lif1.ilif" -cp "$CP" \
        io.inlay.core.inter.LearnedInterTrainer "$OUT/$NAME.ilif" "$SETS" 1 --encoder 22,27,32,37 "${LIF_FRAMES:-9}" \
        "${ARGS[@]}" | tee "$OUT/$NAME.log"
fi
(cd "$OUT" && sha256sum "$NAME.ilif" > "$NAME.sha256" && cat "$NAME.sha256")
