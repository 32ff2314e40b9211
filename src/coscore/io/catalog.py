"""What ships inside the package, found with importlib.resources: rubrics and lint rule files."""

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
    """The text of the packaged rubric ``rubric_id``, or None when there is none."""
    entry = resources.files("coscore") / "rubrics" / f"{rubric_id}.yaml"
    try:
        return entry.read_text(encoding="utf-8") if entry.is_file() else None
    except (OSError, ValueError):  # an id too long to be a file name, or with odd characters: not packaged
        return None


def packaged_texts(package: str, *folders: str) -> dict[str, str]:
    """File name -> text of every .yaml file in a folder shipped with ``package`` (for example the lint rules)."""
    folder = resources.files(package)
    for name in folders:
        folder = folder / name
    return {e.name: e.read_text(encoding="utf-8") for e in sorted(folder.iterdir(), key=lambda e: e.name) if e.name.endswith(".yaml")}


def packaged_text(package: str, *parts: str) -> str:
    """The text of one file shipped with ``package``, for example ("coscore.lint", "substitutions.yaml")."""
    entry = resources.files(package)
    for name in parts:
        entry = entry / name
    return entry.read_text(encoding="utf-8")
