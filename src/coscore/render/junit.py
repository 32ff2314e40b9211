"""`coscore check --format junit`: JUnit XML, one test case per dimension per file.

CI systems that read test reports show each project file as a suite and each
dimension as a test, failed when it is under the repository's minimum. The
overall score and each red flag are test cases too, so nothing is hidden.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from coscore.models.check import CheckReport
from coscore.policy import DIMENSION_MINIMUM, FAIL_UNDER


def render_junit(report: CheckReport) -> str:
    root = ET.Element("testsuites", name="coscore check")
    total = failures = 0
    for file in report.files:
        suite = ET.SubElement(root, "testsuite", name=file.path)
        cases = failed = 0
        blocking = [f for f in file.findings if file.blocks(f)]
        if file.assessment is not None:
            a = file.assessment
            overall = ET.SubElement(suite, "testcase", classname=file.path, name="overall score")
            cases += 1
            for f in blocking:
                if f.rule_id == FAIL_UNDER:
                    ET.SubElement(overall, "failure", message=f.message, type=f.rule_id).text = f.suggestion
                    failed += 1
            for d in a.dimensions:
                case = ET.SubElement(suite, "testcase", classname=file.path, name=f"{d.id}: {d.title}")
                cases += 1
                ET.SubElement(case, "system-out").text = f"score {d.score}, level {d.level} ({d.level_name}). {d.reason}"
                for f in blocking:
                    if f.rule_id == DIMENSION_MINIMUM and f.message.startswith(f"{d.title} ({d.id}) "):
                        ET.SubElement(case, "failure", message=f.message, type=f.rule_id).text = f.suggestion
                        failed += 1
        for f in file.findings:
            if f.rule_id in (FAIL_UNDER, DIMENSION_MINIMUM):
                continue
            case = ET.SubElement(suite, "testcase", classname=file.path, name=f"{f.rule_id} at line {f.location.line}")
            cases += 1
            if f.suppressed:
                ET.SubElement(case, "skipped", message=f.suppression_reason)
            elif file.blocks(f):
                ET.SubElement(case, "failure", message=f.message, type=f.rule_id).text = f"{f.location}: {f.suggestion}"
                failed += 1
            else:
                ET.SubElement(case, "system-out").text = f"{f.location}: {f.severity.value}: {f.message} ({f.suggestion})"
        suite.set("tests", str(cases))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        total, failures = total + cases, failures + failed
    if report.problems:
        suite = ET.SubElement(root, "testsuite", name="input", tests=str(len(report.problems)), failures="0", errors=str(len(report.problems)))
        for d in report.problems:
            case = ET.SubElement(suite, "testcase", classname=d.location.path, name=f"readable at {d.location}")
            ET.SubElement(case, "error", message=d.message).text = str(d)
        total += len(report.problems)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(len(report.problems)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
