"""Every output format enum, each with the one function that draws it.

Each ``render_*`` below matches every member of its enum and nothing else, so
a new member cannot ship unrendered and nothing falls through to a default;
``tests/test_formats.py`` runs every member through its real command. The
renderer modules are imported only for the format chosen (see ARCHITECTURE.md).
"""

from __future__ import annotations

from enum import Enum

from coscore.render.report import ReportFormat


class ScoreFormat(str, Enum):
    """`coscore score --format`."""

    terminal = "terminal"
    json = "json"


class CheckFormat(str, Enum):
    """`coscore check --format`; ``auto`` is resolved by the command line before rendering."""

    auto = "auto"
    terminal = "terminal"
    parsable = "parsable"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


class TrendFormat(str, Enum):
    """`coscore history --format` and `coscore compare --format`."""

    terminal = "terminal"
    json = "json"


class PortfolioFormat(str, Enum):
    """`coscore portfolio --format`."""

    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"


class LintFormat(str, Enum):
    """`coscore lint --format`."""

    terminal = "terminal"
    parsable = "parsable"
    json = "json"


class FormFormat(str, Enum):
    """`coscore responses form --format`."""

    html = "html"
    markdown = "markdown"


class Audience(str, Enum):
    """`coscore report --for`: who the report is written for; each draws every ``ReportFormat``."""

    team = "team"
    participants = "participants"


FORMAT_ENUMS = (ScoreFormat, CheckFormat, TrendFormat, PortfolioFormat, LintFormat, ReportFormat, FormFormat)


def _unrendered(fmt: Enum) -> ValueError:
    return ValueError(f"no renderer for {type(fmt).__name__}.{fmt.name}")


def render_assessment(assessment, fmt: ScoreFormat, *, color: bool = False) -> str:
    """One assessment as `coscore score` prints it."""
    match fmt:
        case ScoreFormat.terminal:
            from coscore.render.terminal import render_terminal

            return render_terminal(assessment, color=color)
        case ScoreFormat.json:
            from coscore.render.json_format import render_json

            return render_json(assessment)
    raise _unrendered(fmt)


def render_check(report, fmt: CheckFormat, *, color: bool = False) -> str:
    """A ``CheckReport`` in one of `coscore check`'s formats (``auto`` must be resolved first)."""
    match fmt:
        case CheckFormat.parsable:
            from coscore.render.check_text import render_parsable

            return render_parsable(report)
        case CheckFormat.terminal:
            from coscore.render.check_text import render_terminal

            return render_terminal(report, color=color)
        case CheckFormat.json:
            from coscore.render.check_json import render_check_json

            return render_check_json(report)
        case CheckFormat.sarif:
            from coscore.render.sarif import render_sarif

            return render_sarif(report)
        case CheckFormat.junit:
            from coscore.render.junit import render_junit
            from coscore.safe_text import for_terminal

            return for_terminal(render_junit(report))  # data in XML text: no controls, no line starting "::"
        case CheckFormat.github:
            from coscore.render.github import render_annotations

            return render_annotations(report)
        case CheckFormat.auto:
            raise ValueError("CheckFormat.auto names no format of its own: resolve it before rendering")
    raise _unrendered(fmt)


def render_history(history, fmt: TrendFormat, *, color: bool = False) -> str:
    """A file's ``History`` as `coscore history` prints it."""
    from coscore.render import history as render

    match fmt:
        case TrendFormat.terminal:
            return render.render_history_terminal(history, color=color)
        case TrendFormat.json:
            return render.render_history_json(history)
    raise _unrendered(fmt)


def render_comparison(comparison, fmt: TrendFormat, *, color: bool = False) -> str:
    """A ``Comparison`` of two snapshots as `coscore compare` prints it."""
    from coscore.render import history as render

    match fmt:
        case TrendFormat.terminal:
            return render.render_comparison_terminal(comparison, color=color)
        case TrendFormat.json:
            return render.render_comparison_json(comparison)
    raise _unrendered(fmt)


def render_portfolio(portfolio, fmt: PortfolioFormat, *, color: bool = False) -> str:
    """A ``Portfolio`` in one of `coscore portfolio`'s formats."""
    from coscore.render import portfolio as render

    match fmt:
        case PortfolioFormat.terminal:
            return render.render_portfolio_terminal(portfolio, color=color)
        case PortfolioFormat.markdown:
            return render.render_portfolio_markdown(portfolio)
        case PortfolioFormat.html:
            return render.render_portfolio_html(portfolio)
        case PortfolioFormat.json:
            return render.render_portfolio_json(portfolio)
    raise _unrendered(fmt)


def render_lint(result, rules, fmt: LintFormat, *, color: bool = False) -> str:
    """A ``LintResult`` in one of `coscore lint`'s formats; ``rules`` names the rules in the terminal format."""
    from coscore.render import lint_report

    match fmt:
        case LintFormat.terminal:
            return lint_report.render_lint_terminal(result, rules, color=color)
        case LintFormat.parsable:
            return lint_report.render_lint_parsable(result)
        case LintFormat.json:
            return lint_report.render_lint_json(result)
    raise _unrendered(fmt)


def render_form(form, fmt: FormFormat) -> str:
    """The paper form (``render.form.Form``) as `coscore responses form` writes it."""
    from coscore.render import form as render

    match fmt:
        case FormFormat.html:
            return render.render_form_html(form)
        case FormFormat.markdown:
            return render.render_form_markdown(form)
    raise _unrendered(fmt)


def render_participants(report, fmt: ReportFormat) -> str:
    """The participants' report ("you said, we did") as `coscore report --for participants` writes it."""
    from coscore.render import participants as render

    match fmt:
        case ReportFormat.markdown:
            return render.render_participants_markdown(report)
        case ReportFormat.html:
            return render.render_participants_html(report)
    raise _unrendered(fmt)
