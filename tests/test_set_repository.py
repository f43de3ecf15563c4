"""tools/set_repository.py, run on a copy of the course: every link names one repository."""

import re
import shutil
import subprocess
import sys

import pytest
from notebook_files import ROOT

# Each way the course names its own repository: Binder and Colab links, pip's git+ install,
# the citation, and nbgitpuller's URL-encoded form. (Links to other projects stay as they are.)
LINK_FORMS = [
    re.compile(r"mybinder\.org/v2/gh/([^/\s]+/[^/\s]+)/"),
    re.compile(r"colab\.research\.google\.com/github/([^/\s]+/[^/\s]+)/"),
    re.compile(r"git\+https://github\.com/([\w.-]+/[\w.-]+)"),
    re.compile(r'repository-code: "https://github\.com/([\w.-]+/[\w.-]+)"'),
    re.compile(r"github\.com%2F([\w.-]+%2F[\w.-]+)"),
]


@pytest.fixture
def course(tmp_path):
    """A copy of what the command edits, with the command itself."""
    for name in ["README.md", "README.zh-CN.md", "CITATION.cff"]:
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copytree(
        ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def set_repository(course, name):
    script = course / "tools" / "set_repository.py"
    return subprocess.run([sys.executable, str(script), name], capture_output=True, text=True)


def snapshot(course):
    paths = [*course.glob("README*.md"), course / "CITATION.cff", *course.rglob("*.ipynb")]
    return {p.relative_to(course): p.read_text(encoding="utf-8") for p in paths}


def repositories_named(texts):
    named = set()
    for text in texts.values():
        for form in LINK_FORMS:
            named |= {m.replace("%2F", "/") for m in form.findall(text)}
    return named


def test_every_link_names_the_repository_and_a_second_run_changes_nothing(course):
    assert "OWNER/REPO" in repositories_named(snapshot(course)), "the placeholder is the start"
    done = set_repository(course, "softmax-school/softmax-course")
    assert done.returncode == 0, done.stderr
    first = snapshot(course)
    everything = "\n".join(first.values())
    assert "OWNER/REPO" not in everything and "OWNER%2FREPO" not in everything
    assert "lab%2Ftree%2FREPO%2F" not in everything, "nbgitpuller opens the clone's folder"
    assert repositories_named(first) == {"softmax-school/softmax-course"}
    notebooks = [t for p, t in first.items() if p.suffix == ".ipynb"]
    assert notebooks and all("softmax-school/softmax-course" in t for t in notebooks)

    again = set_repository(course, "softmax-school/softmax-course")
    assert again.returncode == 0 and snapshot(course) == first
    assert "0 files changed" in again.stdout


def test_another_name_moves_every_link(course):
    set_repository(course, "first-owner/first-name")
    set_repository(course, "second/softmax")
    assert repositories_named(snapshot(course)) == {"second/softmax"}


def test_a_name_that_is_not_owner_slash_name_is_refused(course):
    before = snapshot(course)
    refused = set_repository(course, "no-slash-here")
    assert refused.returncode != 0 and "OWNER/NAME" in refused.stderr
    assert snapshot(course) == before
