"""`coscore check --format junit`: JUnit XML that CI systems can track from run to run.

Each project file or document is a suite. Its overall score and each dimension are
test cases, and so is each rule that found something: one case per file and rule,
named by the rule alone (never by a line number, which changes whenever lines
move), with every place it found listed in the failure's text. A finding set aside
by a suppression or baseline is a ``skipped`` case, and counted as skipped.
Characters XML 1.0 cannot hold (control characters from a file) are left out, so
the output is well-formed for any input.
"""

from __future__ import annotations

import re
from itertools import groupby
from xml.etree import ElementTree as ET

from coscore.models.check import CheckReport
from coscore.policy import DIMENSION_MINIMUM, FAIL_UNDER

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (escaping of the rest is ElementTree's)."""
    return _NOT_XML.sub("", text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: xml_text(value) for key, value in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def render_junit(report: CheckReport) -> str:
    """The check's result as JUnit XML: a suite per file, a case per dimension and per rule that found something."""
    root = ET.Element("testsuites", name="coscore check")
    total = failures = 0
    for file in report.files:
        suite = _element(root, "testsuite", name=file.path)
        cases = failed = set_aside = 0
        blocking = [f for f in file.findings if file.blocks(f)]
        if file.assessment is not None:
            a = file.assessment
            overall = _element(suite, "testcase", classname=file.path, name="overall score")
            cases += 1
            for f in blocking:
                if f.rule_id == FAIL_UNDER:
                    _element(overall, "failure", f.suggestion, message=f.message, type=f.rule_id)
                    failed += 1
            for d in a.dimensions:
                case = _element(suite, "testcase", classname=file.path, name=f"{d.id}: {d.title}")
                cases += 1
                for f in blocking:
                    if f.rule_id == DIMENSION_MINIMUM and f.message.startswith(f"{d.title} ({d.id}) "):
                        _element(case, "failure", f.suggestion, message=f.message, type=f.rule_id)
                        failed += 1
                _element(case, "system-out", f"score {d.score}, level {d.level} ({d.level_name}). {d.reason}")
        others = sorted((f for f in file.findings if f.rule_id not in (FAIL_UNDER, DIMENSION_MINIMUM)), key=lambda f: f.rule_id)
        for rule_id, group in groupby(others, key=lambda f: f.rule_id):
            found = list(group)
            case = _element(suite, "testcase", classname=file.path, name=rule_id)
            cases += 1
            blocks = [f for f in found if not f.suppressed and file.blocks(f)]
            shown = [f for f in found if not f.suppressed]
            if blocks:
                places = "\n".join(f"{f.location}: {f.message} ({f.suggestion})" for f in blocks)
                count = f"{len(blocks)} places" if len(blocks) > 1 else "1 place"
                _element(case, "failure", places, message=f"{blocks[0].message} ({count}; first at {blocks[0].location})", type=rule_id)
                failed += 1
            elif shown:
                _element(case, "system-out", "\n".join(f"{f.location}: {f.severity.value}: {f.message} ({f.suggestion})" for f in shown))
            else:
                _element(case, "skipped", "; ".join(dict.fromkeys(f.suppression_reason for f in found)))
                set_aside += 1
        suite.set("tests", str(cases))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        suite.set("skipped", str(set_aside))
        total, failures = total + cases, failures + failed
    unreadable: dict[str, list] = {}
    for d in report.problems:
        unreadable.setdefault(d.location.path, []).append(d)
    if unreadable:
        count = str(len(unreadable))
        suite = _element(root, "testsuite", name="input", tests=count, failures="0", errors=count, skipped="0")
        for path, problems in unreadable.items():
            case = _element(suite, "testcase", classname=path, name="readable")
            _element(case, "error", "\n".join(str(d) for d in problems), message=problems[0].message)
    # testsuites takes no skipped count in Jenkins' schema: each suite carries its own.
    root.set("tests", str(total + len(unreadable)))
    root.set("failures", str(failures))
    root.set("errors", str(len(unreadable)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
