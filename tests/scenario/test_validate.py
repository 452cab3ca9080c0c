"""The validator on the broken corpus: every check, at its exact line:col, in French."""

import os
from pathlib import Path

import pytest

from shared.scenario.validate import Problem, validate_file, validate_paths
from shared.yamlfile import MAX_YAML_BYTES, load_document

BROKEN = Path(__file__).parent / "broken"

# file -> every problem expected: (line, col, message key, a piece of the French message)
EXPECTED: dict[str, list[tuple[int, int, str, str]]] = {
    # YAML syntax: the parser's problem in plain French, at the parser's line:col
    "yaml-syntax": [(4, 13, "yaml.unclosed_quote", "le guillemet « \" » ouvert ici n'est jamais")],
    "yaml-tab": [(7, 1, "yaml.tab", "remplacez la tabulation par des espaces")],
    "yaml-bad-start": [(17, 20, "yaml.bad_start", "commencer par « @ » : mettez le texte entre")],
    "yaml-missing-colon": [(13, 1, "yaml.missing_colon", "il manque « : » après « start debut »")],
    "yaml-colon-in-text": [(17, 23, "yaml.colon_in_text", "mettez tout le texte entre guillemets")],
    "yaml-unclosed-bracket": [(32, 12, "yaml.unclosed_bracket", "« [ » ouvert ligne 31 n'est pas")],
    "yaml-indentation": [(17, 8, "yaml.indentation", "pas alignée avec le bloc commencé ligne 16")],
    "yaml-after-value": [(38, 15, "yaml.after_value", "entre guillemets doubles")],
    "yaml-undefined-alias": [(33, 10, "yaml.undefined_alias", "alias « *pourquoi » inconnu")],
    "yaml-duplicate-anchor": [
        (33, 10, "yaml.duplicate_anchor", "l'ancre « &pourquoi » est déjà définie ligne 25")
    ],
    "not-mapping": [(2, 1, "scenario.not_mapping", "pas une liste")],
    "empty": [(1, 1, "yaml.empty", "le fichier est vide")],
    "binary": [(1, 1, "yaml.binary", "fichier binaire")],
    "encoding": [(5, 19, "yaml.encoding", "UTF-8")],
    "duplicate-key": [(6, 1, "yaml.duplicate_key", "« title » apparaît deux fois")],
    "alias-bomb": [(2, 35, "yaml.too_complex", "alias")],
    "too-deep": [(2, 55, "yaml.too_complex", "50 niveaux")],
    "unknown-key": [
        (18, 5, "schema.unknown_key", "clé inconnue « choises » — vouliez-vous dire « choices » ?")
    ],
    "missing-key": [(26, 9, "schema.missing", "il manque la clé « goto »")],
    "wrong-type": [(3, 10, "schema.string_number", 'écrivez "1.1" entre guillemets')],
    "text-type": [
        (4, 8, "schema.text", "un texte est attendu"),
        (38, 17, "schema.string_number", '"12"'),
    ],
    "bad-id": [
        (35, 11, "schema.id_pattern", "identifiant invalide « Fin_B »"),
        (41, 9, "schema.id_pattern", "« Fin_B »"),
    ],
    "node-type": [(30, 11, "schema.node_type", "vouliez-vous dire « identify » ?")],
    "single-choice": [(14, 5, "schema.scene_single_choice", "un seul choix")],
    "literal": [(18, 21, "schema.literal", "« hapy » inconnue")],
    "level-out-of-range": [(24, 20, "schema.level", "niveau 5 impossible : le niveau va de 1 à 4")],
    "duplicate-node": [
        (41, 9, "check.duplicate_id", "« fin-a » est déjà utilisé par un autre nœud (ligne 36)")
    ],
    "duplicate-choice": [(26, 13, "check.duplicate_id", "autre choix (ligne 19)")],
    "duplicate-character": [(12, 9, "check.duplicate_id", "autre personnage (ligne 10)")],
    "duplicate-suggestion": [
        (51, 11, "check.duplicate_id", "utilisé par une autre suggestion (ligne 48)")
    ],
    "goto-missing": [
        (21, 15, "check.missing_target", "le nœud « fin » n'existe pas (goto) — vouliez-vous dire"),
        (36, 9, "check.unreachable", "« fin-a » n'est jamais atteint"),
    ],
    "start-missing": [(12, 8, "check.missing_target", "(start) — vouliez-vous dire « debut » ?")],
    "next-missing": [
        (35, 11, "check.missing_target", "« fin-c » n'existe pas (next)"),
        (41, 9, "check.unreachable", "« fin-b »"),
    ],
    "unreachable": [(46, 9, "check.unreachable", "« oubli » n'est jamais atteint")],
    "no-ending": [
        (36, 9, "check.unreachable", "« fin-a »"),
        (46, 9, "check.no_ending", "depuis le nœud « boucle », aucun chemin ne mène à une fin"),
    ],
    "unknown-speaker": [(16, 18, "check.unknown_speaker", "« sami » inconnu")],
    "unknown-competency": [
        (23, 25, "check.unknown_competency", "« orale » inconnue dans le référentiel « rectec »")
    ],
    "answer-not-card": [(32, 26, "check.answer_not_card", "« maths »")],
    "unknown-framework": [(12, 12, "check.unknown_framework", "vouliez-vous dire « rectec » ?")],
    "missing-asset": [(8, 15, "check.asset_missing", "images/backgrounds/stadium.svg")],
    "asset-escapes": [
        (8, 15, "check.asset_escapes", "« ../../../etc/passwd » sort du dossier"),
        (31, 17, "check.asset_escapes", "« /etc/passwd »"),
    ],
    "missing-translation": [(20, 15, "check.translation_missing", "pas de traduction « en »")],
    "line-too-long": [(17, 20, "check.sentence_too_long", "29 mots")],
    "long-sentence": [(27, 20, "check.sentence_too_long", "phrase de 24 mots")],
    "salvage": [
        (16, 18, "check.unknown_speaker", "« sami »"),
        (29, 5, "schema.missing", "« next »"),
        (35, 5, "schema.unknown_key", "« nxt »"),
    ],
    # a schema error outside nodes: the semantic checks still run on what passed
    "outside-titel": [
        (2, 1, "schema.missing", "il manque la clé « title »"),
        (4, 1, "schema.unknown_key", "clé inconnue « titel » — vouliez-vous dire « title » ?"),
        (
            23,
            25,
            "check.unknown_competency",
            "« orale » inconnue dans le référentiel « rectec » — vouliez-vous dire « oral » (",
        ),
        (31, 15, "check.missing_target", "« fin-c » n'existe pas (goto)"),
        (49, 9, "check.unreachable", "« oubli » n'est jamais atteint"),
    ],
    "outside-character": [
        (10, 5, "schema.missing", "il manque la clé « name »"),
        (11, 5, "schema.unknown_key", "clé inconnue « nom »"),
        (14, 15, "check.asset_missing", "images/portraits/lea.png"),
        (23, 18, "check.unknown_speaker", "personnage « zoe » inconnu"),
        (39, 12, "check.translation_missing", "pas de traduction « en »"),
    ],
    "outside-characters-misspelt": [
        (9, 1, "schema.unknown_key", "« caracters » — vouliez-vous dire « characters » ?"),
        (15, 17, "check.asset_missing", "images/backgrounds/gymnase.svg"),
        (23, 13, "check.duplicate_id", "« parler » est déjà utilisé par un autre choix (ligne 20)"),
        (37, 9, "check.unreachable", "« oubli » n'est jamais atteint"),
    ],
    "outside-reflect": [
        (26, 9, "check.unreachable", "« fin-b » n'est jamais atteint"),
        (35, 7, "schema.missing", "il manque la clé « text »"),
        (36, 7, "schema.unknown_key", "« txt » — vouliez-vous dire « text » ?"),
        (39, 33, "check.unknown_competency", "« orale » inconnue"),
        (40, 11, "check.duplicate_id", "une autre suggestion (ligne 33)"),
    ],
    "outside-place": [
        (3, 10, "schema.string_number", 'écrivez "1.1" entre guillemets'),
        (9, 10, "schema.le", "au plus 1.0"),
        (10, 1, "schema.unknown_key", "« framwork » — vouliez-vous dire « framework » ?"),
        (14, 17, "check.asset_missing", "images/backgrounds/gymnase.svg"),
        (16, 18, "check.unknown_speaker", "personnage « sam » inconnu"),
        (29, 9, "check.no_ending", "depuis le nœud « boucle », aucun chemin"),
    ],
}
WARNINGS = {"check.translation_missing", "check.sentence_too_long"}


def _found(problems: list[Problem]) -> list[tuple[int, int, str]]:
    return sorted((p.line, p.col, p.key) for p in problems)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_reports_exactly_its_problems(name, content_root, french):
    problems = validate_file(BROKEN / f"{name}.yaml", content_root, catalogue=french)
    assert _found(problems) == sorted((line, col, key) for line, col, key, _ in EXPECTED[name])
    for line, col, key, piece in EXPECTED[name]:
        problem = next(p for p in problems if (p.line, p.col, p.key) == (line, col, key))
        assert piece in problem.message
        assert problem.severity == ("warning" if key in WARNINGS else "error")


def test_every_broken_file_is_in_the_table():
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)
    assert len({key for rows in EXPECTED.values() for _, _, key, _ in rows}) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pure_parser_agrees_with_libyaml(name, content_root, french, monkeypatch):
    """PyYAML's pure-Python parser (used where PyYAML was built without libyaml) finds the
    same problems, with the same words, at the same places."""
    fast = validate_file(BROKEN / f"{name}.yaml", content_root, catalogue=french)
    monkeypatch.setattr("shared.scenario.validate.load_document", _pure)
    slow = validate_file(BROKEN / f"{name}.yaml", content_root, catalogue=french)
    assert [(p.line, p.col, p.key, p.message) for p in slow] == [
        (p.line, p.col, p.key, p.message) for p in fast
    ]


def _pure(path: Path):
    return load_document(path, pure=True)


def test_valid_file_has_no_problem(valid_file, content_root, french):
    assert validate_file(valid_file, content_root, catalogue=french) == []


def test_file_too_large_is_refused(tmp_path, content_root, french):
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * MAX_YAML_BYTES + "\n")
    [problem] = validate_file(big, content_root, catalogue=french)
    assert (problem.line, problem.col, problem.key) == (1, 1, "yaml.too_large")
    assert "fichier trop gros" in problem.message


def test_english_catalogue_and_severity_words(content_root):
    from shared.i18n import Catalogue

    english = Catalogue.load("shared", "en")
    [problem] = validate_file(BROKEN / "goto-missing.yaml", content_root, catalogue=english)[:1]
    assert problem.format(english).endswith(
        "21:15: error: the node “fin” does not exist (goto) — did you mean “fin-b”?"
    )


YAML_IN_ENGLISH = {
    "yaml-syntax": 'the quote " opened here is never closed: add the same quote at the end',
    "yaml-tab": "tab not allowed: YAML indents lines with spaces only",
    "yaml-bad-start": 'a value cannot start with “@”: put the text between quotes ("@…")',
    "yaml-missing-colon": "missing “:” after “start debut” (line 12): write “key: value”",
    "yaml-colon-in-text": "unexpected “:” here: if the text contains “:”, put the whole text",
    "yaml-unclosed-bracket": "“[” opened on line 31 is not closed: add “]”",
    "yaml-indentation": "wrong indentation: this line is not aligned with the block started on",
    "yaml-after-value": "unexpected text after the value: if the text contains a quote or an",
    "yaml-undefined-alias": "unknown alias “*pourquoi” (no anchor “&pourquoi” before it)",
    "yaml-duplicate-anchor": "the anchor “&pourquoi” is already defined on line 25: rename it",
}


@pytest.mark.parametrize("name", sorted(YAML_IN_ENGLISH))
def test_yaml_syntax_in_plain_english(name, content_root):
    from shared.i18n import Catalogue

    english = Catalogue.load("shared", "en")
    [problem] = validate_file(BROKEN / f"{name}.yaml", content_root, catalogue=english)
    assert YAML_IN_ENGLISH[name] in problem.message
    for parser_words in ("did not find", "found", "<block", "while ", "could not"):
        assert parser_words not in problem.message


def test_unknown_yaml_problem_keeps_the_parsers_words(tmp_path, content_root, french):
    path = tmp_path / "escape.yaml"
    path.write_text('id: x\ntitle: "a \\q b"\n', encoding="utf-8")
    [problem] = validate_file(path, content_root, catalogue=french)
    assert (problem.line, problem.col, problem.key) == (2, 11, "yaml.syntax")
    assert problem.message.startswith("syntaxe YAML : found unknown escape character")


def test_yaml_problem_str_stays_english_for_other_tools():
    from shared.yamlfile import YamlProblem

    with pytest.raises(YamlProblem) as caught:
        load_document(BROKEN / "yaml-tab.yaml")
    assert str(caught.value).endswith(
        ":7:1: YAML syntax: tab not allowed: YAML indents lines "
        "with spaces only (replace the tab with spaces)"
    )


def test_shared_catalogues_have_the_same_keys():
    import json

    locales = Path(__file__).parents[2] / "shared" / "locales"
    french = json.loads((locales / "fr.json").read_text(encoding="utf-8"))
    english = json.loads((locales / "en.json").read_text(encoding="utf-8"))
    assert sorted(set(french) ^ set(english)) == []


def test_french_format_is_path_line_col(content_root, french):
    problems = validate_file(BROKEN / "unknown-speaker.yaml", content_root, catalogue=french)
    assert problems[0].format(french) == (
        f"{BROKEN / 'unknown-speaker.yaml'}:16:18: erreur: personnage « sami » inconnu "
        "(déclarez-le dans characters) — vouliez-vous dire « sam » ?"
    )


def test_validate_paths_walks_folders_and_reports_missing_ones(tmp_path, content_root, french):
    problems = validate_paths([BROKEN, tmp_path, tmp_path / "nope.yaml"], content_root, french)
    assert {p.path.stem for p in problems} >= set(EXPECTED)
    assert any(p.key == "files.none" and p.severity == "warning" for p in problems)
    missing = [p for p in problems if p.key == "yaml.not_found"]
    assert [p.path.name for p in missing] == ["nope.yaml"]
    assert "fichier introuvable" in missing[0].message


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_device_or_fifo_is_refused_without_reading(special, tmp_path, content_root, french):
    """A symlink to /dev/zero would be read forever, a FIFO would wait for a writer."""
    path = tmp_path / "special.yaml"
    if special == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(special)
    [problem] = validate_file(path, content_root, catalogue=french)
    assert (problem.line, problem.col, problem.key) == (1, 1, "yaml.not_regular")
    assert "pas un fichier ordinaire" in problem.message


def test_utf16_file_is_an_encoding_problem_not_binary(tmp_path, valid_file, content_root, french):
    path = tmp_path / "notepad.yaml"
    path.write_bytes(valid_file.read_text(encoding="utf-8").encode("utf-16"))
    [problem] = validate_file(path, content_root, catalogue=french)
    assert problem.key == "yaml.encoding"
    assert "enregistrez le fichier en UTF-8" in problem.message


def test_symlink_escaping_the_content_folder(tmp_path, valid_file, french):
    root = tmp_path / "content"
    (root / "images" / "backgrounds").mkdir(parents=True)
    (root / "images" / "backgrounds" / "stade.svg").symlink_to("/etc/hostname")
    (root / "frameworks").symlink_to(Path(__file__).parent / "content" / "frameworks")
    problems = validate_file(valid_file, root, catalogue=french)
    assert [(p.line, p.col, p.key) for p in problems] == [(8, 15, "check.asset_link_escapes")]
    target = Path("/etc/hostname").resolve()
    assert problems[0].message == (
        f"« images/backgrounds/stade.svg » est un lien qui mène hors du dossier de contenu "
        f"(vers {target}) : mettez une vraie copie du fichier dans le dossier de contenu"
    )


def test_symlinked_folder_escaping_the_content_folder_is_a_link_too(tmp_path, valid_file):
    from shared.i18n import Catalogue

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "stade.svg").write_text("<svg/>", encoding="utf-8")
    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    (root / "images" / "backgrounds").symlink_to(outside)
    (root / "frameworks").symlink_to(Path(__file__).parent / "content" / "frameworks")
    english = Catalogue.load("shared", "en")
    [problem] = validate_file(valid_file, root, catalogue=english)
    assert (problem.line, problem.col, problem.key) == (8, 15, "check.asset_link_escapes")
    assert problem.message.startswith(
        "“images/backgrounds/stade.svg” is a link leading outside the content folder (to "
    )


def test_level_out_of_range_in_english(tmp_path, valid_file, content_root):
    from shared.i18n import Catalogue

    path = tmp_path / "level.yaml"
    path.write_text(valid_file.read_text(encoding="utf-8").replace("level: 2", "level: 0"))
    english = Catalogue.load("shared", "en")
    [problem] = validate_file(path, content_root, catalogue=english)
    assert (problem.line, problem.col, problem.key) == (24, 20, "schema.level")
    assert problem.message == "level 0 is not possible: the level goes from 1 to 4"


def test_broken_framework_file_is_reported(tmp_path, valid_file, french):
    root = tmp_path / "content"
    (root / "frameworks").mkdir(parents=True)
    (root / "frameworks" / "rectec.yaml").write_text("id: rectec\n")
    problems = validate_file(valid_file, root, catalogue=french)
    assert "check.framework_broken" in {p.key for p in problems}


def test_translation_warnings_are_summarised(tmp_path, valid_file, content_root, french):
    french_only = tmp_path / "fr.yaml"
    text = valid_file.read_text(encoding="utf-8")
    french_only.write_text(text.replace(", en: ", ", de: "), encoding="utf-8")
    problems = validate_file(french_only, content_root, catalogue=french)
    keys = [p.key for p in problems]
    assert keys.count("check.translation_missing") == 5
    assert keys.count("check.translation_more") == 1
    assert all(p.severity == "warning" for p in problems)


# valid.yaml with pieces replaced -> exactly the problems expected (line, col, key): a check
# whose data failed the schema is skipped rather than giving false alarms; the others run
SPEAKER = (
    "speaker: sam\n        text: {fr: Bonjour.",
    "speaker: sami\n        text: {fr: Bonjour.",
)
PARTIAL = {
    "character without an id: speakers unchecked": (
        [("  - id: sam\n    name:", "  - name:"), SPEAKER, ("goto: fin-a", "goto: fin")],
        [(10, 5, "schema.missing"), (20, 15, "check.missing_target"), (35, 9, "check.unreachable")],
    ),
    "characters not a list: speakers unchecked": (
        [("  - id: sam\n    name: {fr: Sam, en: Sam}", "  sam"), SPEAKER],
        [(10, 3, "schema.list")],
    ),
    "node without an id: targets and reachability unchecked": (
        [("  - id: identifier\n    type: identify\n    cards", "  - type: identify\n    card")],
        [(29, 5, "schema.missing"), (29, 5, "schema.missing"), (30, 5, "schema.unknown_key")],
    ),
    "nodes not a list: no start target": (
        [("nodes:\n  - id: debut", "nodes: 3\nold:\n  - id: debut")],
        [(13, 8, "schema.list"), (14, 1, "schema.unknown_key")],
    ),
    "misspelt start: no start target, no reachability": (
        [("start: debut", "strat: debut"), SPEAKER],
        [
            (2, 1, "schema.missing"),
            (12, 1, "schema.unknown_key"),
            (16, 18, "check.unknown_speaker"),
        ],
    ),
    "malformed framework: competencies unchecked": (
        [
            ("start: debut", "framework: Rectec\nstart: debut"),
            ("competency: oral", "competency: x"),
        ],
        [(12, 12, "schema.id_pattern")],
    ),
    "reflect misspelt: the nodes are still checked": (
        [("reflect:", "reflet:"), ("goto: fin-a", "goto: fin")],
        [
            (2, 1, "schema.missing"),
            (21, 15, "check.missing_target"),
            (36, 9, "check.unreachable"),
            (46, 1, "schema.unknown_key"),
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(PARTIAL))
def test_partial_document_checks_only_what_is_trustworthy(
    case, tmp_path, valid_file, content_root, french
):
    replacements, expected = PARTIAL[case]
    text = valid_file.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "partial.yaml"
    path.write_text(text, encoding="utf-8")
    problems = validate_file(path, content_root, catalogue=french)
    assert _found(problems) == sorted(expected)
