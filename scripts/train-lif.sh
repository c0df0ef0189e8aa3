#!/usr/bin/env bash
# Trains the learned inter interpolation model and writes lif1.ilif, lif1.sha256 and lif1.log
# (docs/learned-inter.md). Deterministic by construction (seeded block sampling, single thread).
#
#   scripts/train-lif.sh [OUT_DIR] [SETS]
#
# Default OUT_DIR: codec-core/src/main/resources/io/inlay/core/inter, SETS 2. Corpus: $INLAY_CORPUS
# or else <repo>/../shared/corpus. Held out (never trained on): foreman, tennis, bear, parkour and
# street. Reference frames 0 and 8 of each clip are coded all-intra at QPs 22, 27, 32 and 37
# (preset veryfast, deblocking on); the reconstructions are cached in codec-core/target/lif-recon.
set -euo pipefail
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR/.. source=bin/lib/jdk.sh
source "$REPO/bin/lib/jdk.sh"
inlay_find_jdk25 || exit 1
export JAVA_HOME="$INLAY_JAVA_HOME"
OUT="${1:-$REPO/codec-core/src/main/resources/io/inlay/core/inter}"
SETS="${2:-2}"
C="${INLAY_CORPUS:-$REPO/../shared/corpus}"
cd "$REPO"
mvn -B -ntp -q -DskipTests -pl codec-core -am test-compile </dev/null
CLIPS=(apple_1296x720_10 bedroom_960x540_30 bmx_trees_432x240_24 carphone_176x144_30 cars_320x240_25
    flower_960x540_30 mobile_352x288_30 park_joy_480x270_50 stream_of_water_480x360_30)
ARGS=()
for c in "${CLIPS[@]}"; do ARGS+=("$C/$c.y4m"); done
"$JAVA_HOME/bin/java" -Xmx3g @"$REPO/bin/lib/jvm.options" -cp codec-core/target/classes:codec-core/target/test-classes:codec-bitstream/target/classes \
    io.inlay.core.inter.LearnedInterTrainer "$OUT/lif1.ilif" "$SETS" 1 --recon 22,27,32,37 codec-core/target/lif-recon \
    "${ARGS[@]}" | tee "$OUT/lif1.log"
(cd "$OUT" && sha256sum lif1.ilif > lif1.sha256 && cat lif1.sha256)
