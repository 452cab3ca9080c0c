"""The studio's checks: one broken file per check, exact line:col and message in French and
English; the game's own layout measured (a cut text, a list the end screen would drop); no
false alarm on the bundled scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring.layout import LAYOUT_CHECKS
from shared.i18n import Catalogue
from shared.paths import content_dir
from shared.scenario.validate import validate_file

BROKEN = Path(__file__).parent / "broken"
BUNDLED = sorted((content_dir() / "scenarios").glob("*.yaml")) + [
    content_dir() / "tutorial" / "tutorial.yaml"
]

# file -> (line, col, key, a piece of the French message, a piece of the English message)
EXPECTED: dict[str, list[tuple[int, int, str, str, str]]] = {
    "word-quotes": [
        (
            3,
            10,
            "check.word_quotes",
            "« “1.0” » est entourée de guillemets de traitement de "
            "texte (“ ” ‘ ’ « ») : YAML les garde et le joueur les verrait. Remplacez-les par des "
            'guillemets droits "',
            'Replace them with straight quotes "',
        ),
        (
            4,
            8,
            "check.word_quotes",
            "« ’Pile à l’heure’ » est entourée",
            "“’Pile à l’heure’” is wrapped",
        ),
        (20, 15, "check.word_quotes", "« « Je parle. » »", "“« Je parle. »”"),
    ],
    "competency-label": [
        (
            23,
            25,
            "schema.id_pattern",
            "— vouliez-vous dire « oral » (Communiquer à l’oral) ? Les 10 compétences : "
            "oral (Communiquer à l’oral), ecrit (Communiquer à l’écrit)",
            "— did you mean “oral” (Communicating orally)? The 10 competencies: oral",
        ),
        (
            50,
            22,
            "check.unknown_competency",
            "vouliez-vous dire « oral » (Communiquer à l’oral) ou « ecrit » (Communiquer à "
            "l’écrit) ?",
            "did you mean “oral” (Communicating orally) or “ecrit”",
        ),
    ],
    "asset-backslash": [
        (
            8,
            15,
            "check.asset_backslash",
            "utilisez / dans les chemins, pas \\ — écrivez « images/backgrounds/stade.svg »",
            "use / in paths, not \\ — write “images/backgrounds/stade.svg”",
        ),
    ],
    "text-overflow": [
        (
            18,
            20,
            "layout.cut",
            "ne tient pas à l'écran au plus grand texte (« Énorme ») : le jeu le couperait",
            "does not fit on screen at the largest text size",
        ),
        (18, 20, "check.sentence_too_long", "phrase de 300 mots", "sentence of 300 words"),
    ],
    "too-many-shown": [
        (
            43,
            9,
            "layout.too_many_shown",
            "10 compétences sont montrées (oral, ecrit, "
            "numerique, maths, codes-sociaux, informations, organisation, regles, imprevus, "
            "collectif) mais l'écran de fin n'en liste que 8 : « imprevus, collectif » n'y "
            "serait pas",
            "the end screen lists only 8: “imprevus, collectif” would be missing",
        ),
    ],
    "languages-fr": [],
    "map-title": [
        (
            5,
            13,
            "layout.cut",
            "ne tient pas à l'écran au plus grand texte (« Énorme ») : le jeu le couperait et "
            "« tournoi des petits » ne serait pas lu. Enlevez au moins 3 mot(s) sur 47",
            "“tournoi des petits” would not be read. Remove at least 3 word(s) of 47",
        ),
        (5, 13, "check.sentence_too_long", "phrase de 47 mots", "sentence of 47 words"),
    ],
    "images": [
        (
            9,
            15,
            "check.background_not_svg",
            "le jeu n'affiche que des décors SVG",
            "the game shows SVG backgrounds only",
        ),
        (
            13,
            15,
            "check.portrait_unused",
            "le jeu dessine les personnages à partir de « look »",
            "the game draws characters from “look”",
        ),
    ],
}
WARNINGS = {
    "check.portrait_unused",
    "check.sentence_too_long",
    "check.translation_missing",
    "check.translation_more",
}


def _problems(name: str, lang: str):
    catalogue = Catalogue.load("shared", lang)
    return validate_file(BROKEN / f"{name}.yaml", catalogue=catalogue, extra=LAYOUT_CHECKS)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_reports_exactly_its_problems(name: str, lang: str) -> None:
    problems = [p for p in _problems(name, lang) if p.key != "check.translation_missing"]
    found = sorted((p.line, p.col, p.key) for p in problems)
    assert found == sorted((line, col, key) for line, col, key, _, _ in EXPECTED[name])
    for line, col, key, french, english in EXPECTED[name]:
        [problem] = [p for p in problems if (p.line, p.col, p.key) == (line, col, key)]
        piece = french if lang == "fr" else english
        assert piece.casefold() in problem.message.casefold()
        assert problem.severity == ("warning" if key in WARNINGS else "error")


def test_every_broken_file_is_in_the_table() -> None:
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(
        [*EXPECTED, "translation-summary"]
    )


def test_the_cut_text_says_how_many_words_to_remove() -> None:
    [cut] = [p for p in _problems("text-overflow", "fr") if p.key == "layout.cut"]
    # the game shows what fits at its smallest size and cuts the rest: the message says
    # how many words to remove, and how many for the text to keep its normal size
    assert "Enlevez au moins " in cut.message and " mot(s) sur 300 (" in cut.message
    removed = int(cut.message.split("Enlevez au moins ")[1].split(" ")[0])
    full = int(cut.message.split(" mot(s) sur 300 (")[1].split(" ")[0])
    assert 0 < removed < full < 300


def test_languages_fr_silences_translation_warnings_only() -> None:
    assert _problems("languages-fr", "fr") == []
    text = (BROKEN / "languages-fr.yaml").read_text(encoding="utf-8")
    unsaid = _problems("translation-summary", "fr")
    assert "languages: [fr]" in text and unsaid  # the same file without it: warnings


def test_translation_summary_comes_last_for_its_file() -> None:
    problems = _problems("translation-summary", "fr")
    assert [p.key for p in problems] == ["check.translation_missing"] * 5 + [
        "check.translation_more"
    ]
    assert problems[-1].message == "et 12 autre(s) texte(s) sans traduction « en »"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_no_false_alarm_on_the_bundled_scenarios(path: Path) -> None:
    problems = validate_file(path, catalogue=Catalogue.load("shared", "fr"), extra=LAYOUT_CHECKS)
    assert [p for p in problems if p.is_error or p.key.startswith("layout")] == []


def test_every_font_the_settings_offer_is_measured(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today one font; once the settings offer the dyslexia font, both are measured."""
    import authoring.layout as layout
    from shared.player import Settings

    # the dyslexia font is offered since issue 16: both fonts are measured
    assert layout.font_choices() == [{"dyslexic_font": False}, {"dyslexic_font": True}]

    class WithDyslexia(Settings):
        dyslexic_font: bool = False

    monkeypatch.setattr(layout, "Settings", WithDyslexia)
    assert layout.font_choices() == [{"dyslexic_font": False}, {"dyslexic_font": True}]


def test_the_check_measures_at_the_largest_size_the_game_offers() -> None:
    """« Énorme » (issue 16) with both fonts: the size comes from the game, not a copy, and
    the session the check draws with really is at that size after measuring."""
    import authoring.layout as layout
    from game.theme import FONT_PX, TEXT_SIZES

    assert layout.LARGEST == TEXT_SIZES[-1] == "xxlarge"
    problems = _problems("map-title", "fr")
    assert [p.key for p in problems if p.is_error] == ["layout.cut"]
    theme = layout._session().theme
    assert theme.text_size == "xxlarge" and theme.dyslexic  # the last font measured
    assert theme.px("body") == FONT_PX["xxlarge"]["body"] == 42
