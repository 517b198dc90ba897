#!/usr/bin/env bash
# The main job: install what is missing, build, and open the Liner shell on the default
# database (built from the embedded datasets on first use). Arguments go to `liner shell`,
# e.g. `bash scripts/run.sh -c ':linked "Florence Welch"'`. Statements piped on stdin run too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/deps.sh"
liner_install_packages
liner_build
exec "$root/build/liner" shell "$@"
