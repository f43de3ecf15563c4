"""Build course handouts from the notebooks: student copies without solutions, HTML and PDF.

Usage:  python tools/make_handouts.py --out DIR [--edition en|zh-CN|all] [--no-pdf]

For every notebook of the English edition (notebooks/, reading order) it writes
  DIR/student/NN_topic.ipynb     the notebook without the cells tagged "solution"
                                 (exercise prompts and the learner's code cells stay)
  DIR/student/NN_topic.html      standalone HTML of that student copy
  DIR/student/NN_topic.pdf       the same, printed
  DIR/instructor/NN_topic.html   standalone HTML with every solution shown
  DIR/instructor/NN_topic.pdf    the same, printed
and, for the whole course,
  DIR/course-student.pdf         every student copy in reading order, each from a new page
  DIR/course-instructor.pdf      the same with the solutions
  DIR/index.html                 links to all of them
  DIR/nbgrader/                  the notebooks as an nbgrader course (see nbgrader_course.py):
                                 nbgrader_config.py and source/NN_topic/NN_topic.ipynb
The simplified-Chinese edition (notebooks/zh-CN/) gets the same files under DIR/zh-CN/, with
its own index.html; both editions share
  DIR/mathjax/                   MathJax 2.7 (from the jupyter-server-mathjax package)
`--edition` builds one edition only (default: both).

Everything works offline: figures are embedded, formulas are typeset by the copy of MathJax in
DIR/mathjax/ (the pages refer to it by a relative path), and no page loads anything from the
network, so DIR can be zipped, copied and opened anywhere. The PDFs are printed by headless
Chromium (Playwright, as the browser test uses) with the network refused, once MathJax has
typeset every formula; Chinese prints in whatever CJK font the system has (Debian:
fonts-noto-cjk). The whole-course PDFs join the notebooks' PDFs with pdfunite (Debian:
poppler-utils) when it is there, and are printed from one long page when it is not. Without
Playwright or Chromium, pass --no-pdf.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, NotebookExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from nbgrader_course import write_course
from notebook_files import EDITIONS

SOLUTION_TAG = "solution"
# MathJax's combined configuration that jupyter-server-mathjax ships (TeX input, HTML output),
# from a page in DIR/student/ (a page of DIR/zh-CN/student/ has one more "../")
MATHJAX_URL = "../mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
# Where each edition's handouts go under DIR, and the words of its index page
FOLDERS = {"en": ".", "zh-CN": "zh-CN"}
WORDS = {
    "en": {
        "title": "Softmax notebooks: handouts",
        "intro": "In reading order. Student copies leave out the worked solutions; instructor "
        "copies show them. Every page works offline.",
        "student": "student (HTML)",
        "notebook": "student (notebook)",
        "instructor": "instructor, with solutions",
        "course": "The whole course in one PDF: {student}, {instructor}.",
        "student copy": "student copy",
        "instructor copy": "instructor copy",
        "other": '<p>中文版讲义：<a href="zh-CN/index.html">简体中文</a></p>',
    },
    "zh-CN": {
        "title": "softmax 笔记本：讲义",
        "intro": "按阅读顺序排列。学生版不含参考答案，教师版包含全部参考答案。"
        "每一页都可以离线打开。",
        "student": "学生版（HTML）",
        "notebook": "学生版（笔记本）",
        "instructor": "教师版（含参考答案）",
        "course": "整门课合成一个 PDF：{student}、{instructor}。",
        "student copy": "学生版",
        "instructor copy": "教师版",
        "other": '<p>English handouts: <a href="../index.html">English</a></p>',
    },
}
# The package carries STIX web fonts only: tell MathJax to use them rather than look for TeX's.
MATHJAX_FONTS = """<script type="text/x-mathjax-config">
MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web",
                                 imageFont: null}});
</script>
"""
# On paper, long code lines wrap instead of being cut off at the margin, and figures do not
# split across pages; in the whole-course PDF each notebook starts on a new page.
PRINT_CSS = """<style>
@media print {
  pre, .jp-InputArea-editor, .jp-OutputArea-output pre { white-space: pre-wrap !important;
    overflow-wrap: anywhere; }
  .jp-OutputArea-output img { break-inside: avoid; max-width: 100%; }
}
.handout-notebook + .handout-notebook { break-before: page; }
</style>
"""
# nbconvert's page loads require.js from a CDN for interactive outputs, which these notebooks
# do not have: leave it out, so that nothing on the page waits for the network.
REQUIRE_JS = re.compile(r'<script[^>]*src="https?://[^"]*require[^"]*"[^>]*>\s*</script>\s*')
# A badge is an image link to a service ([![Binder](badge.svg)](url)); on paper and offline
# the image cannot load, so the handouts show it as a plain link.
BADGE = re.compile(r"\[!\[([^\]]*)\]\([^)]*\)\]\(([^)]*)\)")


class ShowSolutions(Preprocessor):
    """Un-collapse solution cells (they start collapsed in JupyterLab) for the instructor."""

    def preprocess_cell(self, cell, resources, index):
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            cell.metadata.get("jupyter", {}).pop("source_hidden", None)
            cell.metadata.get("jupyter", {}).pop("outputs_hidden", None)
        return cell, resources


class PlainBadges(Preprocessor):
    """Badge images (Binder, Colab) become plain text links."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = BADGE.sub(r"[\1](\2)", cell.source)
        return cell, resources


def drop_solutions() -> TagRemovePreprocessor:
    return TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, enabled=True)


def export_html(nb, resources, preprocessor, mathjax_url=MATHJAX_URL) -> str:
    """Standalone offline HTML (figures embedded, local MathJax) of `nb` after `preprocessor`."""
    exporter = HTMLExporter(
        template_name="lab", preprocessors=[preprocessor, PlainBadges()], mathjax_url=mathjax_url
    )
    page, _ = exporter.from_notebook_node(nb, resources=dict(resources))
    page = REQUIRE_JS.sub("", page)
    return page.replace("</head>", MATHJAX_FONTS + PRINT_CSS + "</head>", 1)


def copy_mathjax(out: Path) -> None:
    """MathJax 2.7 from the jupyter-server-mathjax package into out/mathjax (no translations)."""
    try:
        import jupyter_server_mathjax
    except ImportError:
        sys.exit("make_handouts: MathJax comes from jupyter-server-mathjax: pip install it")
    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    target = out / "mathjax"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(static, target, ignore=shutil.ignore_patterns("localization"))


def title_of(nb) -> str:
    first = nb.cells[0].source.splitlines()[0] if nb.cells else ""
    return first.lstrip("# ").strip() or "notebook"


def build(out: Path, notebooks: list[Path], edition: str = "en") -> list[tuple[str, str]]:
    """Write every notebook and HTML handout of one edition under `out` (whose MathJax is in
    `out/mathjax` for English, `out/../mathjax` for zh-CN); return (stem, title) in reading
    order."""
    (out / "student").mkdir(parents=True, exist_ok=True)
    (out / "instructor").mkdir(parents=True, exist_ok=True)
    mathjax_url = MATHJAX_URL if edition == "en" else "../" + MATHJAX_URL
    entries = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        stem, title = path.stem, title_of(nb)
        resources = {"metadata": {"name": title}, "language_code": edition}

        student_nb = NotebookExporter(preprocessors=[drop_solutions()])
        body, _ = student_nb.from_notebook_node(nb, resources=dict(resources))
        (out / "student" / f"{stem}.ipynb").write_text(body, encoding="utf-8")

        student_html = export_html(nb, resources, drop_solutions(), mathjax_url)
        (out / "student" / f"{stem}.html").write_text(student_html, encoding="utf-8")
        instructor_html = export_html(nb, resources, ShowSolutions(), mathjax_url)
        (out / "instructor" / f"{stem}.html").write_text(instructor_html, encoding="utf-8")
        entries.append((stem, title))
    return entries


def course_page(pages: list[Path]) -> str:
    """One HTML page holding `pages` in order (the head of the first, every body in a section)."""
    texts = [p.read_text(encoding="utf-8") for p in pages]
    head = texts[0][: texts[0].index("<body")]
    bodies = [t[t.index(">", t.index("<body")) + 1 : t.rindex("</body>")] for t in texts]
    sections = "".join(f'<section class="handout-notebook">{b}</section>\n' for b in bodies)
    return f"{head}<body>\n{sections}</body>\n</html>\n"


# Run once MathJax has started (isReady): a callback queued then runs after the start-up
# typesetting, and returns the number of typeset formulas.
MATHJAX_READY = "() => window.MathJax !== undefined && MathJax.isReady === true"
TYPESET = """() => new Promise(resolve => MathJax.Hub.Queue(() =>
    resolve(document.querySelectorAll(".MathJax, .MathJax_Display").length)))"""


def offline_page(browser):
    """A browser page that may read files but never reaches the network."""
    context = browser.new_context(offline=True)
    context.route(re.compile(r"^https?://"), lambda route: route.abort())
    return context.new_page()


def print_pdfs(jobs: list[tuple[Path, Path]]) -> None:
    """Print each (html, pdf) pair in headless Chromium, offline, after MathJax has finished."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("make_handouts: PDFs need Playwright (pip install -e '.[browser]'), or --no-pdf")
    from chromium import CHROMIUM, launch

    if not Path(CHROMIUM).exists():
        sys.exit("make_handouts: PDFs need Chromium (apt-get install chromium), or --no-pdf")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = offline_page(browser)
            for source, target in jobs:
                page.goto(source.resolve().as_uri(), wait_until="load")
                page.wait_for_function(MATHJAX_READY, polling=100, timeout=120_000)
                page.evaluate(TYPESET)
                page.pdf(path=str(target), format="A4", print_background=True)
        finally:
            browser.close()


def build_pdfs(out: Path, entries: list[tuple[str, str]]) -> None:
    """Every page of `out` printed, and the course PDFs: the pages' PDFs joined in reading
    order by pdfunite (each notebook then starts a new page), or without it one long page."""
    unite = shutil.which("pdfunite")
    jobs = []
    for role in ("student", "instructor"):
        folder = out / role
        pages = [folder / f"{stem}.html" for stem, _ in entries]
        jobs += [(page, page.with_suffix(".pdf")) for page in pages]
        if not unite:
            course = folder / "course.html"  # beside the pages: the MathJax path is the same
            course.write_text(course_page(pages), encoding="utf-8")
            jobs.append((course, out / f"course-{role}.pdf"))
    try:
        print_pdfs(jobs)
    finally:
        for role in ("student", "instructor"):
            (out / role / "course.html").unlink(missing_ok=True)
    if unite:
        for role in ("student", "instructor"):
            pdfs = [str(out / role / f"{stem}.pdf") for stem, _ in entries]
            subprocess.run([unite, *pdfs, str(out / f"course-{role}.pdf")], check=True)


def write_index(
    out: Path, entries: list[tuple[str, str]], pdf: bool, edition: str = "en", both: bool = False
) -> None:
    """`out/index.html`: every handout of one edition, in the edition's language (`both`: it
    also links the other edition's index)."""
    words = WORDS[edition]

    def links(stem: str) -> str:
        parts = [
            f'<a href="student/{stem}.html">{words["student"]}</a>',
            f'<a href="student/{stem}.ipynb">{words["notebook"]}</a>',
            f'<a href="instructor/{stem}.html">{words["instructor"]}</a>',
        ]
        if pdf:
            parts.insert(1, f'<a href="student/{stem}.pdf">PDF</a>')
            parts.append(f'<a href="instructor/{stem}.pdf">PDF</a>')
        return ", ".join(parts)

    rows = "\n".join(f"<li>{html.escape(title)}: {links(stem)}</li>" for stem, title in entries)
    course = words["course"].format(
        student=f'<a href="course-student.pdf">{words["student copy"]}</a>',
        instructor=f'<a href="course-instructor.pdf">{words["instructor copy"]}</a>',
    )
    course = f"<p>{course}</p>" if pdf else ""
    other = words["other"] if both else ""
    page = f"""<!DOCTYPE html>
<html lang="{edition}"><head><meta charset="utf-8"><title>{words["title"]}</title>
<style>
body {{ font-family: sans-serif; max-width: 50em; margin: 2em auto; line-height: 1.5; }}
</style>
</head><body>
<h1>{words["title"]}</h1>
<p>{words["intro"]}</p>
<ol>
{rows}
</ol>
{course}
{other}
</body></html>
"""
    (out / "index.html").write_text(page, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write the handouts to")
    parser.add_argument("--no-pdf", action="store_true", help="HTML and notebooks only")
    parser.add_argument(
        "--edition", choices=[*EDITIONS, "all"], default="all", help="default: both editions"
    )
    args = parser.parse_args(argv)
    editions = list(EDITIONS) if args.edition == "all" else [args.edition]
    copy_mathjax(args.out)
    for edition in editions:
        folder, notebooks = EDITIONS[edition]
        if not notebooks:
            parser.error(f"no notebooks found in {folder}")
        out = args.out / FOLDERS[edition]
        entries = build(out, notebooks, edition)
        write_course(out / "nbgrader", notebooks, edition)
        if not args.no_pdf:
            build_pdfs(out, entries)
        write_index(out, entries, not args.no_pdf, edition, both=len(editions) > 1)
        print(f"{edition}: {len(entries)} notebooks: open {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
