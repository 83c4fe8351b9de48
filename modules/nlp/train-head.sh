#!/usr/bin/env bash
# Retrains one NLP head from the public corpora in ../shared/data (or $MEDITWIN_DATA_DIR):
#   modules/nlp/train-head.sh deid-names   --context 1 --lr 0.001 --hidden 256 --conll 3000
#   modules/nlp/train-head.sh clinical-ner --context 1 --lr 0.001 --hidden 256
# Writes models/<name>/head.params + model.json. Encoder features of the corpora are cached
# under $TMPDIR/meditwin-nlp-features (public data only).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" DJL_OFFLINE=true OPT_OUT_TRACKING=true
./mvnw -B -q -o -pl modules/nlp install -DskipTests -Dspotless.check.skip=true >&2
CPFILE="$(mktemp)"
trap 'rm -f "$CPFILE"' EXIT
./mvnw -B -q -o -pl modules/nlp dependency:build-classpath -Dmdep.outputFile="$CPFILE" -Dmdep.includeScope=test >&2
DATA="${MEDITWIN_DATA_DIR:-$ROOT/../shared/data}"
exec "$JAVA_HOME/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
  -Dai.djl.default_engine=PyTorch -Dai.djl.onnx.disable_alternative=true -Dai.djl.pytorch.num_threads=1 \
  -cp "modules/nlp/target/classes:$(cat "$CPFILE")" org.meditwin.nlp.train.HeadTraining "$@" \
  --data "$DATA" --models models
