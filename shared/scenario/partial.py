"""A best-effort scenario when the schema failed, so the semantic checks still run.

Each top-level section is judged on its own from pydantic's error ``loc``: the scalar keys
(id, title, start…), ``place``, ``framework``, every character, every node, ``reflect`` and
every suggestion. What passed is kept; what failed is left out (its schema error is already
reported), and unknown top-level keys are ignored. The result says which data the checks
may trust (:data:`ALL_TRUSTED`), so a check whose data is missing or partial is skipped
instead of raising false alarms:

- ``nodes``: the node list is complete (no node failed) — reachability and dead ends;
- ``node_ids``: every node id is known, failed nodes included — missing ``goto``/``next``;
- ``start``: ``start`` is written and well formed — the ``start`` target, reachability;
- ``characters``: every character id is known (written, or absent with no misspelt key
  such as ``caracters:``) — unknown speakers;
- ``framework``: the framework id is written and well formed, or absent on purpose —
  unknown framework, competencies and levels;
- ``place``: the place passed — its background image.
"""

from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from shared.scenario.model import Character, Node, Reflect, Scenario, Suggestion
from shared.scenario.schema_errors import suggest

ALL_TRUSTED = frozenset({"nodes", "node_ids", "start", "characters", "framework", "place"})
LIST_LENGTH_ERRORS = frozenset({"too_short", "too_long"})


@dataclass
class Partial:
    """The scenario the checks run on, where its items sit in the file, and what to trust."""

    scenario: Scenario
    rows: list[int] = field(default_factory=list)
    character_rows: list[int] = field(default_factory=list)
    suggestion_rows: list[int] = field(default_factory=list)
    dropped_ids: set[str] = field(default_factory=set)
    dropped_character_ids: set[str] = field(default_factory=set)
    trusted: frozenset[str] = ALL_TRUSTED


def whole(scenario: Scenario) -> Partial:
    """A scenario that passed the schema: every item in its row, everything trusted."""
    return Partial(scenario)


def partial_scenario(data: dict[Any, Any], errors: list[Any]) -> Partial:
    """What can be kept of ``data``, given the schema ``errors`` it raised."""
    bad = _Bad.from_errors(errors)
    fields = Scenario.model_fields
    misspelt = {
        guess
        for key in data
        if key not in fields and (guess := suggest(key, list(fields))) and guess not in data
    }
    values: dict[str, Any] = {}
    written: set[str] = set()
    for name, info in fields.items():
        if name in ("nodes", "characters", "reflect"):
            continue
        if name in data and name not in bad.fields:
            try:
                values[name] = _adapter(Scenario, name).validate_python(data[name])
                written.add(name)
                continue
            except ValidationError:
                bad.fields.add(name)
        values[name] = None if info.is_required() else info.get_default(call_default_factory=True)

    nodes = _Items(data, "nodes", bad, _item_adapter("node", Node))
    characters = _Items(data, "characters", bad, _item_adapter("character", Character))
    reflect, suggestion_rows = _reflect(data.get("reflect"), bad)
    values.update(nodes=nodes.kept, characters=characters.kept, reflect=reflect)
    written |= {name for name in ("nodes", "characters", "reflect") if name in data}

    trusted = set()
    if nodes.usable and not nodes.dropped:
        trusted.add("nodes")
    if nodes.usable and nodes.ids_known:
        trusted.add("node_ids")
    if "start" in written:
        trusted.add("start")
    if "place" in written:
        trusted.add("place")
    if "framework" not in bad.fields and ("framework" in data or "framework" not in misspelt):
        trusted.add("framework")
    if characters.ids_known and ("characters" in data or "characters" not in misspelt):
        trusted.add("characters")
    scenario = Scenario.model_construct(_fields_set=written, **values)
    return Partial(
        scenario,
        rows=nodes.rows,
        character_rows=characters.rows,
        suggestion_rows=suggestion_rows,
        dropped_ids=nodes.dropped_ids,
        dropped_character_ids=characters.dropped_ids,
        trusted=frozenset(trusted),
    )


@dataclass
class _Bad:
    """Which parts failed: whole top-level fields, list rows, fields of ``reflect``."""

    fields: set[Any] = field(default_factory=set)
    rows: dict[str, set[int]] = field(
        default_factory=lambda: {"nodes": set(), "characters": set(), "suggestions": set()}
    )
    reflect: set[Any] = field(default_factory=set)

    @classmethod
    def from_errors(cls, errors: list[Any]) -> "_Bad":
        bad = cls()
        for error in errors:
            loc = tuple(error["loc"])
            if not loc:
                continue
            head = loc[0]
            if head not in Scenario.model_fields:
                continue  # an unknown top-level key: reported, then ignored
            if head in ("nodes", "characters") and len(loc) > 1 and isinstance(loc[1], int):
                bad.rows[head].add(loc[1])
            elif head == "reflect" and len(loc) > 1:
                bad.reflect_error(loc[1:], error["type"])
            else:
                bad.fields.add(head)
        return bad

    def reflect_error(self, loc: tuple[Any, ...], kind: str) -> None:
        if loc[0] == "suggestions" and len(loc) > 1 and isinstance(loc[1], int):
            self.rows["suggestions"].add(loc[1])
        elif not (loc == ("suggestions",) and kind in LIST_LENGTH_ERRORS):
            self.reflect.add(loc[0])  # 2 suggestions instead of 3 still get checked


class _Items:
    """The items of a top-level list that passed, with their rows in the file."""

    def __init__(self, data: dict[Any, Any], name: str, bad: _Bad, adapter: TypeAdapter) -> None:
        raw = data.get(name)
        self.usable = name not in bad.fields and isinstance(raw, list)
        self.kept: list[Any] = []
        self.rows: list[int] = []
        self.dropped_ids: set[str] = set()
        self.ids_known = self.usable or name not in data
        if not self.usable or not isinstance(raw, list):
            self.total = 0
            return
        self.total = len(raw)
        for row, item in enumerate(raw):
            if row not in bad.rows[name]:
                try:
                    self.kept.append(adapter.validate_python(item))
                    self.rows.append(row)
                    continue
                except ValidationError:
                    pass
            item_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(item_id, str):
                self.dropped_ids.add(item_id)
            else:
                self.ids_known = False

    @property
    def dropped(self) -> bool:
        """Whether some item failed and was left out."""
        return len(self.rows) < self.total


def _reflect(raw: Any, bad: _Bad) -> tuple[Reflect, list[int]]:
    """``reflect`` with its fields and suggestions that passed (rows of the suggestions)."""
    if "reflect" in bad.fields or not isinstance(raw, dict):
        return Reflect.model_construct(_fields_set=set(), suggestions=[]), []
    values: dict[str, Any] = {}
    written = set()
    for name in Reflect.model_fields:
        if name == "suggestions" or name not in raw or name in bad.reflect:
            continue
        try:
            values[name] = _adapter(Reflect, name).validate_python(raw[name])
            written.add(name)
        except ValidationError:
            pass
    suggestions = raw.get("suggestions")
    kept, rows = [], []
    if "suggestions" not in bad.reflect and isinstance(suggestions, list):
        written.add("suggestions")
        adapter = _item_adapter("suggestion", Suggestion)
        for row, item in enumerate(suggestions):
            if row in bad.rows["suggestions"]:
                continue
            try:
                kept.append(adapter.validate_python(item))
                rows.append(row)
            except ValidationError:
                pass
    return Reflect.model_construct(_fields_set=written, suggestions=kept, **values), rows


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    """A validator for one field of ``model``, with its constraints (pattern, bounds)."""
    info = model.model_fields[name]
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]  # type: ignore[valid-type]
    return TypeAdapter(annotation)


_ITEMS: dict[str, TypeAdapter] = {}


def _item_adapter(name: str, item: Any) -> TypeAdapter:
    """A validator for one list item (built on first use: most files never need one)."""
    if name not in _ITEMS:
        _ITEMS[name] = TypeAdapter(item)
    return _ITEMS[name]
