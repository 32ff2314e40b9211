"""The rubrics shipped inside the package, found with importlib.resources."""

from __future__ import annotations

from importlib import resources

DEFAULT_RUBRIC = "eleven-principles"


def packaged_rubrics() -> dict[str, str]:
    """Rubric id (the file name without .yaml) -> the file's text."""
    folder = resources.files("coscore") / "rubrics"
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            out[entry.name.removesuffix(".yaml")] = entry.read_text(encoding="utf-8")
    return out


def packaged_rubric_text(rubric_id: str) -> str | None:
    entry = resources.files("coscore") / "rubrics" / f"{rubric_id}.yaml"
    return entry.read_text(encoding="utf-8") if entry.is_file() else None
