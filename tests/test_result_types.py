"""Results are named tuples that nothing validates: every field must still hold the type it declares.

pydantic used to coerce what scoring built (a list into a tuple, 3 into 3.0, "error"
into an enum). Named tuples do not, so this walks every result the examples produce
and checks each value against its annotation, exactly: a float field holding an int
would print as "3" instead of "3.0" in JSON, a list would make a result mutable.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import types
import typing
from pathlib import Path

import pytest

from coscore.workflows import check as check_workflow
from coscore.workflows import lint as lint_workflow
from coscore.workflows import rubrics
from coscore.workflows import score as score_workflow
from coscore.io.config import load_config
from coscore.findings import Finding
from coscore.models.assessment import Assessment
from coscore.models.check import CheckReport

TREE = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((TREE / "examples").glob("*.yaml"))


def is_result(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, tuple) and hasattr(annotation, "_fields")


def problems_in(value, annotation, where: str) -> list[str]:
    """Every place under ``value`` that does not match ``annotation`` exactly."""
    origin = typing.get_origin(annotation)
    if annotation is typing.Any:
        return []
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(annotation)
        if any(not problems_in(value, option, where) for option in options):
            return []
        return [f"{where}: {value!r} is none of {annotation}"]
    if annotation is type(None):
        return [] if value is None else [f"{where}: {value!r} is not None"]
    if origin is typing.Literal:
        return [] if value in typing.get_args(annotation) else [f"{where}: {value!r} is not one of {typing.get_args(annotation)}"]
    if origin is tuple:
        if type(value) is not tuple:
            return [f"{where}: a {type(value).__name__}, not a tuple"]
        item = typing.get_args(annotation)[0]
        return [p for i, v in enumerate(value) for p in problems_in(v, item, f"{where}[{i}]")]
    if origin in (dict, collections.abc.Mapping):
        if not isinstance(value, collections.abc.Mapping):
            return [f"{where}: a {type(value).__name__}, not a mapping"]
        key_type, value_type = typing.get_args(annotation)
        return [p for k, v in value.items() for p in problems_in(k, key_type, f"{where} key") + problems_in(v, value_type, f"{where}[{k!r}]")]
    if is_result(annotation):
        if type(value) is not annotation:
            return [f"{where}: a {type(value).__name__}, not a {annotation.__name__}"]
        hints = typing.get_type_hints(annotation)
        return [p for name in annotation._fields for p in problems_in(getattr(value, name), hints[name], f"{where}.{name}")]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [] if type(value) is annotation else [f"{where}: {value!r} is not a {annotation.__name__}"]
    if annotation in (str, int, float, bool, dt.date):
        return [] if type(value) is annotation else [f"{where}: {value!r} is a {type(value).__name__}, not a {annotation.__name__}"]
    raise AssertionError(f"{where}: this test does not know how to check {annotation!r}; teach it")


def assert_well_typed(result) -> None:
    problems = problems_in(result, type(result), type(result).__name__)
    assert not problems, "\n".join(problems[:20])


def test_the_checker_catches_what_pydantic_used_to_fix() -> None:
    """Guards the guard: wrong types inside a result must be reported."""
    rubric = rubrics.load_rubric(None)
    good = score_workflow.assess_file(TREE / "examples/washed.yaml", rubric)
    assert_well_typed(good)
    wrong = [
        good._replace(dimensions=list(good.dimensions)),
        good._replace(overall_score=float(good.overall_score)),
        good._replace(next_steps=(good.next_steps[0]._replace(gain=1),)),
        good._replace(red_flags=(good.red_flags[0]._replace(location="washed.yaml:1:1"),)),
        good._replace(assessed_on=good.assessed_on.isoformat()),
        good._replace(dimensions=(tuple(good.dimensions[0]),)),  # a plain tuple where a result belongs
    ]
    for result in wrong:
        assert problems_in(result, Assessment, "Assessment"), result


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_assessments_hold_their_declared_types(path: Path) -> None:
    assert_well_typed(score_workflow.assess_file(path, rubrics.load_rubric(None)))


def test_assessment_with_responses_holds_its_declared_types() -> None:
    rubric = rubrics.load_rubric(None)
    assessment = score_workflow.assess_with_responses(TREE / "examples/starter.yaml", rubric, [str(TREE / "examples/responses")], min_group_size=2)
    assert assessment.perspective_gaps and any(r.average is not None for g in assessment.perspective_gaps for r in g.ratings)
    assert_well_typed(assessment)


def test_check_report_holds_its_declared_types(tmp_path: Path) -> None:
    """A check with findings of every kind: red flags, an overall minimum, a dimension minimum, lint findings."""
    config = tmp_path / ".coscore.yaml"
    config.write_text("fail_under:\n  overall: 90\n  dimensions:\n    share-power: 100\n")
    loaded = load_config(str(config), cwd=TREE)
    paths = [str(TREE / "examples/washed.yaml"), str(TREE / "examples/peer-led.yaml"), str(TREE / "examples/strategy.md")]
    report = check_workflow.run_check(paths, loaded, TREE)
    kinds = {f.rule_id for f in report.findings}
    assert {"fail-under", "dimension-under-minimum"} <= kinds and len(kinds) > 4, kinds
    assert any(f.kind == "document" and f.findings for f in report.files)
    assert_well_typed(report)
    assert type(report) is CheckReport
    assert all(type(f) is Finding for f in report.findings)


def test_lint_result_holds_its_declared_types() -> None:
    result = lint_workflow.lint_strategy_documents([str(TREE / "examples/strategy.md")])
    assert result.findings and result.suppressed
    assert_well_typed(result)
