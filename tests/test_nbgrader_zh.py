"""The zh-CN edition as an nbgrader course: its release speaks Chinese, and autograding one
notebook with a check exercise scores like the English course (full marks to the worked
solution, zero to the untouched release). test_nbgrader.py runs every English notebook."""

import pytest
from nbgrader_course import write_course
from notebook_files import ZH_DIR, ZH_NOTEBOOKS
from test_nbgrader import autograde_solved_and_blank, graded, nbgrader

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
    score, max_score, blank = autograde_solved_and_blank(course, NOTEBOOK)
    assert max_score > 0 and score == max_score and blank == 0, (score, max_score, blank)
