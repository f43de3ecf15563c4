"""The zh-CN edition is the English edition in Chinese: the same notebooks, the same cells in
the same order, the same code (comments aside), the same outputs, and prose in Chinese that
translates the English as it is now (tools/editions.py records what each cell translates).

If a test here fails after you changed an English notebook: make the same change in
notebooks/zh-CN/, re-run both (tools/run_notebooks.py), then `python tools/editions.py record`.
"""

import json
import re

import pytest
from editions import MANIFEST, code_tokens, fingerprint, load, source
from notebook_files import NOTEBOOKS, ZH_DIR, ZH_NOTEBOOKS

NAMES = [p.name for p in NOTEBOOKS]
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# What a translation keeps in English: code, formulas, link targets, HTML tags, image links.
KEPT = re.compile(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)|<[^>]+>|!\[[^\]]*\]", re.S)
# An English sentence left untranslated: eight or more English words in a row (outside
# parentheses, where a translation may give an English title it quotes).
ENGLISH_RUN = re.compile(r"(?:\b[A-Za-z][A-Za-z'’-]*[\s,;:]+){7}[A-Za-z][A-Za-z'’-]*")
IN_PARENTHESES = re.compile(r"（[^）]*）|\([^)]*\)")
SHORT = 40  # Latin letters: a cell this short (a link line) may be mostly names


def pairs():
    return [(path, ZH_DIR / path.name) for path in NOTEBOOKS]


@pytest.fixture(params=pairs(), ids=NAMES)
def pair(request):
    english, chinese = request.param
    assert chinese.exists(), f"notebooks/zh-CN/{english.name} is missing: translate it"
    return english.name, load(english), load(chinese)


def test_the_same_notebooks_in_both_editions():
    assert NOTEBOOKS
    assert [p.name for p in ZH_NOTEBOOKS] == NAMES


def test_the_same_cells_in_the_same_order(pair):
    name, en, zh = pair
    assert [c["cell_type"] for c in zh["cells"]] == [c["cell_type"] for c in en["cells"]], name
    for i, (a, b) in enumerate(zip(en["cells"], zh["cells"], strict=True)):
        assert b.get("metadata") == a.get("metadata"), f"{name} cell {i}: tags / collapsed state"


def test_the_same_code_once_comments_are_removed(pair):
    name, en, zh = pair
    for i, (a, b) in enumerate(zip(en["cells"], zh["cells"], strict=True)):
        if a["cell_type"] == "code":
            assert code_tokens(source(b)) == code_tokens(source(a)), f"{name} cell {i}: code"


def comparable(output: dict) -> dict:
    """An output as the learner sees it: a live widget's model id is new on every run."""
    output = json.loads(json.dumps(output))
    output.get("data", {}).get("application/vnd.jupyter.widget-view+json", {}).pop("model_id", 0)
    return output


def test_the_same_outputs(pair):
    name, en, zh = pair
    for i, (a, b) in enumerate(zip(en["cells"], zh["cells"], strict=True)):
        if a["cell_type"] == "code":
            assert b["execution_count"] == a["execution_count"], f"{name} cell {i}"
            assert [comparable(o) for o in b["outputs"]] == [comparable(o) for o in a["outputs"]], (
                f"{name} cell {i}: outputs differ (re-run both editions, or "
                "`python tools/editions.py outputs`)"
            )


def test_the_prose_is_in_chinese(pair):
    name, en, zh = pair
    for i, cell in enumerate(zh["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        words = KEPT.sub(" ", source(cell))
        chinese, latin = len(CJK.findall(words)), len(LATIN.findall(words))
        assert chinese > 0 and (chinese >= 0.5 * latin or latin < SHORT), (
            f"{name} cell {i}: {chinese} Chinese characters, {latin} Latin letters"
        )
        untranslated = ENGLISH_RUN.search(IN_PARENTHESES.sub(" ", words))
        assert not untranslated, f"{name} cell {i}: untranslated? {untranslated.group(0)!r}"


def test_the_comments_are_in_chinese(pair):
    name, en, zh = pair
    for i, (a, b) in enumerate(zip(en["cells"], zh["cells"], strict=True)):
        if a["cell_type"] == "code":
            english = [line for line in source(b).splitlines() if ENGLISH_RUN.search(comment(line))]
            assert not english, f"{name} cell {i}: untranslated comment {english[0]!r}"


def comment(line: str) -> str:
    """The comment of a line of code (naively: from a # outside quotes)."""
    quote = None
    for j, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            return line[j + 1 :]
    return ""


def test_each_translation_is_of_the_english_as_it_is_now(pair):
    name, en, zh = pair
    recorded = json.loads(MANIFEST.read_text(encoding="utf-8")).get(name)
    assert recorded, f"{MANIFEST.name} has no record of {name}: `python tools/editions.py record`"
    assert len(recorded) == len(en["cells"]), f"English {name} has new or removed cells"
    now = [fingerprint(c) for c in en["cells"]]
    changed = [i for i, (c, r) in enumerate(zip(now, recorded, strict=True)) if c != r]
    assert not changed, (
        f"English {name} changed since it was translated (cells {changed}): change "
        f"notebooks/zh-CN/{name} to match, then `python tools/editions.py record`"
    )


def test_links_stay_in_the_chinese_edition(pair):
    name, en, zh = pair
    md = "\n".join(source(c) for c in zh["cells"] if c["cell_type"] == "markdown")
    targets = re.findall(r"\]\(([^)\s]+)\)", re.sub(r"!\[[^\]]*\]\([^)]*\)", "", md))
    # the only ways out: the zh-CN README, and this notebook in English
    leaving = {"../../README.zh-CN.md", f"../{name}"}
    for target in targets:
        assert not target.startswith("../") or target in leaving, f"{name}: {target} leads out"
        if target.startswith("https://mybinder.org") or target.startswith("https://colab"):
            assert f"notebooks/zh-CN/{name}" in target, f"{name}: badge {target}"
    assert f"../{name}" in targets, f"{name}: no link to the English notebook ../{name}"
    assert "术语表.md" in targets, f"{name}: no link to the glossary 术语表.md"
