#!/usr/bin/env bash
# Offline MLP study (docs/learned-intra.md, "Non-linear network (MLP), offline study").
#   results/lip-mlp/run.sh TAG [TrainLipMlp options]      (data: /tmp/h1/mlpdata from data.cmd)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
MOD=codec-neural-training/target-h1
CP="$MOD/codec-neural-training-0.1.0-SNAPSHOT.jar:$(cat $MOD/classpath.txt)"
TAG=$1; shift
OMP_NUM_THREADS=1 nice -n 5 "$JAVA_HOME/bin/java" @bin/lib/jvm.options -Xmx4g -Dorg.bytedeco.openblas.nthreads=1 \
    -Djavacpp.platform.extension=-onednn-avx2 -cp "$CP" io.inlay.neural.training.TrainLipMlp \
    --data "${MLP_DATA:-/tmp/h1/mlpdata}" --out results/lip-mlp --tag "$TAG" "$@" 2>/dev/null | grep -v "^Added differentiated op"
