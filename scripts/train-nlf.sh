#!/usr/bin/env bash
# Trains the neural loop filter and writes the integer model (docs/neural-filter.md, "Training").
#
#   scripts/train-nlf.sh [--seed N] [--out DIR] [--cache DIR] [TrainNlf options ...]
#   scripts/train-nlf.sh linear [--seed N] [--out DIR] [--cache DIR] [--name lin1] [--positions 22]
#   scripts/train-nlf.sh eval [--cache DIR] [--set heldout|validation] [--clips a,b] [--ctu 64] MODEL.innf ...
#   scripts/train-nlf.sh eval-adaptive [--cache DIR] [--set heldout|validation] [--clips a,b] MODEL.innf
#   scripts/train-nlf.sh eval-switching [--cache DIR] [--set heldout|validation] [--clips a,b] MODEL.innf ...
#   scripts/train-nlf.sh eval-classified [--cache DIR] [--set heldout|validation] [--clips a,b] [--positions 21] [--ridge 1e-5] [--classes alf|grid]
#   scripts/train-nlf.sh eval-offsets [--cache DIR] [--set heldout|validation] [--clips a,b] MODEL.innf ...
#
# `linear` runs FitLinearNlf (the least-squares 3x3 linear filter as a one-layer model; the bundled
# lin1 is `scripts/train-nlf.sh linear --name lin1`); `eval` runs EvalNlf (integer models on whole
# frames: at scale 1.0, at the best frame scale, and with the per-CTU switch); `eval-adaptive` runs
# EvalAdaptiveNlf (what a per-frame least-squares refit of the model's output layer would gain,
# net of its coefficients' bits; docs/neural-filter.md, "A content-adaptive output layer");
# `eval-switching` runs EvalNlfSwitching (on/off maps finer than 64x64, net of their flags;
# docs/neural-filter.md, "Finer switching"); `eval-classified` runs EvalClassifiedNlf (lsf8's output layer
# fitted per ALF class; "Classes"); `eval-offsets` runs EvalNlfOffsets (SAO-style per-CTU offsets
# after the filter, net of their bits; "Adaptive offsets"). `eval --ctu N` sets EvalNlf's switching block size.
#
# Defaults: --seed 1, --name nlf2, --out codec-neural/src/main/resources/io/inlay/neural/models
# (writes nlf2.innf, nlf2.sha256, nlf2.log there), --cache ${TMPDIR:-/tmp}/inlay-nlf-cache (the
# encoded training pairs; a rerun with the same cache skips the encoding, ~15 min on 2 cores),
# --corpus $INLAY_CORPUS or else <repo>/../shared/corpus. Other options go to
# io.inlay.neural.training.TrainNlf: --steps, --batch, --patch, --lr, --lr-end, --warmup,
# --epoch-steps, --select-steps, --margin, --edge-fraction, --encode-threads, --no-heldout,
# --stop-at, --max-minutes, --init he|dirac|linear, --highpass, --input-gain, --output-gain,
# --loss-norm frame|none, --low-qp-weight W (loss weight of frames with frame_qp < 30), --resume CKPT
# (float variables from NAME.best.ckpt / NAME.last.ckpt, written at every model selection),
# --diagnose (checks of the set-up on one batch, then exits), --overfit.
# The bundled nlf4h is reproduced by (docs/neural-filter.md, "Training"):
#   OMP_NUM_THREADS=1 scripts/train-nlf.sh --name nlf4h --init he --highpass --input-gain 16 --lr 1e-3 \
#       --lr-end 3e-5 --warmup 100 --steps 4000 --select-steps 500 --stop-at STEP
# with STEP from the "stopped after step" line of codec-neural/.../models/nlf4h.log.
#
# Finds a JDK 25 (bin/lib/jdk.sh), builds codec-neural-training with the Maven profile `training`
# (ND4J 1.0.0-M2.1, linux-x86_64 natives with the oneDNN AVX2 build; ~130 MB in ~/.m2 on first
# use), then runs the trainer with ND4J's default threads. INLAY_BUILD_SUFFIX builds into
# target<suffix> (as -Dinlay.buildSuffix does); INLAY_JAVA_OPTS adds JVM options.
set -euo pipefail

REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR/.. source=bin/lib/jdk.sh
source "$REPO/bin/lib/jdk.sh"
inlay_find_jdk25 || exit 1
export JAVA_HOME="$INLAY_JAVA_HOME"
command -v mvn >/dev/null || { echo "train-nlf: needs Maven (mvn) on PATH" >&2; exit 1; }

SUFFIX="${INLAY_BUILD_SUFFIX:-}"
cd "$REPO"
mvn -B -ntp -q -Ptraining "-Dinlay.buildSuffix=$SUFFIX" -DskipTests -pl codec-neural-training -am package </dev/null

MOD="$REPO/codec-neural-training/target$SUFFIX"
CP="$MOD/codec-neural-training-0.1.0-SNAPSHOT.jar:$(cat "$MOD/classpath.txt")"

MAIN=TrainNlf
case "${1:-}" in
    linear) MAIN=FitLinearNlf; shift ;;
    eval) MAIN=EvalNlf; shift ;;
    eval-adaptive) MAIN=EvalAdaptiveNlf; shift ;;
    eval-switching) MAIN=EvalNlfSwitching; shift ;;
    eval-classified) MAIN=EvalClassifiedNlf; shift ;;
    eval-offsets) MAIN=EvalNlfOffsets; shift ;;
esac
ARGS=("$@")
has() { local a; for a in "${ARGS[@]}"; do [[ "$a" == "$1" ]] && return 0; done; return 1; }
if [[ $MAIN != Eval* ]]; then
    has --seed || ARGS+=(--seed 1)
    has --name || ARGS+=(--name "$([[ $MAIN == TrainNlf ]] && echo nlf2 || echo lin1)")
    has --out || ARGS+=(--out "$REPO/codec-neural/src/main/resources/io/inlay/neural/models")
fi
has --cache || ARGS+=(--cache "${TMPDIR:-/tmp}/inlay-nlf-cache")
has --corpus || ARGS+=(--corpus "${INLAY_CORPUS:-$REPO/../shared/corpus}")

# shellcheck disable=SC2086  # INLAY_JAVA_OPTS is a list of options
exec "$JAVA_HOME/bin/java" @"$REPO/bin/lib/jvm.options" -Xmx6g \
    -Dorg.bytedeco.javacpp.maxbytes=4G -Dorg.bytedeco.javacpp.maxphysicalbytes=12G \
    -Djavacpp.platform.extension=-onednn-avx2 ${INLAY_JAVA_OPTS:-} \
    -cp "$CP" "io.inlay.neural.training.$MAIN" "${ARGS[@]}"
