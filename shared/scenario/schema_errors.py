"""pydantic's schema errors, in a trainer's words and at the right line:col.

pydantic reports in English and in its own vocabulary ("Input should be a valid
dictionary"); each error type gets a catalogue message instead, with a "did you mean"
where a close word exists. A translated text (``str`` or ``{fr:, en:}``) fails in both
union branches: the two reports are merged into the one that fits what was written.
"""

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shared.i18n import Catalogue
from shared.scenario.model import Scenario
from shared.scenario.positions import data_path, error_position, model_at, value_at
from shared.scenario.problem import Problem
from shared.yamlfile import Document

TEXT_BRANCHES = ("str", "dict[str,str]")
LEVEL_BOUNDS = ("greater_than_equal", "less_than_equal")  # a competency level: 1 to 4
NODE_TYPES = ("scene", "identify", "ending")

SIMPLE_KEYS = {
    "string_pattern_mismatch": "schema.id_pattern",
    "int_type": "schema.int",
    "int_parsing": "schema.int",
    "int_from_float": "schema.int",
    "float_type": "schema.number",
    "float_parsing": "schema.number",
    "bool_type": "schema.bool",
    "bool_parsing": "schema.bool",
    "dict_type": "schema.mapping",
    "model_type": "schema.mapping",
    "model_attributes_type": "schema.mapping",
    "list_type": "schema.list",
    "scene_choices_and_next": "schema.scene_choices_and_next",
    "scene_no_way_on": "schema.scene_no_way_on",
    "scene_single_choice": "schema.scene_single_choice",
    "localized_text": "schema.text",
}


def suggest(word: object, candidates: list[str] | tuple[str, ...] | set[str]) -> str | None:
    """The closest candidate to ``word`` (for "did you mean"), if one is close enough."""
    if not isinstance(word, str):
        return None
    matches = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


Hint = Callable[[tuple[Any, ...], Any], str]


def schema_problems(
    path: Path,
    document: Document,
    errors: list[dict[str, Any]],
    catalogue: Catalogue,
    hint: Hint | None = None,
) -> list[Problem]:
    """One :class:`Problem` per schema error, translated and located.

    ``hint(loc, value)`` may add to a bad id's message (a competency written as its label).
    """
    problems = []
    for error in merge_text_errors(document.data, errors):
        loc = tuple(error["loc"])
        key, params, guess, where = describe(error, loc)
        line, col = error_position(document, where, error["type"])
        message = catalogue(key, **params)
        if guess:
            message += catalogue("did_you_mean", guess=guess)
        elif params.get("allowed"):
            message += catalogue("schema.allowed_keys", allowed=params["allowed"])
        if hint is not None and key == "schema.id_pattern":
            message += hint(loc, error.get("input"))
        problems.append(Problem(path, line, col, "error", message, key))
    return problems


def merge_text_errors(data: Any, errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep, for a translated text, only the errors of the branch that matches its shape."""
    merged: list[dict[str, Any]] = []
    seen_text: set[tuple[Any, ...]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        branch_at = next((i for i, step in enumerate(loc) if step in TEXT_BRANCHES), None)
        if branch_at is None:
            merged.append(error)
            continue
        prefix = loc[:branch_at]
        written = value_at(data, data_path(data, prefix))
        if isinstance(written, dict):
            if loc[branch_at] == "dict[str,str]":
                merged.append({**error, "loc": prefix + loc[branch_at + 1 :]})
        elif prefix not in seen_text:
            seen_text.add(prefix)
            merged.append({**error, "type": "localized_text", "loc": prefix})
    return merged


def describe(
    error: dict[str, Any], loc: tuple[Any, ...]
) -> tuple[str, dict[str, Any], str | None, tuple[Any, ...]]:
    """The catalogue key, its values, a "did you mean" guess and the loc to point at."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind in SIMPLE_KEYS:
        return SIMPLE_KEYS[kind], {"value": _short(value)}, None, loc
    if kind == "missing":
        return "schema.missing", {"name": loc[-1] if loc else "?"}, None, loc
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind == "string_type":
        return _string_type(value, loc)
    if kind == "node_type":
        return _node_type(value, loc)
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        params = {"value": _short(value), "expected": ", ".join(expected)}
        return "schema.literal", params, suggest(value, expected), loc
    if kind in LEVEL_BOUNDS and loc and loc[-1] == "level":
        return "schema.level", {"value": _short(value)}, None, loc
    return _limits(kind, ctx, value, loc) or (
        "schema.other",
        {"detail": error.get("msg", kind)},
        None,
        loc,
    )


def _unknown_key(loc: tuple[Any, ...]) -> tuple[str, dict[str, Any], str | None, tuple[Any, ...]]:
    key = loc[-1] if loc else "?"
    model = model_at(Scenario, loc[:-1])
    allowed = list(model.model_fields) if model else []
    params = {"name": key, "allowed": ", ".join(allowed)}
    return "schema.unknown_key", params, suggest(key, allowed), loc


def _string_type(value: Any, loc: tuple[Any, ...]) -> tuple[str, dict[str, Any], None, tuple]:
    if isinstance(value, bool):
        return "schema.string_number", {"value": str(value).lower()}, None, loc
    if isinstance(value, int | float):
        return "schema.string_number", {"value": value}, None, loc
    return "schema.string", {}, None, loc


def _node_type(value: Any, loc: tuple[Any, ...]) -> tuple[str, dict[str, Any], str | None, tuple]:
    if isinstance(value, dict):
        written = value.get("type")
        return (
            "schema.node_type",
            {"value": _short(written)},
            suggest(written, NODE_TYPES),
            (*loc, "type"),
        )
    return "schema.node_mapping", {}, None, loc


def _limits(
    kind: str, ctx: dict[str, Any], value: Any, loc: tuple[Any, ...]
) -> tuple[str, dict[str, Any], None, tuple] | None:
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "?"
        return "schema.string_too_long", {"length": length, "max": ctx.get("max_length")}, None, loc
    if kind in ("too_short", "too_long"):
        params = {
            "min": ctx.get("min_length"),
            "max": ctx.get("max_length"),
            "actual": ctx.get("actual_length"),
        }
        return f"schema.{kind}", params, None, loc
    bounds = {
        "greater_than_equal": ("schema.ge", "ge"),
        "greater_than": ("schema.ge", "gt"),
        "less_than_equal": ("schema.le", "le"),
        "less_than": ("schema.le", "lt"),
    }
    if kind in bounds:
        key, name = bounds[kind]
        return key, {"limit": ctx.get(name)}, None, loc
    return None


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"
