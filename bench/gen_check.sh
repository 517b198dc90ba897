#!/usr/bin/env bash
# Checks that `liner generate` writes the same bytes as the peer harness's Python generator
# (../shared/peers/gen/gen_graph.py) and prints both generation times.
#   bash bench/gen_check.sh [small|medium|large] [seed]      (default: small 42)
# Environment: LINER_BIN (default build/liner), PEERS_DIR (default ../shared/peers).
# Writes only under a temporary directory, removed at the end.
set -euo pipefail
SCALE=${1:-small}
SEED=${2:-42}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LINER_BIN=${LINER_BIN:-$ROOT/build/liner}
PEERS_DIR=${PEERS_DIR:-$ROOT/../shared/peers}
GEN=$PEERS_DIR/gen/gen_graph.py
[ -f "$GEN" ] || { echo "bench/gen_check.sh: no $GEN (set PEERS_DIR)" >&2; exit 1; }
[ -x "$LINER_BIN" ] || { echo "bench/gen_check.sh: no liner binary at $LINER_BIN" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
t0=$(date +%s.%N)
python3 "$GEN" --scale "$SCALE" --seed "$SEED" --out "$TMP/py" > /dev/null
t1=$(date +%s.%N)
"$LINER_BIN" generate --scale "$SCALE" --seed "$SEED" --out "$TMP/liner" > /dev/null
t2=$(date +%s.%N)
status=0
for f in persons.csv songs.csv samples.csv credits.csv has_sample.csv samples_song.csv params.json; do
  if cmp -s "$TMP/py/$f" "$TMP/liner/$f"; then
    echo "same      $f ($(wc -l < "$TMP/liner/$f") lines)"
  else
    echo "DIFFERENT $f"
    status=1
  fi
done
# stats.json: equal but for the generation time.
if diff <(grep -v gen_seconds "$TMP/py/stats.json") <(grep -v gen_seconds "$TMP/liner/stats.json") \
    > /dev/null; then
  echo "same      stats.json (but gen_seconds)"
else
  echo "DIFFERENT stats.json"
  status=1
fi
printf 'gen_graph.py %.2f s, liner generate %.2f s (scale %s, seed %s)\n' \
  "$(awk "BEGIN{print $t1 - $t0}")" "$(awk "BEGIN{print $t2 - $t1}")" "$SCALE" "$SEED"
exit $status
