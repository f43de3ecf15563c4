"""Every notebook opens in Colab, and its setup cell installs softmax_lib there and only there.

The install line is run for real: in the project's kernel (softmax_lib importable, so nothing
happens, on Colab or not) and in a fresh environment without softmax_lib, with Colab faked and
the repository's address replaced by this checkout's path (softmax_lib is installed, then
imports).
"""

import json
import re
import subprocess
import sys
import textwrap
import venv

import pytest
from notebook_files import (
    ALL_NOTEBOOKS,
    COLAB_SETUP,
    COLAB_SETUPS,
    ROOT,
    colab_badge,
    edition_of,
    relative,
)

INSTALL = re.compile(r'"git\+https://github\.com/[^"]+"')


def setup_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "".join(next(c for c in nb["cells"] if c["cell_type"] == "code")["source"])


IDS = [relative(p).removeprefix("notebooks/") for p in ALL_NOTEBOOKS]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=IDS)
def test_first_cell_has_an_open_in_colab_badge(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    repository = re.search(r"mybinder\.org/v2/gh/([^/]+/[^/]+)/", first).group(1)
    assert colab_badge(relative(path), repository) in first, f"{path.name}: no Colab badge"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=IDS)
def test_setup_cell_starts_with_the_colab_install(path):
    cell = setup_cell(path)
    expected = INSTALL.sub("URL", COLAB_SETUPS[edition_of(path)])
    assert INSTALL.sub("URL", cell).startswith(expected), f"{path.name}: setup cell"


# Runs the setup lines in IPython, with a `%pip` that only records what it was asked, and
# optionally with Colab faked; prints the recorded calls as JSON.
RECORDING_KERNEL = """
import json, sys, types
from IPython.core.interactiveshell import InteractiveShell
calls = []
shell = InteractiveShell.instance()
shell.register_magic_function(lambda line: calls.append(line), "line", "pip")
if {fake_colab}:
    sys.modules["google.colab"] = types.ModuleType("google.colab")
result = shell.run_cell({source!r})
result.raise_error()
print(json.dumps(calls))
"""


@pytest.mark.parametrize("fake_colab", [False, True], ids=["not-colab", "colab"])
def test_nothing_is_installed_where_softmax_lib_is_importable(fake_colab):
    script = RECORDING_KERNEL.format(fake_colab=fake_colab, source=COLAB_SETUP)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_on_colab_without_softmax_lib_it_is_installed(tmp_path):
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "ipython"], check=True)
    source = INSTALL.sub(f'"{ROOT}"', COLAB_SETUP)  # the checkout instead of GitHub
    script = textwrap.dedent(f"""
        import sys, types
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        sys.modules["google.colab"] = types.ModuleType("google.colab")
        shell.run_cell({source!r}).raise_error()
        import softmax_lib
        print(softmax_lib.softmax([1.0, 3.0, 2.0]).round(4).tolist())
    """)
    done = subprocess.run([python, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[0.09, 0.6652, 0.2447]"
