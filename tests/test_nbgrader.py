"""The nbgrader course that make_handouts.py writes: nbgrader generates every assignment, and
autograding gives full marks to the worked solutions and zero to the untouched release.

Needs nbgrader (a test dependency); it runs alembic from the environment's bin/ folder.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader_course import write_course
from notebook_files import NOTEBOOKS

BIN = Path(sys.executable).parent
ENV = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


def nbgrader(course: Path, *args: str) -> None:
    done = subprocess.run(
        [str(BIN / "nbgrader"), *args], cwd=course, env=ENV, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def graded(path: Path) -> list[dict]:
    return [c for c in cells(path) if c["metadata"].get("nbgrader", {}).get("grade")]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    out = tmp_path_factory.mktemp("course")
    write_course(out, NOTEBOOKS)
    for path in NOTEBOOKS:
        nbgrader(out, "generate_assignment", path.stem, "--force")
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_notebook_is_an_assignment_with_its_solutions_marked(course, path):
    source = course / "source" / path.stem / path.name
    solutions = [c for c in cells(path) if "solution" in c["metadata"].get("tags", [])]
    marked = [c for c in cells(source) if c["metadata"].get("nbgrader", {}).get("solution")]
    assert len(marked) == len(solutions) > 0
    assert all("### BEGIN SOLUTION" in "".join(c["source"]) for c in marked)
    for cell in graded(source):
        meta = cell["metadata"]["nbgrader"]
        assert meta["locked"] and meta["points"] > 0 and "strict=True" in "".join(cell["source"])
    release = course / "release" / path.stem / path.name
    text = release.read_text(encoding="utf-8")
    assert "### BEGIN SOLUTION" not in text and "raise NotImplementedError()" in text


def test_learners_check_their_code_in_at_least_four_notebooks(course):
    with_checks = [p.name for p in NOTEBOOKS if graded(course / "source" / p.stem / p.name)]
    assert len(with_checks) >= 4, with_checks


def autograde_solved_and_blank(course: Path, path: Path) -> tuple[float, float, float]:
    """Submit the worked solutions ("solved") and the untouched release ("blank") of one
    assignment, autograde both; return (solved score, its maximum, blank score)."""
    from nbgrader.api import Gradebook

    submissions = {
        "solved": course / "source" / path.stem / path.name,
        "blank": course / "release" / path.stem / path.name,
    }
    for student, notebook in submissions.items():
        folder = course / "submitted" / student / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(notebook, folder / path.name)
    nbgrader(course, "autograde", path.stem, "--create", "--force")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        solved = gradebook.find_submission(path.stem, "solved")
        blank = gradebook.find_submission(path.stem, "blank")
        return solved.score, solved.max_score, blank.score


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_autograding_gives_full_marks_to_solutions_and_zero_to_blanks(course, path):
    if not graded(course / "source" / path.stem / path.name):
        pytest.skip(f"{path.name} has no autograded exercise")
    score, max_score, blank = autograde_solved_and_blank(course, path)
    assert max_score > 0
    assert score == max_score, f"{path.name}: {score}/{max_score}"
    assert blank == 0, f"{path.name}: the blank release scored {blank}"
