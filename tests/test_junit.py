"""`coscore check --format junit`: stable names, skipped counted, valid for Jenkins, well-formed for any input."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coscore.errors import Diagnostic, Severity, SourceLocation
from coscore.findings import Finding
from coscore.models.check import CheckReport, FileResult
from coscore.render.junit import render_junit
from conftest import invoke_in as run_in, CASES, invoke_in_process

XSD = Path(__file__).parent / "data" / "jenkins-junit.xsd"
FAILING = CASES / "check" / "failing.yaml"


@pytest.fixture(scope="module")
def schema():
    etree = pytest.importorskip("lxml.etree", reason="lxml validates JUnit output against Jenkins' schema")
    return etree.XMLSchema(etree.parse(str(XSD)))


def valid(schema, text: str) -> None:
    from lxml import etree

    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log


def junit(*args: str, cwd: Path) -> str:
    result = run_in(cwd, "check", *args, "--format", "junit")
    assert result.exit_code in (0, 1, 2), result.output
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "projects").mkdir()
    for name in ("passing", "failing", "invalid"):
        shutil.copy(CASES / "check" / f"{name}.yaml", tmp_path / "projects" / f"{name}.yaml")
    return tmp_path


def test_the_schema_refuses_what_jenkins_refuses(schema):
    # The guard: attributes on <skipped> and a skipped count on <testsuites> are not in Jenkins' schema.
    from lxml import etree

    bad = '<testsuites skipped="1"><testsuite name="a" tests="1"><testcase name="x"><skipped message="m"/></testcase></testsuite></testsuites>'
    assert not schema.validate(etree.fromstring(bad))


def test_output_for_passing_failing_and_unreadable_files_is_valid(schema, repo: Path):
    text = junit("projects/passing.yaml", "projects/failing.yaml", "projects/invalid.yaml", "--minimum", "share-power=80", cwd=repo)
    valid(schema, text)
    root = ET.fromstring(text)
    assert root.get("errors") == "1"
    unreadable = [c for c in root.iter("testcase") if c.get("name") == "readable"]
    assert [c.get("classname") for c in unreadable] == ["projects/invalid.yaml"]
    assert "projects/invalid.yaml:" in unreadable[0].find("error").text  # the location is in the text


def test_case_names_carry_no_line_numbers_and_survive_moved_lines(repo: Path):
    def names(text: str) -> list[tuple[str, str]]:
        return sorted((c.get("classname"), c.get("name")) for c in ET.fromstring(text).iter("testcase"))

    before = junit("projects/failing.yaml", cwd=repo)
    path = repo / "projects" / "failing.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + "\n\n# moved down by three lines\n" + "".join(lines[1:]), encoding="utf-8")
    after = junit("projects/failing.yaml", cwd=repo)
    assert names(before) == names(after)
    assert before != after  # the locations in the messages did move
    for _, name in names(before):
        assert "line" not in name and not any(part.isdigit() for part in name.replace(":", " ").split())


def test_one_case_per_file_and_rule_listing_every_place():
    place = lambda line: SourceLocation("plan.md", line, 1)  # noqa: E731
    findings = tuple(
        Finding.make(rule_id="vague-promise", severity=Severity.warning, message="A promise with no date", location=place(n), subject=str(n), suggestion="Say when")
        for n in (3, 9, 27)
    )
    report = CheckReport(files=(FileResult(path="plan.md", kind="document", findings=findings, fail_level="warning"),))
    root = ET.fromstring(render_junit(report))
    cases = list(root.iter("testcase"))
    assert [(c.get("classname"), c.get("name")) for c in cases] == [("plan.md", "vague-promise")]
    failure = cases[0].find("failure")
    assert "3 places; first at plan.md:3:1" in failure.get("message")
    assert [line.split(": ")[0] for line in failure.text.splitlines()] == ["plan.md:3:1", "plan.md:9:1", "plan.md:27:1"]


def test_suppressed_findings_are_skipped_and_counted(schema):
    loc = SourceLocation("plan.md", 4, 2)
    found = Finding.make(rule_id="deficit-vulnerable", severity=Severity.warning, message="m", location=loc, subject="s", suppressed=True, suppression_reason="in the baseline")
    report = CheckReport(files=(FileResult(path="plan.md", kind="document", findings=(found,), fail_level="warning"),))
    text = render_junit(report)
    valid(schema, text)
    suite = ET.fromstring(text).find("testsuite")
    assert suite.get("skipped") == "1" and suite.get("failures") == "0"
    assert suite.find("testcase/skipped").text == "in the baseline"


def test_a_baselined_check_counts_skipped_cases(schema, repo: Path):
    assert run_in(repo, "baseline", "projects/failing.yaml", "--output", "b.json").exit_code == 0
    text = junit("projects/failing.yaml", "--baseline", "b.json", cwd=repo)
    valid(schema, text)
    suite = ET.fromstring(text).find("testsuite")
    assert int(suite.get("skipped")) >= 1
    assert int(suite.get("skipped")) == len(suite.findall("testcase/skipped"))


TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(path=TEXT, rule=TEXT, message=TEXT, suggestion=TEXT, reason=TEXT, problem=TEXT)
def test_any_text_gives_well_formed_valid_xml(schema, path, rule, message, suggestion, reason, problem):
    loc = SourceLocation(path or "p", 2, 3)
    findings = (
        Finding.make(rule_id=rule or "r", severity=Severity.error, message=message, location=loc, subject="a", suggestion=suggestion),
        Finding.make(rule_id="other", severity=Severity.warning, message=message, location=loc, subject="b", suppressed=True, suppression_reason=reason),
    )
    report = CheckReport(
        files=(FileResult(path=path or "p", kind="document", findings=findings, fail_level="warning"),),
        problems=(Diagnostic(SourceLocation(path or "q", 1, 1), problem, "fix it"),),
    )
    text = render_junit(report)
    ET.fromstring(text)  # well-formed
    valid(schema, text)
