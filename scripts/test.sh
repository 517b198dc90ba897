#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every test (unit, golden, TCK
# regression list, end-to-end through the binary) with CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/deps.sh"
liner_install_packages
liner_build
cd "$root/build"
ctest --output-on-failure -j "${LINER_JOBS:-2}" --timeout 600
