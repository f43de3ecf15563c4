"""The handout command: student copies carry no solution, instructor copies carry all of them."""

import html
import json
import re
import subprocess
import sys

import pytest
from notebook_files import NOTEBOOKS, ROOT


def visible_text(page: str) -> str:
    """The text of an HTML page, tags dropped, whitespace folded (code is highlighted in spans)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def folded(source: str) -> str:
    return " ".join(source.split())


def cells(path, tagged, cell_type=None):
    """Non-empty cell sources, tagged "solution" or not, optionally of one cell type."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        "".join(c["source"])
        for c in nb["cells"]
        if ("solution" in c.get("metadata", {}).get("tags", [])) == tagged
        and cell_type in (None, c["cell_type"])
        and "".join(c["source"]).strip()
    ]


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_handouts.py"), "--out", str(out)], check=True
    )
    return out


def test_every_notebook_has_three_handouts_and_an_index(handouts):
    assert NOTEBOOKS
    index = (handouts / "index.html").read_text(encoding="utf-8")
    positions = []
    for path in NOTEBOOKS:
        for part in (
            f"student/{path.stem}.ipynb",
            f"student/{path.stem}.html",
            f"instructor/{path.stem}.html",
        ):
            assert (handouts / part).is_file(), part
            assert f'href="{part}"' in index
        positions.append(index.index(f"student/{path.stem}.html"))
    assert positions == sorted(positions), "index.html lists the notebooks in reading order"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_student_copies_carry_no_solution(handouts, path):
    solutions = cells(path, tagged=True)
    assert solutions
    student_nb = json.loads((handouts / "student" / path.name).read_text(encoding="utf-8"))
    assert not any("solution" in c.get("metadata", {}).get("tags", []) for c in student_nb["cells"])
    assert len(student_nb["cells"]) == len(json.loads(path.read_text())["cells"]) - len(solutions)
    page = visible_text((handouts / "student" / f"{path.stem}.html").read_text(encoding="utf-8"))
    for solution in solutions:
        assert folded(solution) not in page


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_instructor_copies_carry_every_solution_and_the_figures(handouts, path):
    raw = (handouts / "instructor" / f"{path.stem}.html").read_text(encoding="utf-8")
    page = visible_text(raw)
    for solution in cells(path, tagged=True):
        assert folded(solution) in page
    assert "data:image/png;base64," in raw, "figures are embedded"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_student_html_keeps_every_other_code_cell(handouts, path):
    page = visible_text((handouts / "student" / f"{path.stem}.html").read_text(encoding="utf-8"))
    for source in cells(path, tagged=False, cell_type="code"):
        assert folded(source) in page
