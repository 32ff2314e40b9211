from coscore import service


def test_starter_scores():
    a = service.assess_file("examples/starter.yaml", service.load_rubric(None))
    assert 0 <= a.overall_score <= 100
