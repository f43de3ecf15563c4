"""Debian's Chromium, started headless by Playwright: one place for its path and flags.

Used by the JupyterLab browser test and by the PDF handouts. Playwright cannot download its own
browsers here, so it drives the system's `chromium` (Debian: apt-get install chromium).
"""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# No sandbox (CI runs as root), no GPU, and none of the background connections Chromium makes
# at start (updates, sync, field trials): there is no network to make them to.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    """A headless Chromium browser from a started `sync_playwright()` object."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
