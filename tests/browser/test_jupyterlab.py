"""Open every notebook in JupyterLab in a real browser, run all cells as a learner would, and
check that nothing fails and the figures render. A screenshot per notebook is saved to
screenshots/ (or $SOFTMAX_SCREENSHOTS).

Needs Playwright (PyPI) and Chromium (Debian's `chromium`, /usr/bin/chromium). Outside CI the
test is skipped when either is missing; with CI=true that is a failure.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from chromium import CHROMIUM, launch
from notebook_files import NOTEBOOKS, ROOT, ZH_DIR, edition_of, relative

RUN_TIMEOUT_MS = 300_000
KERNEL_TIMEOUT_MS = 180_000

pytestmark = pytest.mark.browser


def _need(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must run the browser test)")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def playwright_api():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "Playwright is not installed: pip install -e '.[browser]'")
    _need(Path(CHROMIUM).exists(), "Chromium is not installed: apt-get install chromium")
    with sync_playwright() as p:
        yield p


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 (random port and token) over a copy of notebooks/."""
    home = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", home / "notebooks")  # the committed files stay as they are
    settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # render every cell at once, so the test can see every output without scrolling
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    notices = home / "settings" / "@jupyterlab" / "apputils-extension"
    notices.mkdir(parents=True)  # no "Jupyter news?" prompt over the screenshots (and no fetch)
    (notices / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "ws"),
    )
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={home}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
        # window.jupyterapp: lets the test ask the notebook's session and model directly
        "--LabApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(home / "server.log", "w")
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError((home / "server.log").read_text()) from None
                time.sleep(0.5)
        else:
            raise RuntimeError("JupyterLab did not start in 60 s")
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(playwright_api):
    b = launch(playwright_api)
    yield b
    b.close()


def _menu(page, top: str, item: str) -> None:
    """Click a menu-bar menu, then one of its items, by their labels."""
    page.locator("#jp-MainMenu .lm-MenuBar-item", has_text=re.compile(rf"^{top}$")).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$"))
    page.locator(".lm-Menu-item", has=label).click()


# What JupyterLab itself knows about the notebook in front (window.jupyterapp, exposed by
# --LabApp.expose_app_in_browser): its path, its kernel's connection and status, and each code
# cell's execution count. Prompts on screen can read idle before the kernel is connected.
NOTEBOOK_STATE = """() => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    if (!panel || !panel.sessionContext || !panel.content || !panel.content.model) {
        return {app: !!app, panel: false};
    }
    const kernel = panel.sessionContext.session ? panel.sessionContext.session.kernel : null;
    const cells = Array.from(panel.content.model.cells).filter(c => c.type === 'code');
    return {
        app: true,
        panel: true,
        path: panel.context.path,
        connection: kernel ? kernel.connectionStatus : null,
        status: kernel ? kernel.status : null,
        counts: cells.map(c => c.executionCount),
    };
}"""


def _wait_for(page, path: Path, what: str, condition: str, timeout_ms: int) -> dict:
    """Poll the notebook's state until the JavaScript `condition` on it (`s`) holds.

    On timeout, fail with `what` (the step that never happened) and the last state seen.
    """
    js = f"() => {{ const s = ({NOTEBOOK_STATE})(); return ({condition}) ? s : null; }}"
    try:
        return page.wait_for_function(js, timeout=timeout_ms, polling=250).json_value()
    except Exception as error:
        if type(error).__name__ != "TimeoutError":
            raise
        state = page.evaluate(NOTEBOOK_STATE)
        pytest.fail(f"{path.name}: {what} within {timeout_ms // 1000} s; last state: {state}")


def _shut_down_kernels(base: str, token: str) -> None:
    """Stop every kernel the server runs, so the next notebook starts on a quiet machine."""
    headers = {"Authorization": f"token {token}"}
    with urllib.request.urlopen(
        urllib.request.Request(f"{base}/api/kernels", headers=headers)
    ) as r:
        kernels = json.load(r)
    for kernel in kernels:
        url = f"{base}/api/kernels/{kernel['id']}"
        urllib.request.urlopen(urllib.request.Request(url, method="DELETE", headers=headers))


def _screenshot_dir() -> Path:
    out = Path(os.environ.get("SOFTMAX_SCREENSHOTS", ROOT / "screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


# What an interactive figure shows: its picture and printed text (not the slider's read-out).
SHOWN = """el => [...el.querySelectorAll('img')].map(i => i.src).join('|') + '|' +
                 el.innerText"""
SLIDER_WAIT_MS = 30_000


def _interactive_figures_in(path: Path) -> int:
    """How many cells of the notebook show an interactive figure (softmax_lib.sliders)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    return sum(
        1
        for src in sources
        if any("interactive_figure(" in line and "import" not in line for line in src.splitlines())
    )


def _record_redraw(path: Path, figure: int, slider: int, seconds: float) -> None:
    """Append a slider's redraw time to screenshots/slider-redraws.txt."""
    with open(_screenshot_dir() / "slider-redraws.txt", "a", encoding="utf-8") as log:
        log.write(f"{path.name} figure {figure} slider {slider}: {seconds:.2f} s\n")


def _move_every_slider(page, path: Path) -> None:
    """Move each slider of each interactive figure with the keyboard, as a learner would
    (focus the handle, arrow keys), and check that the figure or its text changes."""
    figures = page.locator(".jp-Notebook .widget-vbox:has(> .widget-output)")
    expected = _interactive_figures_in(path)
    assert figures.count() == expected, (
        f"{path.name}: {figures.count()} interactive figures rendered, {expected} in the notebook"
    )
    for i in range(expected):
        figure = figures.nth(i)
        output = figure.locator("> .widget-output").element_handle()
        handles = figure.locator(".noUi-handle")
        assert handles.count() >= 1, f"{path.name}: interactive figure {i} has no slider"
        for j in range(handles.count()):
            handle = handles.nth(j)
            before = output.evaluate(SHOWN)
            at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
            handle.focus()
            pressed = time.perf_counter()
            for _ in range(3):
                page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
            try:
                page.wait_for_function(
                    f"([el, before]) => ({SHOWN})(el) !== before",
                    arg=[output, before],
                    timeout=SLIDER_WAIT_MS,
                )
                # how long a learner waits for the picture (recorded, not asserted: the
                # machine may be busy)
                _record_redraw(path, i, j, time.perf_counter() - pressed)
            except Exception as error:
                if type(error).__name__ != "TimeoutError":
                    raise
                pytest.fail(
                    f"{path.name}: moving slider {j} of interactive figure {i} changed nothing "
                    f"it shows within {SLIDER_WAIT_MS // 1000} s"
                )


# Every English notebook, and two of the zh-CN edition (the same code, so the same run; this
# shows the Chinese pages open and run in JupyterLab too)
IN_THE_BROWSER = NOTEBOOKS + [
    ZH_DIR / "01_max_argmax_hardmax.ipynb",
    ZH_DIR / "02_softmax_from_scratch.ipynb",
]


@pytest.mark.parametrize(
    "path", IN_THE_BROWSER, ids=[relative(p).removeprefix("notebooks/") for p in IN_THE_BROWSER]
)
def test_notebook_runs_in_jupyterlab(lab, browser, path):
    base, token = lab
    name = f"{edition_of(path)}-{path.stem}"  # the workspace's and the screenshot's name
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # a workspace of its own, reset: only this notebook is open, as after a fresh start
        page.goto(f"{base}/lab/workspaces/{name}/tree/{relative(path)}?reset&token={token}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
        # Run only once the notebook's own kernel is connected and idle: before that, a click
        # on "Run All Cells" can be lost (every prompt stays [ ]:)
        _wait_for(
            page,
            path,
            "the notebook's kernel never became connected and idle",
            f"s.panel && s.path.endsWith({json.dumps(relative(path))}) && "
            "s.connection === 'connected' && s.status === 'idle'",
            KERNEL_TIMEOUT_MS,
        )
        # Edit > Clear Outputs of All Cells, View > Expand All Code (the solutions start
        # collapsed and show no prompt), then Run > Run All Cells, as a learner would
        _menu(page, "Edit", "Clear Outputs of All Cells")
        _wait_for(
            page,
            path,
            "Clear Outputs did not reset the execution counts",
            "s.panel && s.counts.every(c => c === null)",
            30_000,
        )
        page.locator(".jp-Notebook .jp-OutputArea-output").first.wait_for(
            state="detached", timeout=30_000
        )
        _menu(page, "View", "Expand All Code")
        _menu(page, "View", "Expand All Outputs")
        _menu(page, "Run", "Run All Cells")
        _wait_for(
            page,
            path,
            "Run All Cells did not start (no code cell got an execution count)",
            "s.panel && s.counts.some(c => c !== null)",
            KERNEL_TIMEOUT_MS,
        )
        # done when the model says every code cell ran, in order, and the kernel is idle
        state = _wait_for(
            page,
            path,
            "the cells did not all finish (execution counts 1..n and an idle kernel)",
            "s.panel && s.counts.length > 0 && s.counts.every((c, i) => c === i + 1) && "
            "s.status === 'idle'",
            RUN_TIMEOUT_MS,
        )
        n_code = page.locator(".jp-Notebook .jp-CodeCell").count()
        assert n_code == len(state["counts"]), (n_code, state)
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        assert errors.count() == 0, errors.first.inner_text()[:2000]

        images = page.locator(".jp-OutputArea-output img")
        assert images.count() >= 1, "no figure rendered"
        for i in range(images.count()):
            assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 100"), (
                f"figure {i} is broken"
            )

        _move_every_slider(page, path)

        images.first.scroll_into_view_if_needed()
        page.screenshot(path=str(_screenshot_dir() / f"{name}.png"))
    except Exception:
        page.screenshot(path=str(_screenshot_dir() / f"{name}-FAILED.png"))
        raise
    finally:
        page.close()
        _shut_down_kernels(base, token)
