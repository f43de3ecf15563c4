"""Where the notebooks are: one definition for the tools and the tests.

The notebooks are `notebooks/NN_topic.ipynb`, read in the order of their two-digit number.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
