"""What the installed package says about itself: the repository address in its metadata.

SARIF names the tool's home page (``informationUri``). It is read from the
``[project.urls]`` table of pyproject.toml, as installed, so a fork or an
organisation's own copy points at its own repository, and no address is ever
made up: when the metadata names none, the field is left out (it is optional).
"""

from __future__ import annotations

from functools import cache

URL_LABELS = ("repository", "source", "source code", "homepage")  # first found wins


@cache
def repository_url() -> str | None:
    """The project's repository address from the installed package's metadata, or None."""
    from importlib import metadata

    try:
        entries = metadata.metadata("coscore").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    urls = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        if url.strip().startswith(("https://", "http://")):
            urls.setdefault(label.strip().lower(), url.strip())
    return next((urls[label] for label in URL_LABELS if label in urls), None)
