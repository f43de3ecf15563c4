"""Where the notebooks are: one definition for the tools and the tests.

The notebooks are `notebooks/NN_topic.ipynb`, read in the order of their two-digit number.
The simplified-Chinese edition, `notebooks/zh-CN/NN_topic.ipynb`, has the same files, the same
code and the same outputs, with the prose (and the code's comments) in Chinese.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
ZH_DIR = NOTEBOOK_DIR / "zh-CN"
GLOB = "[0-9][0-9]_*.ipynb"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob(GLOB))
ZH_NOTEBOOKS = sorted(ZH_DIR.glob(GLOB))
# Each edition's language tag, folder and notebooks; English is the edition the others follow.
EDITIONS = {"en": (NOTEBOOK_DIR, NOTEBOOKS), "zh-CN": (ZH_DIR, ZH_NOTEBOOKS)}
ALL_NOTEBOOKS = NOTEBOOKS + ZH_NOTEBOOKS


def edition_of(path: Path) -> str:
    """ "en" or "zh-CN": the edition a notebook belongs to."""
    return "zh-CN" if Path(path).resolve().parent == ZH_DIR else "en"


def relative(path: Path) -> str:
    """A notebook's path from the repository root, as links write it (notebooks/zh-CN/…)."""
    return Path(path).resolve().relative_to(ROOT).as_posix()


# The first lines of every notebook's setup cell: on Google Colab, where softmax_lib is not
# installed, fetch it from the course's repository; anywhere else (a laptop, Binder, CI,
# JupyterHub) nothing happens. tools/set_repository.py fills in the repository. The editions
# differ only in the comment.
COLAB_SETUP = """\
import importlib.util
import sys

if "google.colab" in sys.modules and importlib.util.find_spec("softmax_lib") is None:
    %pip install --quiet "git+https://github.com/OWNER/REPO"  # on Colab only
"""
COLAB_SETUPS = {
    "en": COLAB_SETUP,
    "zh-CN": COLAB_SETUP.replace("# on Colab only", "# 仅在 Colab 上"),
}


def colab_badge(path: str, repository: str = "OWNER/REPO") -> str:
    """The "Open in Colab" badge of the notebook at `path` (from the root: notebooks/NN_….ipynb
    or notebooks/zh-CN/NN_….ipynb), in markdown."""
    url = f"https://colab.research.google.com/github/{repository}/blob/main/{path}"
    return f"[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)]({url})"


def binder_url(path: str, repository: str = "OWNER/REPO") -> str:
    """The Binder link that opens the notebook at `path` (from the root) in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{repository}/HEAD?urlpath=lab/tree/{path}"
