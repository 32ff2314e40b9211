"""The paper form and the participants' report in Debian's chromium: axe-core and A4 print checks.

Uses the browser helpers of tests/test_report_browser.py, which find the browser
through tests/browser_support.py: without one these tests skip with one line saying
so, except under CI (the CI variable set), where a check that cannot run is a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_report_browser import CHROMIUM, PageWatch, _axe_violations, axe_script, browser  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
A4_CONTENT_WIDTH = 680  # 210 mm less about 30 mm of margins, in CSS pixels

def _form_page(tmp_path: Path) -> Path:
    from coscore.render.form import build_form
    from coscore.render.formats import FormFormat, render_form
    from coscore.workflows.rubrics import load_rubric

    target = tmp_path / "form.html"
    target.write_text(render_form(build_form(load_rubric(None), "Harbour Lane <Carers> & Friends"), FormFormat.html), encoding="utf-8")
    return target


def _participants_page(tmp_path: Path, redact: bool = True) -> Path:
    from coscore.render.formats import ReportFormat, render_participants
    from coscore.workflows.rubrics import load_rubric
    from coscore.workflows.voices import participants_report

    model = participants_report(
        ROOT / "tests" / "voices" / "participants-project.yaml", load_rubric(None), [str(ROOT / "tests" / "voices" / "exports" / "microsoft-forms.csv")], redact=redact
    )
    target = tmp_path / "participants.html"
    target.write_text(render_participants(model, ReportFormat.html), encoding="utf-8")
    return target


@pytest.mark.parametrize("page", ["form", "participants", "participants-named"])
def test_no_wcag_21_aa_violations_on_screen_or_in_print(browser, axe_script, tmp_path, page):  # noqa: F811
    path = _form_page(tmp_path) if page == "form" else _participants_page(tmp_path, redact=page == "participants")
    watch = PageWatch(browser, path)
    try:
        for media in ("screen", "print"):
            watch.page.emulate_media(media=media)
            assert _axe_violations(watch.page, axe_script) == [], f"axe-core found WCAG 2.1 AA violations ({media})"
        assert watch.page.get_by_role("heading", level=1).count() == 1
        assert watch.page.get_by_role("main").count() == 1
        assert watch.requests == [watch.url]  # one self-contained file
    finally:
        watch.close()


def test_the_form_prints_on_a4_with_large_type_and_tick_boxes(browser, tmp_path):  # noqa: F811
    from coscore.workflows.rubrics import load_rubric

    rubric = load_rubric(None)
    watch = PageWatch(browser, _form_page(tmp_path))
    try:
        page = watch.page
        # Every question is a group named by its question, and every tick box has its words as its name.
        assert page.get_by_role("group").count() == len(rubric.dimensions) + 2
        first = page.get_by_role("group", name=f"1. {rubric.dimensions[0].question}")
        assert first.get_by_role("radio", name="2 - Developing").count() == 1
        assert first.get_by_role("textbox").count() == 1
        page.emulate_media(media="print")
        page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
        widest = page.evaluate("Math.max(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().right))")
        assert widest <= A4_CONTENT_WIDTH
        # Large type: body text at 14pt (about 18.7 CSS pixels), tick boxes at 18pt, room to write.
        assert float(page.evaluate("getComputedStyle(document.body).fontSize").removesuffix("px")) >= 18.6
        box = page.locator("input[type=radio]").first.bounding_box()
        assert box["width"] >= 23 and box["height"] >= 23
        assert page.locator("textarea").first.bounding_box()["height"] >= 100
        # A question is never split across two pages.
        assert page.evaluate("getComputedStyle(document.querySelector('fieldset')).breakInside") == "avoid"
        pdf = page.pdf(format="A4", print_background=True)
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        assert pdf.startswith(b"%PDF") and 3 <= pages <= 12
    finally:
        watch.close()


def test_the_participants_report_prints_on_a4_in_large_type(browser, tmp_path):  # noqa: F811
    watch = PageWatch(browser, _participants_page(tmp_path))
    try:
        page = watch.page
        page.emulate_media(media="print")
        page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
        assert float(page.evaluate("getComputedStyle(document.body).fontSize").removesuffix("px")) >= 18.6
        widest = page.evaluate("Math.max(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().right))")
        assert widest <= A4_CONTENT_WIDTH
        headings = page.get_by_role("heading", level=2).all_inner_texts()
        assert headings == ["What you told us", "What changed because of what you said", "What did not change, and why", "What happens next"]
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 1
    finally:
        watch.close()
