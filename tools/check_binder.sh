#!/usr/bin/env bash
# Check the Binder configuration the way repo2docker uses it, without Docker:
#   1. repo2docker (--no-build) reads binder/ and must pick binder/runtime.txt's Python and
#      `pip install -r binder/requirements.txt` from the repository root;
#   2. a fresh virtual environment on that Python runs that same install from the root
#      (so `-e .` resolves as on Binder), then binder/postBuild if there is one;
#   3. `pip check` passes there, and `softmax_lib` and JupyterLab import and run.
# The notebooks themselves are not re-run here: CI installs the same pins and runs every
# notebook with nbval and in JupyterLab already.
# Usage: bash tools/check_binder.sh   (from anywhere; exits non-zero on any failure)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

want=$(sed -n 's/^python-\([0-9.]*\).*/\1/p' binder/runtime.txt)
[ -n "$want" ] || { echo "binder/runtime.txt must read python-X.Y" >&2; exit 1; }
py=$(command -v "python$want" || true)
if [ -z "$py" ] && python3 -c "import sys; sys.exit(f'{sys.version_info[0]}.{sys.version_info[1]}' != '$want')"; then
  py=$(command -v python3)
fi
[ -n "$py" ] || { echo "binder/runtime.txt asks for Python $want, which this machine lacks" >&2; exit 1; }

echo "== 1. what repo2docker would build"
"$py" -m venv "$work/r2d"
"$work/r2d/bin/python" -m pip install --quiet jupyter-repo2docker
"$work/r2d/bin/repo2docker" --no-build --no-run --user-id 1000 --user-name learner . > "$work/Dockerfile" 2> "$work/r2d.log" || {
  cat "$work/r2d.log" >&2; exit 1; }
grep -q "conda environment for python=$want" "$work/r2d.log" || { echo "repo2docker did not pick Python $want" >&2; cat "$work/r2d.log" >&2; exit 1; }
grep -q 'pip install --no-cache-dir -r "binder/requirements.txt"' "$work/Dockerfile" || {
  echo "repo2docker would not install binder/requirements.txt" >&2; exit 1; }
echo "repo2docker: Python $want, pip install -r binder/requirements.txt from the repository root"

echo "== 2. the same install in a fresh environment"
"$py" -m venv "$work/binder"
"$work/binder/bin/python" -m pip install --quiet --upgrade pip
"$work/binder/bin/python" -m pip install --quiet -r binder/requirements.txt
if [ -f binder/postBuild ]; then PATH="$work/binder/bin:$PATH" bash binder/postBuild; fi
"$work/binder/bin/python" -m pip check

echo "== 3. softmax_lib and JupyterLab in that environment"
"$work/binder/bin/python" -c "import softmax_lib, jupyterlab; print(f'softmax_lib {softmax_lib.__version__}, jupyterlab {jupyterlab.__version__}'); print(softmax_lib.softmax([1.0, 3.0, 2.0]))"
"$work/binder/bin/jupyter" lab --version
echo "binder check passed"
