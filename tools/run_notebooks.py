"""Re-run notebooks top to bottom in a fresh kernel and save them with clean metadata.

Usage:  python tools/run_notebooks.py [notebooks/NN_topic.ipynb ...]   (default: all)

This is "Restart kernel and run all cells" from the command line: execution counts become
1, 2, 3, ... and the outputs are the ones nbval will compare against. Timing and other
machine-specific metadata are stripped so that a re-run changes only what really changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from notebook_files import ALL_NOTEBOOKS

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def clean(nb: nbformat.NotebookNode) -> None:
    """Keep only the metadata a reader or a tool needs."""
    nb.metadata = nbformat.from_dict(
        {
            "kernelspec": KERNELSPEC,
            "language_info": {"name": "python", "pygments_lexer": "ipython3"},
        }
    )
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        cell.metadata.pop("collapsed", None) if cell.cell_type != "code" else None


def run(path: Path, timeout: int) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = KERNELSPEC
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        # one stream output per cell, however the kernel's prints were flushed
        coalesce_streams=True,
    )
    client.execute()
    clean(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks to run (default: all)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    args = parser.parse_args()
    paths = args.paths or ALL_NOTEBOOKS
    for path in paths:
        print(f"running {path} ...", flush=True)
        run(path, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
