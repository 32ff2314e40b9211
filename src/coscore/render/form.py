"""The paper form (`coscore responses form`) and the survey questions (`coscore responses questions`).

``render.formats.render_form`` picks the renderer for a ``FormFormat``.

Both take every word from ``coscore.questions``, so what people tick on paper
or choose in a survey tool is read back by `coscore responses enter` and
`coscore responses import` without a mapping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the models load when a form is built, not when the command line starts
    from coscore.models.rubric import Rubric


class FormQuestion(NamedTuple):
    number: int
    dimension_id: str
    title: str
    text: str
    choices: tuple[str, ...]
    comment: str


class Form(NamedTuple):
    title: str
    project_name: str
    intro: tuple[str, ...]
    perspective_question: str
    perspective_choices: tuple[str, ...]
    pseudonym_question: str
    questions: tuple[FormQuestion, ...]
    comment_prompt: str
    consent_question: str
    consent_statement: str
    consent_choices: tuple[str, ...]
    project_question: str


def build_form(rubric: Rubric, project_name: str = "") -> Form:
    """The form's content: one question per dimension of ``rubric``, in order."""
    from coscore import questions

    return Form(
        title=questions.FORM_TITLE,
        project_name=project_name,
        intro=questions.FORM_INTRO,
        perspective_question=questions.PERSPECTIVE_QUESTION,
        perspective_choices=tuple(questions.PERSPECTIVE_CHOICES.values()),
        pseudonym_question=questions.PSEUDONYM_QUESTION,
        questions=tuple(
            FormQuestion(
                number=n,
                dimension_id=d.id,
                title=d.title,
                text=questions.question(d),
                choices=questions.answer_choices(rubric),
                comment=questions.comment_question(d),
            )
            for n, d in enumerate(rubric.dimensions, start=1)
        ),
        comment_prompt=questions.COMMENT_PROMPT,
        consent_question=questions.CONSENT_QUESTION,
        consent_statement=questions.CONSENT_STATEMENT,
        consent_choices=(questions.CONSENT_YES, questions.CONSENT_NO),
        project_question=questions.PROJECT_QUESTION,
    )


def _render(form: Form, template: str, *, autoescape: bool) -> str:
    from coscore.render import markdown_text
    from coscore.render.report import _environment

    env = _environment(autoescape=autoescape, finalize=None if autoescape else markdown_text.finalize)
    return env.get_template(template).render(f=form)


def render_form_html(form: Form) -> str:
    """One self-contained page to print on A4 or fill in on screen: no scripts, autoescaped."""
    return _render(form, "form.html.j2", autoescape=True)


def render_form_markdown(form: Form) -> str:
    """Markdown with [ ] tick boxes; every value escaped."""
    return _render(form, "form.md.j2", autoescape=False)


def survey_questions_text(form: Form) -> str:
    """The questions and their answer choices as plain text, to paste into a survey tool.

    Each question is followed by its choices, one per line, exactly as
    `coscore responses import` reads them back.
    """
    lines = [
        "Questions for a survey tool (Microsoft Forms, Google Forms, SurveyMonkey and others).",
        "Make each question with answer choices a single-choice question, and copy the words exactly:",
        "coscore recognises the columns of the export by these questions.",
        "",
        f"{form.perspective_question}   [single choice, required]",
        *(f"  {c}" for c in form.perspective_choices),
        "",
        f"{form.pseudonym_question}   [short text, optional]",
        "",
    ]
    for q in form.questions:
        lines.append(f"{q.text}   [single choice]")
        lines += [f"  {c}" for c in q.choices]
        lines.append("")
        lines.append(f"{q.comment}   [long text, optional]")
        lines.append("")
    lines.append(f"{form.consent_question}   [single choice, required]")
    lines.append(f"  ({form.consent_statement})")
    lines += [f"  {c}" for c in form.consent_choices]
    lines += [
        "",
        "Only if one survey covers several projects (for 'coscore portfolio'), add first:",
        f"{form.project_question}   [single choice, required; one choice per project, named as in its project file]",
    ]
    return "\n".join(lines) + "\n"
