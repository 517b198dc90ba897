#!/usr/bin/env bash
# Throughput and peak memory of the MusicBrainz JSON and Discogs XML importers on large inputs
# built from the real samples in ../shared/data (bench/make_import_input.py: records repeated
# with renumbered ids and names). Everything is written under $OUT (default /tmp).
#
#   bash bench/import_bench.sh [MB_PER_FORMAT ...]      # default: 100
#   LINER=build/liner OUT=/tmp/liner-import-bench bash bench/import_bench.sh 50 100 200
#   ARGS="--cache-entries 100000" bash bench/import_bench.sh 30 60 120   # memory stays flat
#
# Prints one row per format and size: input MB, wall s, CPU s (user+sys), MB/s of uncompressed
# input per wall second and per CPU second, peak RSS (from /usr/bin/time -v). The row
# "discogs undo" imports the same Discogs input with one bad release appended at the very end:
# the import fails there and is rolled back, so its times are the whole import plus the undo
# (ROLLBACK=0 skips it).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
LINER="${LINER:-$here/build/liner}"
OUT="${OUT:-/tmp/liner-import-bench}"
DATA="${DATA:-$here/../shared/data}"
[ -d "$DATA" ] || DATA=/work/shared/data
[ -d "$DATA" ] || { echo "import_bench: no shared data folder (set DATA=)" >&2; exit 1; }
[ -x "$LINER" ] || { echo "import_bench: build liner first ($LINER)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "import_bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100)

printf '| format | input MB | wall s | CPU s | MB/s wall | MB/s CPU | peak RSS MiB | records |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for mb in "${sizes[@]}"; do
  in="$OUT/input-$mb"
  if [ ! -d "$in" ]; then
    python3 "$here/bench/make_import_input.py" "$DATA" "$in" "$mb" >&2
  fi
  runs=(musicbrainz discogs)
  if [ "${ROLLBACK:-1}" != 0 ]; then
    runs+=("discogs undo")
    bad="$in/discogs-bad"
    if [ ! -d "$bad" ]; then
      mkdir -p "$bad"
      for f in "$in"/discogs/*; do
        case "$f" in
          *releases.xml) sed '$ s#</releases>#<release status="Accepted"><title>no id</title></release></releases>#' "$f" >"$bad/$(basename "$f")" ;;
          *) ln -s "$f" "$bad/$(basename "$f")" ;;
        esac
      done
    fi
  fi
  for run in "${runs[@]}"; do
    fmt=${run%% *}
    dir="$in/mb"; [ "$fmt" = discogs ] && dir="$in/discogs"
    [ "$run" = "discogs undo" ] && dir="$in/discogs-bad"
    tag=${run// /-}
    db="$OUT/db-$tag-$mb"
    rm -rf "$db"
    bytes=$(cat "$dir"/* | wc -c)
    log="$OUT/time-$tag-$mb.txt"
    status=0
    /usr/bin/time -v "$LINER" import --db "$db" --format "$fmt" ${ARGS:-} "$dir" >"$OUT/out-$tag-$mb.txt" 2>"$log" || status=$?
    if [ "$run" = "discogs undo" ]; then
      grep -q "nothing of this import was written" "$log" || { echo "import_bench: the bad import was not undone (see $log)" >&2; exit 1; }
    elif [ "$status" != 0 ]; then
      echo "import_bench: $run import failed (see $log)" >&2; exit 1
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$log")
    recs=$(grep -o 'imported [0-9]* records' "$log" | awk '{print $2}' || true)
    awk -v f="$run" -v b="$bytes" -v w="$wall" -v c="$cpu" -v r="$rss" -v n="$recs" 'BEGIN {
      printf "| %s | %.1f | %.2f | %.2f | %.1f | %.1f | %d | %s |\n", f, b/1e6, w, c, b/1e6/w, b/1e6/c, r, n }'
    rm -rf "$db"
  done
done
