"""The endorser's answer: limits, cleaning, and every problem reported at once."""

from issuer.endorsements.forms import COMMENT_MAX, read_answer


def test_a_confirmation_is_read_and_cleaned() -> None:
    answer, problems = read_answer(
        {
            "decision": "confirm",
            "name": "  Claire\tMartin ",
            "role": "Tutrice",
            "organisation": "Boulangerie\x00 Martin",
            "comment": "Très bien.\r\nPonctuelle <b>et</b> souriante.",
        }
    )
    assert problems == []
    assert answer is not None
    assert answer.name == "Claire Martin"
    assert answer.organisation == "Boulangerie Martin"
    assert answer.comment == "Très bien.\nPonctuelle <b>et</b> souriante."  # kept as text


def test_a_100_kb_comment_is_refused() -> None:
    answer, problems = read_answer({"decision": "confirm", "name": "A", "comment": "x" * 100_000})
    assert answer is None
    assert [(p.field, p.key, p.limit) for p in problems] == [
        ("comment", "form.too_long", COMMENT_MAX)
    ]


def test_a_confirmation_needs_a_name_and_a_decision_is_required() -> None:
    answer, problems = read_answer({"name": "", "comment": "ok"})
    assert answer is None
    assert {p.key for p in problems} == {"form.decision_missing"}
    answer, problems = read_answer({"decision": "confirm", "name": "   "})
    assert answer is None and [p.key for p in problems] == ["form.name_missing"]


def test_declining_needs_no_name() -> None:
    answer, problems = read_answer({"decision": "decline"})
    assert problems == [] and answer is not None and answer.decision == "decline"


def test_an_unknown_decision_is_refused() -> None:
    answer, problems = read_answer({"decision": "delete-everything", "name": "A"})
    assert answer is None and problems[0].key == "form.decision_missing"
