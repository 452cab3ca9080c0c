"""The bundled competency frameworks (real files) and the loader's refusal of broken ones."""

import json
from pathlib import Path

import pytest

from shared.errors import FrameworkError
from shared.framework import (
    Framework,
    crosswalk_problems,
    default_framework,
    frameworks_dir,
    load_framework,
    load_frameworks,
    long_descriptors,
)
from shared.text import LANGUAGES
from shared.yamlfile import load_yaml

RECTEC_IDS = [
    "oral",
    "ecrit",
    "numerique",
    "maths",
    "codes-sociaux",
    "informations",
    "organisation",
    "regles",
    "imprevus",
    "collectif",
]
MAX_DESCRIPTOR_WORDS = 15
OFFICIAL_LABELS = {
    "oral": "Communiquer à l’oral",
    "ecrit": "Communiquer à l’écrit",
    "numerique": "Utiliser les ressources numériques",
    "maths": "Mobiliser des ressources mathématiques",
    "codes-sociaux": "Prendre en compte les usages sociaux",
    "informations": "Gérer des informations",
    "organisation": "Organiser son activité",
    "regles": "Prendre en compte les règlements",
    "imprevus": "Agir face à l’imprévu",
    "collectif": "Travailler en équipe",
}
# Settings a descriptor must not tie a level to (levels follow autonomy, never the place).
SETTING_WORDS = ("famille", "club", "stage", "travail", "boulot", "entretien", "serveur")


@pytest.fixture(scope="module")
def rectec() -> Framework:
    return default_framework()


@pytest.fixture(scope="module")
def france_travail() -> Framework:
    return load_framework(frameworks_dir() / "france-travail.yaml")


def assert_translated(text, what: str) -> None:
    assert isinstance(text, dict), f"{what}: expected {{fr, en}}, got {text!r}"
    for lang in LANGUAGES:
        assert isinstance(text.get(lang), str), f"{what}: no {lang} text"
        assert text[lang].strip(), f"{what}: empty {lang} text"


# --- RECTEC ---------------------------------------------------------------------------------


def test_rectec_has_the_ten_competencies_in_order(rectec):
    assert rectec.id == "rectec"
    assert rectec.has_levels
    assert [c.id for c in rectec.competencies] == RECTEC_IDS
    assert len(set(rectec.by_id)) == len(RECTEC_IDS)


def test_rectec_texts_are_translated(rectec):
    assert_translated(rectec.name, "rectec name")
    assert_translated(rectec.description, "rectec description")
    assert "RECTEC" in rectec.source and "Versailles" in rectec.source
    assert "version jeunes" not in str(rectec.name) + rectec.source
    for reflective in ("Construire son parcours professionnel", "Développer ses savoirs"):
        assert reflective in rectec.description["fr"]
    for competency in rectec.competencies:
        assert_translated(competency.name, f"{competency.id} name")
        assert_translated(competency.description, f"{competency.id} description")


@pytest.mark.parametrize("competency_id", RECTEC_IDS)
def test_rectec_competency_has_four_plain_descriptors(rectec, competency_id):
    competency = rectec.competency(competency_id)
    assert len(competency.levels) == 4
    for level, text in enumerate(competency.levels, start=1):
        what = f"{competency_id} level {level}"
        assert_translated(text, what)
        assert text["fr"].startswith(("Je ", "J’")), f"{what}: not in the first person"
        words = len(text["fr"].split())
        assert words <= MAX_DESCRIPTOR_WORDS, f"{what}: {words} words (max 15)"
        lowered = text["fr"].lower()
        assert not [w for w in SETTING_WORDS if w in lowered], f"{what}: tied to a setting"
        assert text["en"].startswith("I "), f"{what}: English must start with 'I '"
        assert competency.descriptor(level, "fr") == text["fr"]
        assert competency.descriptor(level, "en") == text["en"]


def test_rectec_uses_the_official_labels_and_a_plain_label_for_players(rectec):
    for competency in rectec.competencies:
        assert competency.name["fr"] == OFFICIAL_LABELS[competency.id]
        assert_translated(competency.plain, f"{competency.id} plain")
        assert_translated(competency.example, f"{competency.id} example")
        assert competency.plain["fr"].startswith(("Je ", "J’")), competency.id
        assert competency.player_label("fr") == competency.plain["fr"]


def test_rectec_descriptors_are_short_and_the_checker_finds_long_ones(rectec, tmp_path):
    assert long_descriptors(rectec) == []
    data = rectec_data()
    data["competencies"][3]["levels"][2]["fr"] = "Je " + "calcule " * 15 + "sans aide."
    framework = load_framework(write(tmp_path / "long.yaml", data))
    assert long_descriptors(framework) == [("maths", 3, 18)]


@pytest.mark.parametrize("competency_id", RECTEC_IDS)
def test_rectec_competency_has_observable_indicators(rectec, competency_id):
    indicators = rectec.competency(competency_id).indicators
    assert 3 <= len(indicators) <= 5
    for number, indicator in enumerate(indicators, start=1):
        assert_translated(indicator, f"{competency_id} indicator {number}")


def test_rectec_descriptors_of_a_competency_are_all_different(rectec):
    for competency in rectec.competencies:
        french = [text["fr"] for text in competency.levels]
        assert len(set(french)) == 4, competency.id


def test_rectec_level_words_cover_levels_one_to_four(rectec):
    assert sorted(word.level for word in rectec.level_words) == [1, 2, 3, 4]
    for word in rectec.level_words:
        assert_translated(word.name, f"level word {word.level}")
        assert_translated(word.description, f"level word {word.level} description")
    names = [rectec.level_word(level) for level in (1, 2, 3, 4)]
    assert len(set(names)) == 4
    assert all(not name.isdigit() for name in names)
    assert rectec.level_word(1, "en") != rectec.level_word(1, "fr")


def test_french_texts_use_the_typographic_apostrophe():
    for path in sorted(frameworks_dir().glob("*.yaml")):
        framework = load_framework(path)
        texts = [framework.name, framework.description]
        texts += [word.name for word in framework.level_words]
        texts += [word.description for word in framework.level_words]
        for competency in framework.competencies:
            texts += [competency.name, competency.description]
            texts += competency.indicators + competency.levels
        for text in texts:
            assert "'" not in text["fr"], f"{path.name}: straight apostrophe in {text['fr']!r}"


def test_unknown_competency_is_a_framework_error(rectec):
    with pytest.raises(FrameworkError, match="nope"):
        rectec.competency("nope")


# --- France Travail -------------------------------------------------------------------------


def test_france_travail_has_fourteen_named_savoir_etre(france_travail):
    assert france_travail.id == "france-travail"
    assert not france_travail.has_levels
    assert france_travail.level_words == []
    assert len(france_travail.competencies) == 14
    assert len(set(france_travail.by_id)) == 14
    for competency in france_travail.competencies:
        assert_translated(competency.name, f"{competency.id} name")
        assert_translated(competency.description, f"{competency.id} description")
        assert competency.levels == []


def test_france_travail_crosswalks_to_one_to_four_rectec_competencies(france_travail):
    for competency in france_travail.competencies:
        assert list(competency.crosswalk) == ["rectec"], competency.id
        targets = competency.crosswalk["rectec"]
        # Only Rigueur reaches four: a rule followed, an exact sum, a careful text, a plan kept.
        assert 1 <= len(targets) <= (4 if competency.id == "rigueur" else 3), competency.id
        assert len(set(targets)) == len(targets), competency.id
        assert set(targets) <= set(RECTEC_IDS), competency.id


def test_france_travail_crosswalk_as_reviewed(france_travail):
    crosswalk = {c.id: c.crosswalk["rectec"] for c in france_travail.competencies}
    assert {"maths", "ecrit", "regles"} <= set(crosswalk["rigueur"])
    assert "numerique" not in crosswalk["curiosite"]
    assert crosswalk["autonomie"] != crosswalk["perseverance"]


def test_bundled_crosswalks_resolve():
    frameworks = load_frameworks()
    assert {"rectec", "france-travail"} <= set(frameworks)
    assert crosswalk_problems(frameworks) == []


def test_crosswalk_to_a_missing_competency_or_framework_is_reported():
    frameworks = load_frameworks()
    frameworks["broken"] = Framework.model_validate(
        {
            "id": "broken",
            "version": "1",
            "name": "Broken",
            "has_levels": False,
            "competencies": [
                {"id": "a", "name": "A", "crosswalk": {"rectec": ["oral", "nope"]}},
                {"id": "b", "name": "B", "crosswalk": {"ghost": ["x"]}},
            ],
        }
    )
    problems = crosswalk_problems(frameworks)
    assert len(problems) == 2
    assert any("broken/a" in p and "nope" in p and "rectec" in p for p in problems)
    assert any("broken/b" in p and "ghost" in p for p in problems)


# --- Malformed files ------------------------------------------------------------------------


def rectec_data() -> dict:
    """The real RECTEC file as plain data, to break in a copy."""
    return json.loads(json.dumps(load_yaml(frameworks_dir() / "rectec.yaml")))


def write(path: Path, data) -> Path:
    # JSON is valid YAML: it keeps the broken variants exact.
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_a_copy_of_rectec_loads(tmp_path):
    framework = load_framework(write(tmp_path / "copy.yaml", rectec_data()))
    assert framework == default_framework()


def test_competency_with_three_levels_is_rejected(tmp_path):
    data = rectec_data()
    del data["competencies"][2]["levels"][-1]
    path = write(tmp_path / "three-levels.yaml", data)
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = str(caught.value)
    assert str(path) in message
    assert "numerique" in message and "3 levels" in message


def test_duplicate_competency_id_is_rejected(tmp_path):
    data = rectec_data()
    data["competencies"][1]["id"] = "oral"
    path = write(tmp_path / "duplicate.yaml", data)
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = str(caught.value)
    assert str(path) in message
    assert "duplicate" in message and "oral" in message


def test_unknown_key_is_rejected(tmp_path):
    data = rectec_data()
    data["competencies"][0]["colour"] = "red"
    path = write(tmp_path / "unknown-key.yaml", data)
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = str(caught.value)
    assert str(path) in message
    assert "competencies.0.colour" in message


def test_missing_level_word_is_rejected(tmp_path):
    data = rectec_data()
    data["level_words"] = data["level_words"][:3]
    path = write(tmp_path / "three-words.yaml", data)
    with pytest.raises(FrameworkError, match="level_words"):
        load_framework(path)


def test_invalid_yaml_is_rejected_with_its_position(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: rectec\ncompetencies:\n  - id: oral\n   name: [oops\n", encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = str(caught.value)
    assert str(path) in message
    assert "YAML syntax" in message


def test_empty_file_is_rejected(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert str(path) in str(caught.value)


def test_load_frameworks_stops_at_a_broken_file(tmp_path):
    write(tmp_path / "rectec.yaml", rectec_data())
    broken = rectec_data()
    broken["id"] = "other"
    broken["competencies"][0]["levels"] = []
    write(tmp_path / "other.yaml", broken)
    with pytest.raises(FrameworkError, match="other.yaml"):
        load_frameworks(tmp_path)


def test_a_text_without_french_is_refused(tmp_path: Path) -> None:
    data = rectec_data()
    data["competencies"][2]["levels"][1] = {"en": "I do it"}
    broken = tmp_path / "no-french.yaml"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(broken)
    assert str(broken) in str(caught.value)
    assert "numerique.levels[2]" in str(caught.value)


def test_framework_errors_are_explained_in_french(tmp_path: Path) -> None:
    from shared.errors import explain

    data = rectec_data()
    data["competencies"][0]["levels"] = data["competencies"][0]["levels"][:3]
    broken = tmp_path / "three-levels.yaml"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(broken)
    assert explain(caught.value).startswith(f"Le référentiel {broken} n’est pas valide.")
    assert "3 levels, expected 4" in explain(caught.value)


def test_the_scenario_validator_warns_on_a_long_descriptor(tmp_path):
    """A descriptor over 15 words loads (it is a warning), and validating a scenario that uses
    the framework points at its ``framework:`` line with the competency and level."""
    from shared.scenario.validate import validate_file

    data = rectec_data()
    data["competencies"][0]["levels"][3]["fr"] = "Je " + "parle " * 16 + "bien."
    long = load_framework(write(tmp_path / "rectec.yaml", data))
    scenario = frameworks_dir().parent / "tutorial" / "tutorial.yaml"
    plain = validate_file(scenario, frameworks={"rectec": default_framework()})
    assert [p for p in plain if p.key == "check.long_descriptor"] == []
    problems = validate_file(scenario, frameworks={"rectec": long})
    warned = [p for p in problems if p.key == "check.long_descriptor"]
    assert len(warned) == 1 and warned[0].severity == "warning"
    assert "oral" in warned[0].message and "18" in warned[0].message
    assert warned[0].line == scenario.read_text().split("\n").index("framework: rectec") + 1
