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

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RUN_TIMEOUT_MS = 300_000

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
    b = playwright_api.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


def _menu(page, top: str, item: str) -> None:
    """Click a menu-bar menu, then one of its items, by their labels."""
    page.locator("#jp-MainMenu .lm-MenuBar-item", has_text=re.compile(rf"^{top}$")).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$"))
    page.locator(".lm-Menu-item", has=label).click()


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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(lab, browser, path):
    base, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # a workspace of its own, reset: only this notebook is open, as after a fresh start
        page.goto(
            f"{base}/lab/workspaces/{path.stem}/tree/notebooks/{path.name}?reset&token={token}"
        )
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
        # wait for the kernel to be ready, then Run > Run All Cells, from the menu bar
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(
            timeout=120_000
        )
        # Edit > Clear Outputs of All Cells, View > Expand All Code (the solutions start
        # collapsed and show no prompt), then Run > Run All Cells, as a learner would
        _menu(page, "Edit", "Clear Outputs of All Cells")
        page.locator(".jp-Notebook .jp-OutputArea-output").first.wait_for(
            state="detached", timeout=30_000
        )
        _menu(page, "View", "Expand All Code")
        _menu(page, "Run", "Run All Cells")

        # done when every code cell's prompt reads [1]:, [2]:, ... in order
        n_code = page.locator(".jp-Notebook .jp-CodeCell").count()
        assert n_code > 0
        page.wait_for_function(
            """n => {
                const sel = '.jp-Notebook .jp-CodeCell .jp-InputPrompt';
                const p = [...document.querySelectorAll(sel)].map(e => e.textContent.trim());
                return p.length === n && p.every((t, i) => t === `[${i + 1}]:`);
            }""",
            arg=n_code,
            timeout=RUN_TIMEOUT_MS,
        )
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=60_000)
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

        images.first.scroll_into_view_if_needed()
        page.screenshot(path=str(_screenshot_dir() / f"{path.stem}.png"))
    except Exception:
        page.screenshot(path=str(_screenshot_dir() / f"{path.stem}-FAILED.png"))
        raise
    finally:
        page.close()
        _shut_down_kernels(base, token)
