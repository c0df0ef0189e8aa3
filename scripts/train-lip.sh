#!/usr/bin/env bash
# Trains the learned intra prediction model and writes lip3.ilip, lip3.sha256 and lip3.log
# (docs/learned-intra.md). Deterministic by construction (seeded sampling, single thread); the
# bundled lip3 was written by this trainer with these arguments.
#
#   scripts/train-lip.sh [OUT_DIR]
#
# Default OUT_DIR: codec-neural/src/main/resources/io/inlay/neural/models. Corpus: $INLAY_CORPUS
# or else <repo>/../shared/corpus; the clips held out of the neural filter's training (foreman,
# tennis, bear, parkour) are held out here too. Seed 1, frames 0, 8 and 16 of each clip, each
# coded all-intra at QPs 22, 27, 32 and 37 (learned intra off, deblocking off) for the reference
# samples; the reconstructions are cached in codec-core/target/lip-recon (about 10 minutes on
# 2 cores the first time).
set -euo pipefail
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR/.. source=bin/lib/jdk.sh
source "$REPO/bin/lib/jdk.sh"
inlay_find_jdk25 || exit 1
export JAVA_HOME="$INLAY_JAVA_HOME"
OUT="${1:-$REPO/codec-neural/src/main/resources/io/inlay/neural/models}"
C="${INLAY_CORPUS:-$REPO/../shared/corpus}"
cd "$REPO"
mvn -B -ntp -q -DskipTests -pl codec-core -am test-compile </dev/null
CLIPS=(apple_1296x720_10 bedroom_960x540_30 bmx_trees_432x240_24 carphone_176x144_30 cars_320x240_25
    flower_960x540_30 mobile_352x288_30 park_joy_480x270_50 stream_of_water_480x360_30 street_1920x1080_25)
ARGS=()
for c in "${CLIPS[@]}"; do ARGS+=("$C/$c.y4m"); done
"$JAVA_HOME/bin/java" -Xmx3g -cp codec-core/target/classes:codec-core/target/test-classes:codec-bitstream/target/classes \
    io.inlay.core.intra.LearnedIntraTrainer "$OUT/lip3.ilip" 1 3 --recon 22,27,32,37 codec-core/target/lip-recon \
    "${ARGS[@]}" | tee "$OUT/lip3.log"
(cd "$OUT" && sha256sum lip3.ilip > lip3.sha256 && cat lip3.sha256)
