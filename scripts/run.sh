#!/usr/bin/env bash
# The main job: install what is missing, build, and open the Liner shell on the default
# database (built from the embedded datasets on first use). Arguments go to `liner shell`,
# e.g. `bash scripts/run.sh -c ':linked "Florence Welch"'`. Statements piped on stdin run too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/deps.sh"
# npm fetches music-routes-data (thousands of real credits) for the default database on first
# use; only needed while that database does not exist yet.
if ! command -v npm >/dev/null 2>&1 && [ -z "${LINER_DB:-}" ] && \
   [ ! -f "${XDG_DATA_HOME:-$HOME/.local/share}/liner/default.db/CURRENT" ]; then
  liner_install_packages npm
else
  liner_install_packages
fi
liner_build
exec "$root/build/liner" shell "$@"
