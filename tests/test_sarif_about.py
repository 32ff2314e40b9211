"""SARIF names coscore's home from the package metadata ([project.urls]), never a made-up page."""

from __future__ import annotations

import json
import tomllib
from importlib import metadata

import pytest

from coscore.io import about
from coscore.models.check import CheckReport
from coscore.render.sarif import render_sarif
from conftest import ROOT


class FakeMetadata:
    def __init__(self, urls):
        self.urls = urls

    def get_all(self, name):
        assert name == "Project-URL"
        return self.urls


@pytest.fixture
def urls(monkeypatch):
    def use(entries):
        about.repository_url.cache_clear()
        monkeypatch.setattr(metadata, "metadata", lambda name: FakeMetadata(entries))

    yield use
    about.repository_url.cache_clear()


def driver() -> dict:
    return json.loads(render_sarif(CheckReport(files=())))["runs"][0]["tool"]["driver"]


def test_information_uri_is_the_repository_address(urls):
    urls(["Homepage, https://charity.example.org/", "Repository, https://git.example.org/policy/coscore"])
    assert driver()["informationUri"] == "https://git.example.org/policy/coscore"


def test_without_an_address_the_optional_field_is_left_out(urls):
    urls(None)
    assert "informationUri" not in driver()
    urls(["Repository, not-an-address"])
    assert "informationUri" not in driver()


def test_the_installed_metadata_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = {k.lower(): v for k, v in project.get("urls", {}).items()}
    about.repository_url.cache_clear()
    expected = next((listed[label] for label in about.URL_LABELS if label in listed), None)
    assert about.repository_url() == expected
