#!/usr/bin/env bash
# Installs the Debian 12 packages Liner needs to build, test and run — only those missing.
# Sourced by scripts/run.sh and scripts/test.sh. Does nothing when everything is present.
set -euo pipefail

LINER_PACKAGES=(
  g++ cmake ninja-build pkg-config ccache     # toolchain
  librocksdb-dev libcereal-dev libicu-dev     # storage: RocksDB, cereal, ICU (name folding)
  libboost-dev libboost-graph-dev             # graph: Boost.Graph
  nlohmann-json3-dev libedit-dev              # cli: JSON output/params, line editing (BSD)
  libexpat1-dev libarchive-dev zlib1g-dev     # importers: Discogs XML, MusicBrainz .tar.xz, .gz
  catch2                                      # tests: Catch2 2.13
  graphviz                                    # :show renders DOT to SVG
  expect                                      # the pseudo-terminal shell test
)

liner_missing_packages() {
  local missing=()
  for p in "${LINER_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

liner_install_packages() {
  local missing
  missing=$(liner_missing_packages "$@")
  [ -z "$missing" ] && return 0
  echo "liner: installing missing Debian packages: $missing" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "liner: need root or sudo to install: $missing" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2
}

# Configures (once) and builds the tree into build/ with ninja, two jobs (2-core machines).
liner_build() {
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  if [ ! -f "$root/build/build.ninja" ]; then
    cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >&2
  fi
  cmake --build "$root/build" -j "${LINER_JOBS:-2}" >&2
}
