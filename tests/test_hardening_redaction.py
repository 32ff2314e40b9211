"""Redaction that holds (issue 14): names are found by Unicode case-folding and normalisation,
short name parts as whole words, in every text a redacted report shows."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coscore.models.project import ProjectFile
from coscore.reporting import _COMMON_SHORT_WORDS, Redactor, fold

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def project_with(*people: tuple[str, str]) -> ProjectFile:
    return ProjectFile.model_validate(
        {"coscore": 1, "project": {"name": "A project"}, "people": [{"name": name, "role": role} for name, role in people]}
    )


def test_long_s_in_the_text_does_not_crash_and_is_redacted():
    # "ſ" (U+017F) folds to "s": "ſam" is Sam, and used to raise KeyError('ſam')
    redactor = Redactor(project_with(("Sam", "lived_experience")))
    assert redactor.text("Minutes by ſam and SAM") == "Minutes by [person with lived experience] and [person with lived experience]"


def test_long_s_in_the_name_matches_the_plain_spelling():
    redactor = Redactor(project_with(("Joſ Smith", "staff")))
    assert redactor.text("Jos Smith chaired; JOS SMITH agreed") == "[staff member] chaired; [staff member] agreed"


@pytest.mark.parametrize("written", ["İpek", "İPEK", "ipek", "Ipek", "IPEK", "İpek", "i\u0307pek"])
def test_turkish_dotted_capital_i_is_redacted_in_every_spelling(written: str):
    redactor = Redactor(project_with(("İpek Yılmaz", "staff")))
    assert redactor.text(f"Agreed by {written} on Monday") == "Agreed by [staff member] on Monday"
    assert redactor.text("YILMAZ and Yılmaz and yilmaz") == "[staff member] and [staff member] and [staff member]"


@pytest.mark.parametrize("part", ["Jo", "Li", "Ng"])
def test_two_letter_name_parts_are_redacted_as_whole_words(part: str):
    redactor = Redactor(project_with(("Jo Li", "staff"), ("Ng Wei", "lived_experience")))
    text = redactor.text(f"{part} said the Jolly Lion would help; {part.upper()} too")
    assert part not in text.replace("Jolly", "").replace("Lion", "")
    assert "Jolly Lion" in text  # only whole words


def test_common_short_words_in_a_name_are_matched_only_as_the_name_spells_them():
    redactor = Redactor(project_with(("An Nguyen", "staff")))
    assert redactor.text("An agreed. This is an answer from NGUYEN.") == "[staff member] agreed. This is an answer from [staff member]."


def test_names_in_compatibility_forms_and_with_accents_are_redacted():
    redactor = Redactor(project_with(("José Ångström", "partner")))
    assert redactor.text("ＪＯＳＥ and Jose\u0301 and angstrom") == "[partner] and [partner] and [partner]"


def test_names_split_by_a_soft_hyphen_or_zero_width_space_are_redacted():
    redactor = Redactor(project_with(("Samira", "staff")))
    assert redactor.text("Sam\u00adira and Sa\u200bmira") == "[staff member] and [staff member]"


def test_names_in_scripts_without_spaces_are_redacted_inside_sentences():
    redactor = Redactor(project_with(("李明", "staff")))
    assert redactor.text("会议由李明主持") == "会议由[staff member]主持"


LETTERS = st.characters(
    categories=("Lu", "Ll", "Lo"),
    # Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari, Bengali, Thai, Georgian, Hangul, CJK
    include_characters=None,
).filter(
    lambda c: any(
        lo <= ord(c) <= hi
        for lo, hi in (
            (0x41, 0x24F),
            (0x370, 0x3FF),
            (0x400, 0x4FF),
            (0x531, 0x587),
            (0x5D0, 0x5EA),
            (0x620, 0x64A),
            (0x904, 0x939),
            (0x985, 0x9B9),
            (0xE01, 0xE30),
            (0x10D0, 0x10FA),
            (0xAC00, 0xD7A3),
            (0x4E00, 0x9FFF),
        )
    )
)
NAME_PARTS = st.lists(st.text(LETTERS, min_size=2, max_size=8), min_size=1, max_size=3)
SPELLINGS = st.sampled_from(
    [
        lambda s: s,
        str.upper,
        str.lower,
        str.casefold,
        str.title,
        lambda s: unicodedata.normalize("NFD", s),
        lambda s: unicodedata.normalize("NFKC", s),
        lambda s: unicodedata.normalize("NFKD", s.upper()),
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=NAME_PARTS, spell=SPELLINGS, whole=st.booleans())
def test_every_spelling_of_a_generated_name_is_redacted(parts: list[str], spell, whole: bool):
    name = " ".join(parts)
    redactor = Redactor(project_with((name, "staff")))
    shown = spell(name) if whole else spell(parts[-1])
    if not whole and len(parts) == 1:
        shown = spell(name)
    if not whole and len(parts) > 1 and fold(parts[-1]) in _COMMON_SHORT_WORDS:
        shown = parts[-1]  # "An", "Go": matched only as the name spells them (see Redactor)
    result = redactor.text(f"Notes from {shown} today.")
    assert "[staff member]" in result
    # nothing of the name is left, in any spelling
    remaining = fold(result).replace(fold("[staff member]"), "")
    for part in parts:
        if len(fold(part).strip()) >= 2 and fold(part) not in fold("Notes from today. staff member"):
            assert fold(part) not in remaining.split(), (name, shown, result)


# --- every text of a redacted report, history and error messages included ----------------

STARTER = (EXAMPLES / "starter.yaml").read_text(encoding="utf-8")


def test_redacted_history_hides_names_from_older_versions_and_their_errors(tmp_path: Path, monkeypatch):
    import os
    import subprocess

    from typer.testing import CliRunner

    from coscore.cli import app

    for key, value in {"GIT_CEILING_DIRECTORIES": str(tmp_path), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "T",
                       "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    project = tmp_path / "p.yaml"
    subprocess.run(["git", "init", "-q"], check=True)
    # an older version names Bartholomew Quince, and quotes him in a value that is wrong
    project.write_text(STARTER.replace("  - name: Priya\n    role: staff\n", "  - name: Bartholomew Quince\n    role: Bartholomew Quince\n"), encoding="utf-8")
    subprocess.run(["git", "add", "p.yaml"], check=True)
    subprocess.run(["git", "commit", "-q", "-m", "first"], check=True)
    project.write_text(STARTER, encoding="utf-8")
    subprocess.run(["git", "commit", "-q", "-am", "second"], check=True)
    for fmt in ("markdown", "html"):
        result = CliRunner().invoke(app, ["report", "p.yaml", "--format", fmt, "--redact", "--history"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert "Quince" not in result.output and "Bartholomew" not in result.output
        assert "Priya" not in result.output


def test_redacted_report_hides_names_in_error_messages(tmp_path: Path):
    from typer.testing import CliRunner

    from coscore.cli import app

    project = tmp_path / "p.yaml"
    text = STARTER.replace("  - name: Priya\n", "  - name: Priya Shah\n").replace("seats: 6", 'seats: "Priya Shah"').replace("role: staff\n", "role: priya_shah\n", 1)
    project.write_text(text, encoding="utf-8")
    plain = CliRunner().invoke(app, ["report", str(project), "--format", "markdown"])
    assert plain.exit_code == 2 and "Priya Shah" in plain.stderr  # the message quotes the name
    redacted = CliRunner().invoke(app, ["report", str(project), "--format", "markdown", "--redact"])
    assert redacted.exit_code == 2
    assert "Priya" not in redacted.stderr and "Shah" not in redacted.stderr
    assert f"{project}:" in redacted.stderr
