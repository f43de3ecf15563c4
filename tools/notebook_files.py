"""Where the notebooks are: one definition for the tools and the tests.

The notebooks are `notebooks/NN_topic.ipynb`, read in the order of their two-digit number.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))

# The first lines of every notebook's setup cell: on Google Colab, where softmax_lib is not
# installed, fetch it from the course's repository; anywhere else (a laptop, Binder, CI,
# JupyterHub) nothing happens. tools/set_repository.py fills in the repository.
COLAB_SETUP = """\
import importlib.util
import sys

if "google.colab" in sys.modules and importlib.util.find_spec("softmax_lib") is None:
    %pip install --quiet "git+https://github.com/OWNER/REPO"  # on Colab only
"""


def colab_badge(name: str, repository: str = "OWNER/REPO") -> str:
    """The "Open in Colab" badge of notebook `name`, in markdown."""
    url = f"https://colab.research.google.com/github/{repository}/blob/main/notebooks/{name}"
    return f"[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)]({url})"
