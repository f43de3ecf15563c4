"""Static checks of every committed notebook: what a reader relies on (no execution here;
nbval re-runs the notebooks and compares their outputs)."""

import json
import re

import pytest
from notebook_files import ALL_NOTEBOOKS, NOTEBOOKS, ZH_NOTEBOOKS, binder_url, edition_of, relative

NAMES = [p.name for p in NOTEBOOKS]
IDS = [relative(p).removeprefix("notebooks/") for p in ALL_NOTEBOOKS]

# a number with two or more decimals, not part of a longer token (arXiv ids, versions, links)
NUMBER = re.compile(r"(?<![\w.:/-])\d+\.\d{2,}(?![\w.]*\d)")
ABSOLUTE_PATH = re.compile(r"(?<![\w.~])(/(home|tmp|work|root|Users|var/folders)/|[A-Z]:\\\\)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def text(source):
    return "".join(source) if isinstance(source, list) else source


def output_text(nb):
    """Everything a reader sees printed: streams, results and the text of displays."""
    parts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(text(out["text"]))
            data = out.get("data", {})
            for kind in ("text/plain", "text/markdown", "text/html", "text/latex"):
                if kind in data:
                    parts.append(text(data[kind]))
    return "\n".join(parts)


def prose(nb):
    """Markdown text with link targets and arXiv identifiers removed."""
    md = "\n".join(text(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    md = re.sub(r"\]\([^)]*\)", "]", md)
    return re.sub(r"arXiv:\s*\d+\.\d+", "", md)


# Every check below runs on both editions (English and zh-CN) unless it says otherwise.
@pytest.fixture(params=ALL_NOTEBOOKS, ids=IDS)
def notebook(request):
    return request.param, load(request.param)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


def test_reading_order_is_numbered_without_gaps():
    assert [p.name for p in ZH_NOTEBOOKS] == NAMES, "notebooks/zh-CN/ has the same notebooks"
    numbers = [int(n[:2]) for n in NAMES]
    assert numbers == list(range(1, len(numbers) + 1)), NAMES
    for name in NAMES:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", name), name


def test_executed_top_to_bottom_in_one_kernel(notebook):
    path, nb = notebook
    counts = [c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: re-run with tools/run_notebooks.py"
    )


def test_no_error_outputs(notebook):
    path, nb = notebook
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors, f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"


def test_no_absolute_paths_or_memory_addresses(notebook):
    path, nb = notebook
    everything = json.dumps(nb["cells"])
    assert not ABSOLUTE_PATH.search(everything), ABSOLUTE_PATH.search(everything).group(0)
    assert not re.search(r" at 0x[0-9a-f]+", output_text(nb)), "a repr with a memory address leaked"


def test_title_objectives_and_prerequisites_first(notebook):
    path, nb = notebook
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown"
    src = text(first["source"])
    assert src.startswith("# "), f"{path.name}: the first cell starts with a '# ' title"
    if edition_of(path) == "zh-CN":
        assert "你将学到" in src and "你需要先了解" in src, f"{path.name}: 你将学到, 你需要先了解"
    else:
        assert re.search(r"learn", src, re.I) and re.search(r"(know first|prerequisite)", src, re.I)


def test_first_cell_opens_itself_on_binder(notebook):
    path, nb = notebook
    src = text(nb["cells"][0]["source"])
    url = binder_url(relative(path))
    assert f"]({url})" in src, f"{path.name}: the first cell links to {url}"


def test_has_a_figure(notebook):
    path, nb = notebook
    figures = [
        o for c in nb["cells"] for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert figures, f"{path.name}: no figure output"


def test_has_exercises_with_hidden_solutions(notebook):
    path, nb = notebook
    solutions = [c for c in nb["cells"] if "solution" in c.get("metadata", {}).get("tags", [])]
    assert 2 <= len(solutions) <= 6, f"{path.name}: {len(solutions)} cells tagged 'solution'"
    for cell in solutions:
        assert cell["cell_type"] == "code"
        assert cell["metadata"].get("jupyter", {}).get("source_hidden"), "solutions start collapsed"


def test_links_to_neighbours_and_no_broken_links(notebook):
    path, nb = notebook
    md = "\n".join(text(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    targets = set(re.findall(r"\]\((\d\d_[a-z0-9_]+\.ipynb)\)", md))
    for target in targets:
        assert (path.parent / target).exists(), f"{path.name}: broken link to {target}"
    number = int(path.name[:2])
    linked = {int(t[:2]) for t in targets}
    if path.name != NAMES[-1]:
        assert number + 1 in linked, f"{path.name}: no link to the next notebook"
    if number > 1:
        assert number - 1 in linked, f"{path.name}: no link to the previous notebook"


def test_numbers_in_prose_are_printed_by_the_code(notebook):
    path, nb = notebook
    shown = output_text(nb)
    missing = sorted(
        {
            n
            for n in NUMBER.findall(prose(nb))
            if not re.search(rf"(?<!\d){re.escape(n)}(?!\d)", shown)
        }
    )
    assert not missing, f"{path.name}: prose quotes {missing}, which no output shows"


def test_no_figure_or_artist_reprs_leak(notebook):
    path, nb = notebook
    shown = output_text(nb)
    assert "matplotlib.lines.Line2D" not in shown and "matplotlib.text.Text" not in shown


# The shape of every notebook: the core (before the summary, "Going deeper" and the exercises)
# is short enough to read in 30-45 minutes, and a figure comes in the first third.
CORE_END = re.compile(r"^#+\s*(\d+\.\s*)?(going deeper|exercises?|summary)\b", re.I | re.M)
# The zh-CN edition's names of the three closing sections (notebooks/zh-CN/术语表.md).
ZH_HEADINGS = {"小结": "summary", "深入一步": "going deeper", "练习": "exercises"}
CORE_WORDS = {"07": 2600, "08": 2600, "09": 2600}  # the others: 2200
CORE_SLACK = 1.05  # "about" 2,200 words: a few dozen over is still about


def core_words(nb) -> int:
    """Words of markdown before the first summary / going-deeper / exercises heading, with
    inline math, inline code and link targets left out."""
    words = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        src = text(cell["source"])
        if CORE_END.search(src):
            break
        words += len(re.sub(r"\$[^$]*\$|`[^`]*`|\(http[^)]*\)", " ", src).split())
    return words


def test_core_is_short_and_a_figure_comes_early(notebook):
    path, nb = notebook
    if edition_of(path) == "en":  # the zh-CN prose is a translation of the same core
        limit = CORE_WORDS.get(path.name[:2], 2200)
        words = core_words(nb)
        assert words <= limit * CORE_SLACK, f"{path.name}: core prose {words} words (about {limit})"
    first = next(
        i
        for i, c in enumerate(nb["cells"])
        if any("image/png" in o.get("data", {}) for o in c.get("outputs", []))
    )
    assert first <= len(nb["cells"]) / 3, (
        f"{path.name}: first figure at cell {first} of {len(nb['cells'])} (first third)"
    )


def test_going_deeper_sits_between_summary_and_exercises(notebook):
    path, nb = notebook
    headings = [
        ZH_HEADINGS.get(m.group(2), m.group(2).lower())
        for c in nb["cells"]
        if c["cell_type"] == "markdown"
        for m in [
            re.search(
                r"^##\s*(\d+\.\s*)?(going deeper|exercises|summary|小结|深入一步|练习)",
                text(c["source"]),
                re.I | re.M,
            )
        ]
        if m
    ]
    if "going deeper" in headings:
        assert (
            headings.index("summary") < headings.index("going deeper") < headings.index("exercises")
        ), f"{path.name}: sections in the order summary, going deeper, exercises: {headings}"
