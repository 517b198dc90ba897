#!/bin/sh
# Fetches the npm package music-routes-data (pinned 5.1.3; Rich Trott, CC BY-SA 4.0) into a
# cache directory - never into the repository - and prints the path of its data/ folder, which
# `liner import --format music-routes DIR` reads. Offline and already fetched: prints the path.
#
#   usage: datasets/music-routes/fetch.sh        (cache: $LINER_CACHE_DIR or ~/.cache/liner)
set -eu
VERSION=5.1.3
CACHE="${LINER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/liner}/music-routes/$VERSION"
PKG="$CACHE/node_modules/music-routes-data"
if [ ! -f "$PKG/data/individuals.json" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "fetch.sh: npm is not installed (Debian package 'npm'); cannot fetch music-routes-data" >&2
    exit 1
  fi
  mkdir -p "$CACHE"
  # --ignore-scripts: the package is data; nothing of it needs to run.
  npm install --prefix "$CACHE" --no-audit --no-fund --no-save --ignore-scripts \
    "music-routes-data@$VERSION" >&2
fi
if ! grep -q "\"version\": \"$VERSION\"" "$PKG/package.json"; then
  echo "fetch.sh: $PKG is not version $VERSION" >&2
  exit 1
fi
echo "$PKG/data"
