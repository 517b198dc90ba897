#!/usr/bin/env bash
# Liner against its peers (Kùzu, SQLite, DuckDB, NetworkX) on the same generated data, in one
# run: installs the peers (once, under $PEERS_HOME), runs ../shared/peers/run_all.sh with Liner
# in it, then prints the table and the ratios Liner / best peer (bench/ratios.py).
#   bash bench/run.sh small|medium|large [harness options, e.g. --reps 200 --budget 30]
# Environment: LINER_BIN (default build/liner), PEERS (default "liner kuzu sqlite duckdb
# networkx"), PEERS_DIR (default ../shared/peers next to the repository), PEERS_HOME (default
# ~/.cache/liner-peers: installs, data, databases and results; nothing is written in the repo).
set -euo pipefail
SCALE=${1:?usage: bench/run.sh small|medium|large [harness options]}; shift || true
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS_DIR=${PEERS_DIR:-$ROOT/../shared/peers}
export PEERS_HOME=${PEERS_HOME:-$HOME/.cache/liner-peers}
export LINER_BIN=${LINER_BIN:-$ROOT/build/liner}
export PEERS=${PEERS:-"liner kuzu sqlite duckdb networkx"}
if [ ! -f "$PEERS_DIR/run_all.sh" ]; then
  echo "bench/run.sh: the peer harness is not at $PEERS_DIR (set PEERS_DIR)" >&2
  exit 1
fi
if [ ! -x "$LINER_BIN" ]; then
  echo "bench/run.sh: no liner binary at $LINER_BIN (build it, or set LINER_BIN)" >&2
  exit 1
fi
case " $PEERS " in
  *" kuzu "*|*" duckdb "*|*" networkx "*) bash "$PEERS_DIR/install.sh" >&2 ;;
esac
echo "== $(date -u +%FT%TZ) $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB," \
     "liner $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" >&2
# Liner's generator writes the same files as gen_graph.py, byte for byte, in a fraction of the
# time; run_all.sh skips its own generator when the data is there.
DATA=$PEERS_HOME/data/$SCALE
if [ ! -f "$DATA/stats.json" ]; then
  "$LINER_BIN" generate --scale "$SCALE" --out "$DATA" >&2
fi
bash "$PEERS_DIR/run_all.sh" "$SCALE" "$@"
python3 "$ROOT/bench/ratios.py" "$PEERS_HOME/results/$SCALE"
