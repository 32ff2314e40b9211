"""The HTML report in a real browser: Debian's chromium, driven by Playwright, checked by axe-core.

These tests need a Chromium (Debian's: `apt-get install -y chromium`; .ci/run does
it) and the `test` extra (playwright, axe-playwright-python, which ships axe-core's
script). tests/browser_support.py finds the browser; without one they skip with one
line saying how to install it, except when CI is set, where they fail.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from browser_support import require_browser
from report_support import ROOT, SNAPSHOT_CASES, build_report

CHROMIUM = require_browser()
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    assert "axe v4" in AXE_SCRIPT[:200], "axe-playwright-python no longer ships axe-core 4"
    return AXE_SCRIPT


def _write_html(tmp_path: Path, case: str, monkeypatch, **options) -> Path:
    from coscore.render.report import render_html

    monkeypatch.chdir(ROOT)
    target = tmp_path / f"{case.replace('/', '-')}.html"
    target.write_text(render_html(build_report(case, **options)), encoding="utf-8")
    return target


class PageWatch:
    """A page opened from a file, recording every request, dialog and console message."""

    def __init__(self, browser, path: Path, *, bypass_csp: bool = False):
        self.context = browser.new_context(bypass_csp=bypass_csp, java_script_enabled=True)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.console.append(m.text))
        self.url = path.as_uri()
        self.page.goto(self.url, wait_until="load")

    def close(self):
        self.context.close()


def _axe_violations(page, axe_script: str) -> list[str]:
    page.evaluate(axe_script)
    result = page.evaluate("options => axe.run(document, options)", {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("case", [*SNAPSHOT_CASES, "payloads"])
@pytest.mark.parametrize("redact", [False, True])
def test_html_report_has_no_wcag_21_aa_violations(browser, axe_script, tmp_path, monkeypatch, case, redact):
    path = _write_html(tmp_path, case, monkeypatch, redact=redact)
    watch = PageWatch(browser, path)
    try:
        for media in ("screen", "print"):
            watch.page.emulate_media(media=media)
            assert _axe_violations(watch.page, axe_script) == [], f"axe-core found WCAG 2.1 AA violations ({media})"
        watch.page.emulate_media(media="screen")
        # Landmarks and headings a screen reader user navigates by.
        for landmark in ("banner", "navigation", "main", "contentinfo"):
            assert watch.page.get_by_role(landmark).count() == 1, landmark
        assert watch.page.get_by_role("heading", level=1).count() == 1
        # The chart has a text alternative, and its numbers are in the table too.
        chart = watch.page.locator("#dimensions").get_by_role("img")
        assert chart.count() == 1
        report = build_report(case, redact=redact)
        description = watch.page.locator("#chart-desc").text_content()
        # Where perspectives disagree, a second chart shows them side by side, also with a text alternative.
        perspectives = watch.page.locator("#perspectives").get_by_role("img")
        assert perspectives.count() == (1 if report.disagreements else 0)
        if report.disagreements:
            assert report.disagreements[0].dimension_title in watch.page.locator("#perspectives-chart-desc").text_content()
        for d in report.dimensions:
            assert f"{d.title}: level {d.level} of {d.max_level}, {d.level_name}." in description
            row = watch.page.locator("tbody tr").filter(has=watch.page.get_by_role("rowheader", name=d.title, exact=True))
            assert row.locator("td").nth(0).inner_text().startswith(f"{d.level} of {d.max_level}: {d.level_name}")
            assert row.locator("td").nth(1).inner_text() == str(d.score)
        # One self-contained file: nothing but the file itself is ever requested.
        assert watch.requests == [watch.url]
    finally:
        watch.close()


def test_print_preview_fits_a4_without_cutting_tables(browser, tmp_path, monkeypatch):
    path = _write_html(tmp_path, "peer_led", monkeypatch)
    watch = PageWatch(browser, path)
    try:
        watch.page.emulate_media(media="print")
        assert watch.page.locator("nav").is_hidden(), "the contents list is for screens only"
        # At A4 width (210mm less 28mm of margins, about 688 CSS pixels) nothing is wider than the page.
        watch.page.set_viewport_size({"width": 688, "height": 1000})
        widest = watch.page.evaluate("Math.max(...[...document.querySelectorAll('table, figure, svg')].map(e => e.getBoundingClientRect().right))")
        assert widest <= 688
        pdf = watch.page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 2
        # A link's address is printed after it; links within the page are not.
        watch.page.set_content('<style>' + watch.page.locator("style").inner_text() + '</style><a href="https://example.invalid/x">the plan</a> <a href="#y">here</a>')
        after = watch.page.evaluate("[...document.querySelectorAll('a')].map(a => getComputedStyle(a, '::after').content)")
        assert after == ['" (https://example.invalid/x)"', "none"]
    finally:
        watch.close()


def test_script_payloads_show_as_text_and_never_run(browser, tmp_path, monkeypatch):
    from coscore.io import loaders

    # The rubric is user YAML too: put a payload in a dimension title.
    rubric_text = (ROOT / "src" / "coscore" / "rubrics" / "eleven-principles.yaml").read_text(encoding="utf-8")
    title_payload = "<script>window.__xss = 9</script>Share power"
    rubric_file = tmp_path / "hostile-rubric.yaml"
    rubric_file.write_text(rubric_text.replace("title: Share power", f"title: '{title_payload}'"), encoding="utf-8")
    path = _write_html(tmp_path, "payloads", monkeypatch, rubric=str(rubric_file))
    page_source = path.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page_source
    project = loaders.load_project(ROOT / "tests" / "report_cases" / "payloads.yaml").project
    typed = [
        project.project.name,
        project.project.organisation,
        project.project.summary,
        project.decisions[0].what,
        project.self_ratings[0].comment,
        project.self_ratings[1].comment,
        title_payload,
    ]
    # With the page's own Content-Security-Policy switched off, only escaping stands between a payload and running.
    watch = PageWatch(browser, path, bypass_csp=True)
    try:
        page = watch.page
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert watch.dialogs == []
        assert page.locator("script, iframe, img, object, embed, base, form, body style").count() == 0
        assert page.evaluate("[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))") == []
        assert page.locator("body").is_visible()
        visible = " ".join(page.locator("body").inner_text().split())
        for text in typed:
            shown = " ".join(text.split())
            # A dimension title in the chart is cut to fit; the table and headings carry it whole.
            assert shown in visible, f"not shown as typed: {shown!r}"
        assert page.title() == f"Co-production report: {project.project.name}"
        assert watch.requests == [watch.url]
    finally:
        watch.close()


def test_the_html_source_escapes_every_payload(tmp_path, monkeypatch):
    source = _write_html(tmp_path, "payloads", monkeypatch).read_text(encoding="utf-8")
    assert not re.search(r"<(script|iframe|img|svg onload)", source, flags=re.I)
    assert "&lt;script&gt;window.__xss = 1; alert(&#39;name&#39;)&lt;/script&gt; Project" in source
    assert "&lt;img src=x onerror=&#34;window.__xss = 2&#34;&gt;Org &amp; Co" in source


def _pdf_pages(watch) -> list[list[str]]:
    """The printed (A4) pages' lines of text, as a reader sees them."""
    import io

    from pypdf import PdfReader

    watch.page.emulate_media(media="print")
    pdf = watch.page.pdf(format="A4", print_background=True)
    return [[line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()] for page in PdfReader(io.BytesIO(pdf)).pages]


def _portfolio_page(tmp_path: Path, monkeypatch) -> Path:
    from coscore.render.formats import PortfolioFormat, render_portfolio
    from coscore.workflows.portfolio import portfolio
    from coscore.workflows.rubrics import load_rubric

    monkeypatch.chdir(ROOT)
    target = tmp_path / "portfolio.html"
    target.write_text(render_portfolio(portfolio(["examples"], load_rubric(None)), PortfolioFormat.html), encoding="utf-8")
    return target


@pytest.mark.parametrize("case", SNAPSHOT_CASES)
def test_printed_headings_stay_with_what_follows(browser, tmp_path, monkeypatch, case):
    path = _write_html(tmp_path, case, monkeypatch)
    headings = {h.strip() for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", path.read_text(encoding="utf-8"), re.S)}
    watch = PageWatch(browser, path)
    try:
        pages = _pdf_pages(watch)
        assert len(pages) >= 2
        for number, lines in enumerate(pages[:-1], start=1):
            assert html.unescape(lines[-1]) not in {html.unescape(h) for h in headings}, f"page {number} ends with the heading {lines[-1]!r}"
        assert not pages[-1][0].startswith("Made with coscore"), "the last page holds only the footer"
        assert any(line.startswith("Made with coscore") for line in pages[0]), "the footer line is printed under the title"
    finally:
        watch.close()


def test_printed_portfolio_has_no_page_with_only_the_footer(browser, tmp_path, monkeypatch):
    watch = PageWatch(browser, _portfolio_page(tmp_path, monkeypatch))
    try:
        pages = _pdf_pages(watch)
        for lines in pages:
            assert lines and not lines[0].startswith("Made with coscore"), f"a page holds only the footer: {lines}"
    finally:
        watch.close()
