"""The zh-CN edition's handouts: every check of test_handouts.py, on notebooks/zh-CN/ (this
module's fixture `edition` overrides that one's), and the Chinese is printed in a CJK font."""

import re
import shutil
import subprocess

import pytest
from test_handouts import *  # noqa: F403 (every check of the English handouts, collected here too)
from test_handouts import _need

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def edition():
    return "zh-CN"


def test_the_index_is_in_chinese_and_links_the_english_one(handouts, tmp_path):  # noqa: F811
    index = (handouts / "index.html").read_text(encoding="utf-8")
    assert "学生版" in index and "教师版" in index
    # built with the English edition (the default, --edition all), each index links the other
    from make_handouts import write_index

    entries = [("01_max_argmax_hardmax", "01")]
    write_index(tmp_path, entries, pdf=True, edition="zh-CN", both=True)
    assert 'href="../index.html"' in (tmp_path / "index.html").read_text(encoding="utf-8")
    write_index(tmp_path, entries, pdf=True, edition="en", both=True)
    assert 'href="zh-CN/index.html"' in (tmp_path / "index.html").read_text(encoding="utf-8")


def cjk_fonts() -> str:
    if shutil.which("fc-list") is None:
        return ""
    return subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout


@pytest.mark.parametrize("role", ["student", "instructor"])
def test_chinese_prints_in_a_cjk_font(pdfs, role):  # noqa: F811
    # Chromium draws Chinese with the system's CJK font (without one: empty boxes)
    _need(bool(cjk_fonts()), "a CJK font is needed: apt-get install fonts-noto-cjk")
    for pdf in sorted((pdfs / role).glob("*.pdf")):
        text = pdf_text(pdf)  # noqa: F405
        assert len(CJK.findall(text)) > 500, f"{role}/{pdf.name}: the Chinese text did not print"
