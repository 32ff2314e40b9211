"""`coscore init` asks about power (who decides, seats and votes, the chair, the budget, how people
took part in the main decisions), and an honest peer-led answer set reaches the rung its facts support."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from coscore.cli import app
from coscore.io.loaders import load_project
from coscore.scoring import assess
from coscore.workflows import rubrics

runner = CliRunner()

PEER_LED = [
    "Southside Peer Recovery Network",  # name
    "Southside Peers CIC",  # organisation
    "A peer-led network where people in recovery support each other.",  # summary
    "2026-10-01",  # assessed on
    "2024-04-01",  # started on
    "60",  # planned months
    "2028-03-31",  # funding ends
    "",  # what it calls itself: skipped
    "Members' board",  # who decides
    "9",  # seats
    "6",  # lived-experience seats
    "lived experience",  # chair
    "n",  # it decides, it does not only advise
    "",  # each of their seats has a vote
    "Amara",
    "lived experience",
    "y",
    "Tom",
    "staff",
    "y",
    "",  # no more people
    "40000",  # budget
    "12000",  # under lived-experience control
    "Open a Saturday peer group",  # decision 1
    "",  # decided by: the members' board (the default)
    "2026-03-12",
    "2026-02-01",
    "voted",
    "6",
    "Spend the members' fund on a crisis buddy scheme",  # decision 2
    "",
    "2026-05-20",
    "2026-04-15",
    "decided",
    "6",
    "",  # no more decisions
]


def test_init_asks_about_power_and_an_honest_peer_led_file_reaches_its_rung(tmp_path: Path):
    target = tmp_path / "coscore.yaml"
    result = runner.invoke(app, ["init", str(target)], input="\n".join(PEER_LED) + "\n")
    assert result.exit_code == 0, result.output
    for question in ("Who decides", "How many votes do people with lived experience hold", "How did people with lived experience take part", "How many people with lived experience took part"):
        assert question in result.output
    project = load_project(target).project
    (body,) = project.decision_bodies
    assert (body.kind.value, body.seats, body.lived_experience_seats, body.chaired_by.value) == ("deciding", 9, 6, "lived_experience")
    assert [(d.decided_by, d.involvement[0].how.value, d.involvement[0].people) for d in project.decisions] == [
        ("Members' board", "voted", 6),
        ("Members' board", "decided", 6),
    ]
    a = assess(project, rubrics.load_rubric(None))
    share_power = next(d for d in a.dimensions if d.id == "share-power")
    assert share_power.uncapped_level == 4  # two thirds of the votes, the chair, 30% of the budget
    # Co-production also needs help flowing both ways, which init does not ask: the file says co-design
    # and says why it cannot say more.
    assert a.ladder_rung == "co_design"
    assert "Co-production cannot be checked" in a.ladder_note and "reciprocity" in a.ladder_note
    assert not {f.id for f in a.red_flags} & {"co-production-without-power", "no-budget-control", "claim-without-recorded-power"}


def test_init_keeps_an_unknown_budget_share_unknown(tmp_path: Path):
    answers = ["A project", "", "", "2026-10-01", "", "", "", "", "", "", "50000", "", ""]
    target = tmp_path / "coscore.yaml"
    result = runner.invoke(app, ["init", str(target)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    budget = load_project(target).project.budget
    assert budget.total == 50000 and budget.lived_experience_controlled is None
    a = assess(load_project(target).project, rubrics.load_rubric(None))
    assert "no-budget-control" not in {f.id for f in a.red_flags}
    assert "budget" in {g.id for g in a.gaps}
