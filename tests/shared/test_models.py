"""The skill model's rules: readable DomainErrors for everything the rules forbid."""

import pytest
from pydantic import ValidationError

from shared.badge import BadgeRequest
from shared.errors import DomainError
from shared.experience import Experience, RatedCompetency


def experience(**changes: object) -> Experience:
    base = {
        "player_id": "p1",
        "title": "J'entraîne les U9 le mercredi",
        "kind": "sport",
        "competencies": [RatedCompetency(competency="oral", level=2)],
    }
    return Experience(**{**base, **changes})


def request(exp: Experience, **changes: object) -> BadgeRequest:
    base = {
        "player_id": "p1",
        "competency": "oral",
        "level": 2,
        "experience_ids": [exp.id],
        "narrative": "J'explique les exercices aux petits.",
        "criteria": "Je me fais comprendre quand j'explique.",
        "recipient_email": "zora@example.org",
        "consent": True,
    }
    return BadgeRequest(**{**base, **changes})


class TestExperience:
    def test_review_path_is_recorded_in_history(self) -> None:
        exp = experience()
        exp.move_to("submitted", by="zora")
        exp.move_to("confirmed", by="conseillère", note="vu ensemble")
        assert exp.status == "confirmed"
        assert exp.reviewer == "conseillère"
        assert [h.action for h in exp.history] == ["status:submitted", "status:confirmed"]
        assert exp.confirmed_level("oral") == 2

    def test_forbidden_transition_is_a_domain_error(self) -> None:
        exp = experience(status="rejected")
        with pytest.raises(DomainError, match="cannot go from 'rejected' to 'confirmed'"):
            exp.move_to("confirmed", by="x")

    def test_fifth_competency_is_refused(self) -> None:
        exp = experience()
        for competency in ("ecrit", "maths", "regles"):
            exp.rate(competency, 1, by="x")
        with pytest.raises(DomainError, match="at most 4"):
            exp.rate("collectif", 2, by="x")

    def test_more_than_four_competencies_cannot_be_built(self) -> None:
        rated = [RatedCompetency(competency=c, level=1) for c in "abcde"]
        with pytest.raises(ValidationError, match="at most 4"):
            experience(competencies=rated)

    @pytest.mark.parametrize("level", [0, 5, -1])
    def test_level_outside_1_to_4_is_refused(self, level: int) -> None:
        with pytest.raises(DomainError, match="outside 1-4"):
            experience().rate("oral", level, by="x")
        with pytest.raises(ValidationError):
            RatedCompetency(competency="oral", level=level)

    def test_rejected_competency_is_not_confirmed(self) -> None:
        exp = experience()
        exp.rate("maths", 3, by="x")
        exp.judge("maths", confirmed=False, by="x", note="pas vu")
        exp.move_to("confirmed", by="x")
        assert exp.confirmed_level("oral") == 2
        assert exp.confirmed_level("maths") is None


class TestBadgeRequest:
    def test_unconfirmed_experience_cannot_back_a_badge(self) -> None:
        exp = experience()
        with pytest.raises(DomainError, match="no confirmed 'oral'"):
            request(exp).check_backed_by([exp])

    def test_level_above_the_confirmed_one_is_refused(self) -> None:
        exp = experience()
        exp.move_to("confirmed", by="x")
        with pytest.raises(DomainError, match="below the requested 3"):
            request(exp, level=3).check_backed_by([exp])

    def test_status_machine(self) -> None:
        exp = experience()
        exp.move_to("confirmed", by="x")
        req = request(exp)
        req.check_backed_by([exp])
        for status in ("queued", "sent", "issued"):
            req.move_to(status)
        with pytest.raises(DomainError, match="from 'issued' to 'queued'"):
            req.move_to("queued")

    def test_queueing_needs_consent_and_recipient(self) -> None:
        exp = experience()
        with pytest.raises(DomainError, match="not consented"):
            request(exp, consent=False).move_to("queued")
        with pytest.raises(DomainError, match="recipient e-mail"):
            request(exp, recipient_email=" ").move_to("queued")


class TestErrorsInThePersonsLanguage:
    def test_every_keyed_error_has_french_and_english_text(self) -> None:
        from shared.errors import explain

        exp = experience(status="rejected")
        with pytest.raises(DomainError) as caught:
            exp.move_to("confirmed", by="x")
        assert explain(caught.value) == (
            "Cette expérience ne peut pas passer de « écartée » à « confirmée »."
        )
        assert explain(caught.value, "en").startswith("This experience cannot go")

    def test_level_error_says_the_range(self) -> None:
        from shared.errors import explain

        with pytest.raises(DomainError) as caught:
            experience().rate("oral", 7, by="x")
        assert explain(caught.value) == "Le niveau 7 n’existe pas : le niveau va de 1 à 4."

    def test_unkeyed_error_falls_back_to_its_message(self) -> None:
        from shared.errors import explain

        assert explain(DomainError("plain words")) == "plain words"


@pytest.mark.parametrize("pseudonym", ["   ", "Zo\x00ra", "Zo\u202era"])
def test_pseudonym_without_visible_or_with_control_characters_is_refused(pseudonym: str) -> None:
    from shared.player import Player

    with pytest.raises(ValidationError):
        Player(pseudonym=pseudonym)


def test_pseudonym_is_trimmed() -> None:
    from shared.player import Player

    assert Player(pseudonym="  Inès  ").pseudonym == "Inès"
