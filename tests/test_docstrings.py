"""Every public function says where a learner builds it by hand, and that notebook does.

Each docstring in ``softmax_lib.__all__`` carries exactly one line
"Built by hand in notebook NN (`name`)." and notebooks/NN_*.ipynb defines ``name`` with a
``def name(`` in a code cell of its core (an exercise solution does not count). Data that no
notebook builds says "Used in notebooks NN and MM." instead, and each of those notebooks uses
it in a code cell.
"""

import inspect
import json
import re

import pytest
from notebook_files import NOTEBOOKS

import softmax_lib

BUILT_BY_HAND = re.compile(r"^Built by hand in notebook (\d\d) \(`(\w+)`\)\.$", re.MULTILINE)
USED_IN = re.compile(r"^Used in notebooks (\d\d(?:, \d\d)*(?:,? and \d\d)?)\.$", re.MULTILINE)


def core_code(number: str) -> tuple[str, list[str]]:
    """(file name, the code cells that are not exercise solutions) of notebook `number`."""
    paths = [path for path in NOTEBOOKS if path.name.startswith(f"{number}_")]
    assert len(paths) == 1, f"expected one notebook {number}_*.ipynb, found {paths}"
    cells = json.loads(paths[0].read_text(encoding="utf-8"))["cells"]
    code = [
        "".join(cell["source"])
        for cell in cells
        if cell["cell_type"] == "code"
        and "solution" not in cell.get("metadata", {}).get("tags", [])
    ]
    return paths[0].name, code


@pytest.mark.parametrize("name", softmax_lib.__all__)
def test_docstring_names_the_notebook_that_builds_it(name):
    doc = inspect.getdoc(getattr(softmax_lib, name)) or ""
    built, used = BUILT_BY_HAND.findall(doc), USED_IN.findall(doc)
    assert len(built) + len(used) == 1, (
        f"{name}: the docstring needs exactly one line 'Built by hand in notebook NN "
        f"(`by_hand_name`).' (or, for data, 'Used in notebooks NN and MM.')"
    )
    if built:
        number, by_hand = built[0]
        notebook, code = core_code(number)
        definition = re.compile(rf"^\s*def {by_hand}\(", re.MULTILINE)
        assert any(definition.search(cell) for cell in code), (
            f"{notebook} has no code cell (outside the solutions) with `def {by_hand}(`, "
            f"which {name}'s docstring promises"
        )
    else:
        for number in re.findall(r"\d\d", used[0]):
            notebook, code = core_code(number)
            assert any(name in cell for cell in code), f"{notebook} does not use {name}"
