"""Build course handouts from the notebooks: student copies without solutions, and HTML.

Usage:  python tools/make_handouts.py --out DIR

For every notebook in notebooks/ (reading order) it writes
  DIR/student/NN_topic.ipynb     the notebook without the cells tagged "solution"
                                 (exercise prompts and the learner's code cells stay)
  DIR/student/NN_topic.html      standalone HTML of that student copy
  DIR/instructor/NN_topic.html   standalone HTML with every solution shown
  DIR/index.html                 links to all of them, in reading order
Figures are embedded in the HTML. Formulas are typeset by MathJax, which the HTML loads from
a CDN: they render when the page is opened online (printing from the browser keeps them).
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, NotebookExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from notebook_files import NOTEBOOKS

SOLUTION_TAG = "solution"


class ShowSolutions(Preprocessor):
    """Un-collapse solution cells (they start collapsed in JupyterLab) for the instructor."""

    def preprocess_cell(self, cell, resources, index):
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            cell.metadata.get("jupyter", {}).pop("source_hidden", None)
        return cell, resources


# On paper, long code lines wrap instead of being cut off at the margin, and figures do not
# split across pages.
PRINT_CSS = """<style>
@media print {
  pre, .jp-InputArea-editor, .jp-OutputArea-output pre { white-space: pre-wrap !important;
    overflow-wrap: anywhere; }
  .jp-OutputArea-output img { break-inside: avoid; max-width: 100%; }
}
</style>
"""


def export_html(nb, resources, preprocessor) -> str:
    """Standalone HTML (figures embedded) of `nb` after `preprocessor`, styled for printing."""
    exporter = HTMLExporter(template_name="lab", preprocessors=[preprocessor])
    body, _ = exporter.from_notebook_node(nb, resources=dict(resources))
    return body.replace("</head>", PRINT_CSS + "</head>", 1)


def drop_solutions() -> TagRemovePreprocessor:
    return TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, enabled=True)


def title_of(nb) -> str:
    first = nb.cells[0].source.splitlines()[0] if nb.cells else ""
    return first.lstrip("# ").strip() or "notebook"


def build(out: Path, notebooks: list[Path]) -> list[tuple[str, str]]:
    """Write every handout under `out`; return (stem, title) pairs in reading order."""
    (out / "student").mkdir(parents=True, exist_ok=True)
    (out / "instructor").mkdir(parents=True, exist_ok=True)
    entries = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        stem, title = path.stem, title_of(nb)
        resources = {"metadata": {"name": title}}

        student_nb = NotebookExporter(preprocessors=[drop_solutions()])
        body, _ = student_nb.from_notebook_node(nb, resources=dict(resources))
        (out / "student" / f"{stem}.ipynb").write_text(body, encoding="utf-8")

        student_html = export_html(nb, resources, drop_solutions())
        (out / "student" / f"{stem}.html").write_text(student_html, encoding="utf-8")
        instructor_html = export_html(nb, resources, ShowSolutions())
        (out / "instructor" / f"{stem}.html").write_text(instructor_html, encoding="utf-8")
        entries.append((stem, title))
    write_index(out, entries)
    return entries


def write_index(out: Path, entries: list[tuple[str, str]]) -> None:
    rows = "\n".join(
        f'<li>{html.escape(title)}: <a href="student/{stem}.html">student (HTML)</a>, '
        f'<a href="student/{stem}.ipynb">student (notebook)</a>, '
        f'<a href="instructor/{stem}.html">instructor, with solutions</a></li>'
        for stem, title in entries
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Softmax notebooks: handouts</title>
<style>
body {{ font-family: sans-serif; max-width: 50em; margin: 2em auto; line-height: 1.5; }}
</style>
</head><body>
<h1>Softmax notebooks: handouts</h1>
<p>In reading order. Student copies leave out the worked solutions; instructor copies show them.</p>
<ol>
{rows}
</ol>
</body></html>
"""
    (out / "index.html").write_text(page, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write the handouts to")
    args = parser.parse_args(argv)
    notebooks = NOTEBOOKS
    if not notebooks:
        parser.error("no notebooks found in notebooks/")
    entries = build(args.out, notebooks)
    print(f"{len(entries)} notebooks: open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
