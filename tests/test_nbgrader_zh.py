"""The zh-CN edition as an nbgrader course: its release speaks Chinese, and autograding one
notebook with a check exercise scores like the English course (full marks to the worked
solution, zero to the untouched release). test_nbgrader.py runs every English notebook."""

import shutil

import pytest
from nbgrader_course import write_course
from notebook_files import ZH_DIR, ZH_NOTEBOOKS
from test_nbgrader import graded, nbgrader

NOTEBOOK = ZH_DIR / "02_softmax_from_scratch.ipynb"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    out = tmp_path_factory.mktemp("course-zh")
    write_course(out, ZH_NOTEBOOKS, "zh-CN")
    nbgrader(out, "generate_assignment", NOTEBOOK.stem, "--force")
    return out


def test_every_zh_cn_notebook_is_an_assignment(course):
    assert [p.name for p in ZH_NOTEBOOKS]
    for path in ZH_NOTEBOOKS:
        assert (course / "source" / path.stem / path.name).is_file()
    assert 'course_id = "softmax-zh-CN"' in (course / "nbgrader_config.py").read_text()


def test_the_release_asks_in_chinese_and_grades_like_the_english(course):
    source = course / "source" / NOTEBOOK.stem / NOTEBOOK.name
    release = course / "release" / NOTEBOOK.stem / NOTEBOOK.name
    text = release.read_text(encoding="utf-8")
    assert "在这里写你的代码" in text and "### BEGIN SOLUTION" not in text
    assert graded(source) and all("自动评分" in "".join(c["source"]) for c in graded(source))
    from nbgrader.api import Gradebook

    for student, notebook in {"solved": source, "blank": release}.items():
        folder = course / "submitted" / student / NOTEBOOK.stem
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(notebook, folder / NOTEBOOK.name)
    nbgrader(course, "autograde", NOTEBOOK.stem, "--create", "--force")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        solved = gradebook.find_submission(NOTEBOOK.stem, "solved")
        blank = gradebook.find_submission(NOTEBOOK.stem, "blank")
        assert solved.max_score > 0 and solved.score == solved.max_score
        assert blank.score == 0
