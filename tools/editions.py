"""Keep the zh-CN edition in step with the English one.

Usage:  python tools/editions.py record    after translating: note which English text each
                                           zh-CN notebook now translates
        python tools/editions.py outputs   after re-running the English notebooks: give the
                                           zh-CN notebooks the same outputs (their code is the
                                           same; nbval re-runs them to prove it)

The zh-CN notebooks (notebooks/zh-CN/) have the same cells as the English ones, in the same
order, with the same code (only the # comments are translated) and the same outputs.
`notebooks/zh-CN/translated_from.json` records a fingerprint of every English cell's source as
it was when it was translated; tests/test_editions.py fails as soon as an English cell changes
and its translation does not (change the zh-CN cell, then `record`).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tokenize
from pathlib import Path

from notebook_files import NOTEBOOKS, ZH_DIR

MANIFEST = ZH_DIR / "translated_from.json"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def save(path: Path, nb: dict) -> None:
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def source(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def fingerprint(cell: dict) -> str:
    """A short fingerprint of a cell's source (its type and text)."""
    text = f"{cell['cell_type']}\n{source(cell)}".encode()
    return hashlib.sha256(text).hexdigest()[:16]


def code_tokens(code: str) -> list[tuple[int, str]]:
    """The code's tokens without comments and line breaks: what the interpreter sees. (An
    IPython line such as `%pip install …` tokenizes too: `%` is an operator to tokenize.)"""
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER}
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return [(t.type, t.string) for t in tokens if t.type not in skip]


def record() -> int:
    manifest = {
        path.name: [fingerprint(c) for c in load(path)["cells"]]
        for path in NOTEBOOKS
        if (ZH_DIR / path.name).exists()
    }
    MANIFEST.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"{MANIFEST.name}: {len(manifest)} notebooks recorded")
    return 0


def copy_outputs() -> int:
    for path in NOTEBOOKS:
        target = ZH_DIR / path.name
        if not target.exists():
            continue
        english, chinese = load(path), load(target)
        if len(english["cells"]) != len(chinese["cells"]):
            sys.exit(
                f"{target.name}: {len(chinese['cells'])} cells, English has "
                f"{len(english['cells'])}: translate the new cells first"
            )
        for en, zh in zip(english["cells"], chinese["cells"], strict=True):
            if en["cell_type"] != zh["cell_type"]:
                sys.exit(f"{target.name}: cell types differ at cell {en.get('id')}")
            if en["cell_type"] == "code":
                if code_tokens(source(en)) != code_tokens(source(zh)):
                    sys.exit(f"{target.name}: the code of cell {en.get('id')} differs")
                zh["outputs"], zh["execution_count"] = en["outputs"], en["execution_count"]
        save(target, chinese)
        print(f"{target.name}: outputs copied")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["record", "outputs"])
    args = parser.parse_args(argv)
    return record() if args.command == "record" else copy_outputs()


if __name__ == "__main__":
    sys.exit(main())
