"""Whatever a file holds, validate answers with messages and exit 0 or 1, never a traceback."""

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.scenario.cli import main
from shared.scenario.validate import validate_file
from shared.yamlfile import load_document

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONTENT = Path(__file__).parent / "content"
VALID = (Path(__file__).parent / "valid.yaml").read_text(encoding="utf-8")

yaml_ish = st.text(
    alphabet=st.sampled_from(list("abc-:#&*!|>[]{},'\"\n\t %@`?~0123456789éà\\")), max_size=300
)
keys = st.sampled_from(
    ["id", "nodes", "choices", "goto", "lines", "text", "type", "start", "fr", "en", "shows", "x"]
)
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
)
trees = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=30,
)


def _check(path: Path, capsys) -> None:
    code = main(["validate", "--content-root", str(CONTENT), str(path)])
    assert code in (0, 1)
    captured = capsys.readouterr()
    if code == 1:
        assert f"{path}:" in captured.out
    problems = validate_file(path, CONTENT)
    assert all(p.key != "check.internal" for p in problems), problems


@FUZZ
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes(data, tmp_path, capsys):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    _check(path, capsys)


@FUZZ
@given(text=yaml_ish)
def test_arbitrary_yaml_ish_text(text, tmp_path, capsys):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    _check(path, capsys)


@FUZZ
@given(tree=trees)
def test_arbitrary_nested_data(tree, tmp_path, capsys):
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    _check(path, capsys)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(VALID)), junk=yaml_ish)
def test_damaged_valid_scenario(cut, junk, tmp_path, capsys):
    path = tmp_path / "fuzz.yaml"
    path.write_text(VALID[:cut] + junk + VALID[cut:], encoding="utf-8")
    _check(path, capsys)


@settings(FUZZ, max_examples=100)
@given(text=yaml_ish)
def test_pure_parser_never_crashes(text, tmp_path, monkeypatch):
    """PyYAML's pure-Python parser (no libyaml) is as robust as libyaml's."""
    monkeypatch.setattr(
        "shared.scenario.validate.load_document", lambda path: load_document(path, pure=True)
    )
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    problems = validate_file(path, CONTENT)
    assert all(p.key != "check.internal" for p in problems), problems
