"""Chromium for the browser tests and ``benchmarks/web_view.py``: one binary, one set of flags."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

__all__ = ["CHROMIUM_ARGS", "chromium_path", "launch"]

#: Chromium's flags for a quiet, sandbox-free headless run (CI runs as root in a container),
#: shared by the browser tests and ``benchmarks/web_view.py``. No GPU here: WebGL (the
#: sigma.js view) runs on SwiftShader, which Chromium only offers for WebGL when asked.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium (or ``BIKG_CHROMIUM``); never a Playwright download."""
    configured = os.environ.get("BIKG_CHROMIUM")
    for candidate in (configured, "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch(playwright: Any) -> Any:
    """Debian's Chromium with :data:`CHROMIUM_ARGS`, through a started sync Playwright;
    the browser fixture (tests/conftest.py) and ``benchmarks/web_view.py`` both use it."""
    path = chromium_path()
    if path is None:
        raise FileNotFoundError("no Chromium: apt-get install chromium (or set BIKG_CHROMIUM)")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
