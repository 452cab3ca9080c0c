"""The endorser's pages: the claim in plain words, hostile text shown as text, clear outcomes."""

from datetime import UTC, datetime

import pytest

from issuer.endorsements import pages
from issuer.endorsements.forms import FormProblem

CLAIM = pages.Claim(
    young_name="Inès <img src=x onerror=alert(1)>",
    issuer_name="Mission Locale de Lens",
    competency="Communiquer à l'oral",
    level_word="en autonomie",
    criteria="Je m'exprime clairement devant un groupe.",
    experience_title="Accueil des parents au club",
    own_words="J'ai accueilli les parents </blockquote><script>alert(1)</script>",
)


def _form(**values: str) -> str:
    return pages.form_page(
        CLAIM,
        pages.catalogue("fr"),
        "/endorse/r.x",
        "c" * 64,
        datetime(2027, 1, 5, tzinfo=UTC),
        values,
        [FormProblem("comment", "form.too_long", 2000)] if values.get("comment") else None,
    )


def test_the_form_states_the_claim_and_asks_in_french() -> None:
    html = _form()
    assert '<html lang="fr">' in html
    for text in ("Communiquer à l&#39;oral", "en autonomie", "Je m&#39;exprime clairement",
                 "Accueil des parents au club", "Mission Locale de Lens", "Je confirme",
                 "Je ne peux pas confirmer", "5 janvier 2027"):  # fmt: skip
        assert text in html
    assert 'name="csrf" value="' + "c" * 64 + '"' in html
    assert "<script" not in html  # no JavaScript at all, and none smuggled in
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "&lt;/blockquote&gt;&lt;script&gt;" in html


def test_a_refused_answer_is_shown_back_escaped_with_its_problem() -> None:
    html = _form(comment="<b>bold</b>" + "x" * 3000, name='"><svg onload=alert(1)>')
    assert "« Votre commentaire » est trop long : 2000 caractères au plus." in html
    assert "<b>bold" not in html and "&lt;b&gt;bold" in html
    assert "<svg onload" not in html and "&#34;&gt;&lt;svg onload" in html


@pytest.mark.parametrize("outcome", pages.OUTCOMES)
def test_every_outcome_has_a_french_page(outcome: str) -> None:
    html = pages.outcome_page(outcome, pages.catalogue("fr"), "ML <b>Lens</b>")
    title = pages.catalogue("fr")(f"outcome.{outcome}.title")
    assert f"<h1>{title.replace(chr(39), '&#39;')}</h1>" in html
    assert "outcome." not in html  # no missing catalogue key
    assert "<b>Lens" not in html


def test_english_is_the_second_catalogue() -> None:
    html = pages.outcome_page("expired", pages.catalogue("en"))
    assert '<html lang="en">' in html and "This link has expired" in html
