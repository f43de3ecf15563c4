"""The notebooks as an nbgrader course: source assignments with solutions and autograder cells.

make_handouts.py calls `write_course(DIR / "nbgrader", notebooks)`, which writes

  nbgrader_config.py                    the course's settings
  source/NN_topic/NN_topic.ipynb        every notebook as an nbgrader source assignment

In each notebook, every exercise's worked solution (the code cell tagged "solution") becomes
an nbgrader solution cell, and the learner's empty cell before it goes (nbgrader's release
puts "# YOUR CODE HERE / raise NotImplementedError()" in its place). Where the solution
defines a function and runs a `softmax_lib.testing` check on it (`check_softmax(my_softmax)`),
only the function's body is the solution, the check stays for the student's own feedback,
and a read-only autograder cell with points follows: the same check with `strict=True`.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

SOLUTION_TAG = "solution"
POINTS_PER_CHECK = 1
CHECK_CALL = re.compile(r"^(check_\w+)\((\w+)\)\s*$", re.M)
CONFIG = '''\
"""nbgrader settings of the softmax course. Run nbgrader from this folder."""

c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = "{course_id}"
c.ClearSolutions.code_stub = {{"python": "# {your_code}\\nraise NotImplementedError()"}}
c.Execute.timeout = 300  # seconds per cell; no cell of the course takes more than a few
'''
# What the learner reads in each edition: the course's name, the stub in place of a solution,
# the first line of an autograder cell.
WORDS = {
    "en": {
        "course_id": "softmax",
        "your_code": "YOUR CODE HERE",
        "autograder": "# Autograder: the same check, strict (an AssertionError lists what fails)",
    },
    "zh-CN": {
        "course_id": "softmax-zh-CN",
        "your_code": "YOUR CODE HERE（在这里写你的代码）",
        "autograder": "# 自动评分：同样的检查，严格模式（AssertionError 会列出没通过的情况）",
    },
}


def nbgrader_meta(grade_id: str, *, solution: bool, points: int | None = None) -> dict:
    meta = {
        "grade": points is not None,
        "grade_id": grade_id,
        "locked": not solution,
        "schema_version": 3,
        "solution": solution,
    }
    if points is not None:
        meta["points"] = points
    return meta


def mark_function_body(source: str, function: str) -> str:
    """`source` with the body of `def function(...)` between nbgrader's solution markers."""
    lines = source.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(rf"def {function}\(", line))
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "\t"))):
        end += 1
    while not lines[end - 1].strip():  # trailing blank lines stay outside the markers
        end -= 1
    indent = re.match(r"\s*", lines[start + 1]).group(0)
    marked = [f"{indent}### BEGIN SOLUTION", *lines[start + 1 : end], f"{indent}### END SOLUTION"]
    return "\n".join(lines[: start + 1] + marked + lines[end:])


def assignment(nb: nbformat.NotebookNode, stem: str, edition: str = "en") -> nbformat.NotebookNode:
    """The nbgrader source version of one notebook."""
    cells = []
    exercise = 0
    for cell in nb.cells:
        is_solution = SOLUTION_TAG in cell.metadata.get("tags", [])
        if not is_solution:
            cells.append(cell)
            continue
        exercise += 1
        if cells and cells[-1].cell_type == "code" and not cells[-1].metadata.get("nbgrader"):
            cells.pop()  # the learner's empty cell: the release puts the stub here
        solution = nbformat.v4.new_code_cell()
        check = CHECK_CALL.search(cell.source)
        if check:
            solution.source = mark_function_body(cell.source, check.group(2))
        else:
            solution.source = f"### BEGIN SOLUTION\n{cell.source.strip()}\n### END SOLUTION"
        solution.metadata["nbgrader"] = nbgrader_meta(f"{stem}-ex{exercise}", solution=True)
        cells.append(solution)
        if check:
            grader = nbformat.v4.new_code_cell(
                f"{WORDS[edition]['autograder']}\n{check.group(1)}({check.group(2)}, strict=True)"
            )
            grader.metadata["nbgrader"] = nbgrader_meta(
                f"{stem}-ex{exercise}-check", solution=False, points=POINTS_PER_CHECK
            )
            cells.append(grader)
    source = nbformat.v4.new_notebook(metadata=nb.metadata, cells=cells)
    for cell in source.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return source


def write_course(out: Path, notebooks: list[Path], edition: str = "en") -> None:
    """The course of one edition ("en" or "zh-CN") in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    words = WORDS[edition]
    config = CONFIG.format(course_id=words["course_id"], your_code=words["your_code"])
    (out / "nbgrader_config.py").write_text(config, encoding="utf-8")
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        folder = out / "source" / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(assignment(nb, path.stem, edition), folder / path.name)
