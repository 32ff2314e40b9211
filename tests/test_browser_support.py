"""The browser helper: found, skipped with one line, or failed under CI."""

from __future__ import annotations

from pathlib import Path

import pytest

import browser_support


@pytest.fixture
def no_browser(monkeypatch, tmp_path):
    monkeypatch.setattr(browser_support, "DEBIAN_CHROMIUM", tmp_path / "absent-chromium")
    monkeypatch.setattr(browser_support.shutil, "which", lambda name: None)
    monkeypatch.setattr(browser_support, "_playwright_browser", lambda: None)


def test_debian_chromium_is_found_first(monkeypatch, tmp_path):
    debian = tmp_path / "chromium"
    debian.write_text("")
    monkeypatch.setattr(browser_support, "DEBIAN_CHROMIUM", debian)
    monkeypatch.setattr(browser_support.shutil, "which", lambda name: "/elsewhere/chromium")
    assert browser_support.find_browser() == debian


def test_a_chromium_on_path_is_found(monkeypatch, tmp_path):
    monkeypatch.setattr(browser_support, "DEBIAN_CHROMIUM", tmp_path / "absent")
    monkeypatch.setattr(browser_support.shutil, "which", lambda name: "/opt/bin/chromium-browser" if name == "chromium-browser" else None)
    assert browser_support.find_browser() == Path("/opt/bin/chromium-browser")


def test_without_a_browser_tests_skip_with_one_line_saying_how_to_install(no_browser, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        browser_support.require_browser()
    assert "apt-get install chromium" in str(skipped.value)
    assert "\n" not in str(skipped.value)
    with pytest.raises(pytest.skip.Exception) as again:
        browser_support.require_browser()
    assert str(again.value) == str(skipped.value)  # same reason, so pytest's summary groups it into one line


def test_without_a_browser_under_ci_the_run_fails(no_browser, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        browser_support.require_browser()
    assert "CI is set" in str(failed.value)


def test_this_machine_either_has_a_browser_or_is_not_ci():
    # In CI (.ci/run installs Debian's chromium) the HTML checks must really run.
    import os

    if os.environ.get("CI"):
        assert browser_support.missing() == ""
