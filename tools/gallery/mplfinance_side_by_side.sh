#!/bin/bash
# Regenerates the images of docs/labels.md: candlewick's charts of the
# synthetic series (data/synthetic.h) and mplfinance's charts of the same
# data, side by side, into docs/gallery/labels/.
#
#   ./tools/gallery/mplfinance_side_by_side.sh
#
# mplfinance is only a measuring stick: it is pip-installed from PyPI into a
# virtual environment outside the repository (CW_GALLERY_VENV, default
# ~/.cache/candlewick-mplfinance-venv), never a dependency of candlewick.
# Needs a Python 3 with the venv module (pyenv's, or Debian's python3-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$PWD/docs/gallery/labels"
venv="${CW_GALLERY_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/candlewick-mplfinance-venv}"
python="${PYTHON:-python3}"

./tools/setup.sh
mkdir -p "$out"
bazel run //tools/gallery:labels -- "$out"

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import mplfinance" 2>/dev/null; then
  echo "mplfinance_side_by_side: creating $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check \
    "mplfinance==0.12.10b0" "matplotlib==3.8.4" "pandas==2.2.2" "numpy<2" "six==1.16.0"
fi
"$venv/bin/python" tools/gallery/mplfinance_side_by_side.py "$out"
# The CSVs and the case list are inputs of this script, not part of the page.
rm -f "$out"/*.csv "$out/cases.tsv"
echo "mplfinance_side_by_side: images in $out; docs/labels.md shows them"
