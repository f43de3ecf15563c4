"""The handout command: student copies carry no solution, instructor copies carry all of them,
every page works offline (formulas typeset by the bundled MathJax), and the PDFs are printed.

The PDFs need Playwright and Chromium (as the browser test) and pdftotext (Debian's
poppler-utils); outside CI their tests are skipped when these are missing, in CI that fails.

These checks are of the English edition; test_handouts_zh.py runs every one of them on the
zh-CN edition (the fixture `edition` says which), on the other core.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from make_handouts import FOLDERS
from notebook_files import EDITIONS, NOTEBOOKS, ROOT

NAMES = [p.name for p in NOTEBOOKS]  # the same in both editions


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


def _need(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must build the PDF handouts)")
        pytest.skip(reason)


def _can_print() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    from chromium import CHROMIUM

    return Path(CHROMIUM).exists()


PRINTS = _can_print()


@pytest.fixture(scope="module")
def edition():
    return "en"


def notebooks(edition):
    return EDITIONS[edition][1]


@pytest.fixture(params=NAMES)
def path(request, edition):
    return EDITIONS[edition][0] / request.param


@pytest.fixture(scope="module")
def handouts(tmp_path_factory, edition):
    """The handouts of one edition (its folder under the output: zh-CN/ for zh-CN)."""
    out = tmp_path_factory.mktemp("handouts")
    command = [sys.executable, str(ROOT / "tools" / "make_handouts.py"), "--out", str(out)]
    command += ["--edition", edition] + ([] if PRINTS else ["--no-pdf"])
    subprocess.run(command, check=True)
    return out / FOLDERS[edition]


def test_every_notebook_has_three_handouts_and_an_index(handouts, edition):
    assert notebooks(edition)
    index = (handouts / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{edition}">' in index
    positions = []
    for path in notebooks(edition):
        for part in (
            f"student/{path.stem}.ipynb",
            f"student/{path.stem}.html",
            f"instructor/{path.stem}.html",
        ):
            assert (handouts / part).is_file(), part
            assert f'href="{part}"' in index
        positions.append(index.index(f"student/{path.stem}.html"))
    assert positions == sorted(positions), "index.html lists the notebooks in reading order"


def test_student_copies_carry_no_solution(handouts, path):
    solutions = cells(path, tagged=True)
    assert solutions
    student_nb = json.loads((handouts / "student" / path.name).read_text(encoding="utf-8"))
    assert not any("solution" in c.get("metadata", {}).get("tags", []) for c in student_nb["cells"])
    assert len(student_nb["cells"]) == len(json.loads(path.read_text())["cells"]) - len(solutions)
    page = visible_text((handouts / "student" / f"{path.stem}.html").read_text(encoding="utf-8"))
    for solution in solutions:
        assert folded(solution) not in page


def test_instructor_copies_carry_every_solution_and_the_figures(handouts, path):
    raw = (handouts / "instructor" / f"{path.stem}.html").read_text(encoding="utf-8")
    page = visible_text(raw)
    for solution in cells(path, tagged=True):
        assert folded(solution) in page
    assert "data:image/png;base64," in raw, "figures are embedded"


def test_student_html_keeps_every_other_code_cell(handouts, path):
    page = visible_text((handouts / "student" / f"{path.stem}.html").read_text(encoding="utf-8"))
    for source in cells(path, tagged=False, cell_type="code"):
        assert folded(source) in page


# --- offline: nothing from the network, formulas typeset by the bundled MathJax ---------------

REMOTE_RESOURCE = re.compile(r'<(script|link|img)\b[^>]*\b(src|href)="(https?:)?//[^"]*"', re.I)
RAW_TEX = ("$$", "\\frac", "\\begin{")


def pages(handouts, edition):
    return [
        handouts / role / f"{p.stem}.html"
        for p in notebooks(edition)
        for role in ("student", "instructor")
    ]


def test_pages_load_nothing_from_the_network(handouts, edition):
    for page in pages(handouts, edition):
        raw = page.read_text(encoding="utf-8")
        remote = REMOTE_RESOURCE.search(raw)
        assert not remote, f"{page.name} loads {remote.group(0)}"
        mathjax = re.search(r'<script[^>]*src="([^"?]*MathJax\.js)[^"]*"', raw)
        assert mathjax, f"{page.name}: no MathJax script"
        assert (page.parent / mathjax.group(1)).is_file(), (
            f"{page.name}: {mathjax.group(1)} missing"
        )


def test_formulas_are_typeset_with_the_network_refused(handouts, edition):
    _need(PRINTS, "Playwright and Chromium are needed to open the pages")
    from chromium import launch
    from make_handouts import MATHJAX_READY, TYPESET, offline_page
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = offline_page(browser)
            for path in pages(handouts, edition):
                page.goto(path.as_uri(), wait_until="load")
                page.wait_for_function(MATHJAX_READY, polling=100, timeout=120_000)
                typeset = page.evaluate(TYPESET)
                shown = page.evaluate("() => document.body.innerText")
                assert typeset > 0, f"{path.name}: no formula typeset offline"
                for tex in RAW_TEX:
                    assert tex not in shown, f"{path.name}: raw {tex} on the page"
        finally:
            browser.close()


# --- PDFs -----------------------------------------------------------------------------------


def pdf_text(path: Path, raw: bool = False) -> str:
    """The PDF's text layer; `raw` keeps the order it was printed in (pdftotext's layout
    analysis shuffles lines of Chinese, whose glyphs Chromium embeds as Type 3 fonts)."""
    _need(
        shutil.which("pdftotext") is not None, "pdftotext is needed: apt-get install poppler-utils"
    )
    command = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def squeezed(text: str) -> str:
    """No whitespace and no hyphens: printed code wraps long lines wherever it must, and
    pdftotext joins a line that ends in "-" to the next without it."""
    return re.sub(r"[\s-]+", "", text)


def title(path: Path) -> str:
    first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"]
    return "".join(first).splitlines()[0].lstrip("# ").strip()


@pytest.fixture(scope="module")
def pdfs(handouts):
    _need(PRINTS, "Playwright and Chromium are needed to print the PDFs")
    return handouts


def code_lines(source: str, shortest: int) -> set[str]:
    """The lines of code in `source`, squeezed, without comments (a PDF's text layer wraps a
    long comment onto the next line), at least `shortest` characters long."""
    lines = {squeezed(re.sub(r"#.*", "", line)) for line in source.splitlines()}
    return {line for line in lines if len(line) >= shortest}


def everything_but_solutions(path: Path) -> str:
    """The squeezed sources and printed outputs of every cell that is not a solution."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            continue
        parts.append("".join(cell["source"]))
        parts += ["".join(o.get("text", "")) for o in cell.get("outputs", [])]
    return squeezed("\n".join(parts))


# A PDF's text layer does not always keep every token of highlighted code in order (a string
# or a comment can land elsewhere): a solution is "in" a PDF when most of its lines are.
MOST = 0.8


def test_pdfs_hold_the_title_typeset_math_and_the_right_solutions(pdfs, path):
    others = everything_but_solutions(path)
    solutions = cells(path, tagged=True)
    for role in ("student", "instructor"):
        text = pdf_text(pdfs / role / f"{path.stem}.pdf")
        first_page = pdf_text(pdfs / role / f"{path.stem}.pdf", raw=True).split("\f")[0]
        assert squeezed(title(path)) in squeezed(first_page), f"{role} PDF of {path.name}: no title"
        for tex in RAW_TEX:
            assert tex not in text, f"{role} PDF of {path.name}: raw {tex}"
        printed = squeezed(text)
        for k, solution in enumerate(solutions):
            if role == "student":
                # lines only this solution has, long enough not to turn up by chance
                own = {line for line in code_lines(solution, 20) if line not in others}
                leaked = sorted(line for line in own if line in printed)
                assert not leaked, f"student PDF of {path.name} shows solution {k}: {leaked[:2]}"
            else:
                lines = code_lines(solution, 8)
                found = sum(line in printed for line in lines)
                assert found >= MOST * len(lines), (
                    f"instructor PDF of {path.name}: solution {k} has {found} of {len(lines)} lines"
                )


@pytest.mark.parametrize("role", ["student", "instructor"])
def test_course_pdf_holds_every_notebook_in_order_each_from_a_new_page(pdfs, role, edition):
    text = pdf_text(pdfs / f"course-{role}.pdf", raw=True)
    page_starts = [squeezed(page)[:300] for page in text.split("\f")]
    where = []
    for path in notebooks(edition):
        starts = [i for i, start in enumerate(page_starts) if squeezed(title(path)) in start]
        assert starts, f"course-{role}.pdf: {path.name} does not start a page"
        where.append(starts[0])
    assert where == sorted(where), f"course-{role}.pdf: notebooks out of order"
