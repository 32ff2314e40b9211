"""Finding a browser for the HTML checks, the one way every browser test does it.

The report, the paper form and the participants' report are opened in a real
Chromium and checked with axe-core. The browser is looked for in this order:
Debian's package (``/usr/bin/chromium``), a ``chromium`` or ``chromium-browser``
on PATH, then a browser Playwright has already downloaded. When none is found:

- on a laptop the browser tests skip, all with the same reason from the same
  place, so pytest's summary (``-ra`` in pyproject.toml) shows one line saying how
  to install Chromium;
- when the ``CI`` variable is set (``.ci/run`` sets it) a missing browser is a
  failure: a check that quietly does not run in CI is worse than none.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = "install Debian's chromium (sudo apt-get install chromium) to run them"


def find_browser() -> Path | None:
    """The Chromium to drive, or None when this machine has none."""
    if DEBIAN_CHROMIUM.exists():
        return DEBIAN_CHROMIUM
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return _playwright_browser()


def _playwright_browser() -> Path | None:
    """A Chromium that ``playwright install`` put on this machine earlier (never downloaded here)."""
    if importlib.util.find_spec("playwright") is None:
        return None
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = Path(playwright.chromium.executable_path)
    except Exception:  # no driver, or no browser recorded: treat as absent
        return None
    return path if path.exists() else None


def missing() -> str:
    """Why the browser tests cannot run here, or '' when they can."""
    for module in ("playwright", "axe_playwright_python"):
        if importlib.util.find_spec(module) is None:
            return f"the Python package {module} is not installed (pip install -e '.[test]')"
    if find_browser() is None:
        return f"no Chromium found, so the HTML checks in a browser did not run: {INSTALL_HINT}"
    return ""


def require_browser() -> Path:
    """The browser to use; otherwise skip the calling module, or fail it when CI is set."""
    reason = missing()
    if not reason:
        found = find_browser()
        assert found is not None
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so a missing browser fails the run; .ci/run installs chromium)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)

