"""Reading YAML written by people: safe, bounded, and with line:col in every error.

One reader: PyYAML's ``compose``, which gives the line:col of every node on its own. It
parses with libyaml (about 20 times faster, which keeps validating a whole library quick)
when PyYAML was built with it, else with PyYAML's pure-Python parser: the same nodes, and
problems worded alike. Tags are not resolved by PyYAML: plain scalars are resolved here by
the YAML 1.2 core schema, so ``no`` stays a word. The result is a :class:`Document`: plain
data plus the composed nodes, where a problem looks up its line:col.
"""

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

MAX_YAML_BYTES = 1024 * 1024
MAX_YAML_NODES = 10_000
MAX_YAML_DEPTH = 50

DataPath = tuple[str | int, ...]
Position = tuple[int, int]


class YamlProblem(Exception):
    """A YAML file could not be read; ``str()`` is ``path:line:col: message``.

    ``key`` and ``params`` name the message in the ``shared`` catalogue, so tools can show
    it in the reader's language; ``message`` is the English text.
    """

    def __init__(
        self,
        path: Path,
        line: int,
        col: int,
        message: str,
        key: str = "yaml.syntax",
        params: dict[str, Any] | None = None,
    ) -> None:
        self.path, self.line, self.col, self.message = path, line, col, message
        self.key = key
        self.params = params if params is not None else {"detail": message}
        super().__init__(f"{path}:{line}:{col}: {message}")


@dataclass
class Document:
    """Plain data (dict, list, str, int, float, bool, None) and the tree it was read from.

    Positions are looked up only when a problem needs one, by walking ``source`` (PyYAML's
    composed nodes): clean files pay nothing for them.
    """

    data: Any
    source: Any = None

    def value_at(self, path: DataPath) -> Position:
        """The line:col of the value at ``path``, or of its nearest written ancestor."""
        return _locate(self.source, path, key=False)

    def key_at(self, path: DataPath) -> Position:
        """The line:col of the mapping key holding ``path`` (the value's if not in a mapping)."""
        return _locate(self.source, path, key=True)


def _locate(source: Any, path: DataPath, key: bool) -> Position:
    position = _start(source)
    node = source
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        found = _child(node, step)
        if found is None:
            return position
        node, key_position = found
        position = key_position if (last and key and key_position) else _start(node)
    return position


def _start(node: Any) -> Position:
    mark = getattr(node, "start_mark", None)
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _child(node: Any, step: str | int) -> tuple[Any, Position | None] | None:
    """The child node at ``step`` and its key's position (None for sequence items)."""
    kind = getattr(node, "id", None)
    if kind == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step], None
    if kind == "mapping":
        for key_node, value_node in reversed(node.value):
            if key_node.id == "scalar" and _key_value(key_node) == step:
                return value_node, _start(key_node)
    return None


def read_yaml_text(path: Path) -> str:
    """The file's text, refusing files that are too big, binary or not UTF-8."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # a folder, a FIFO (open() would wait for a writer) or a device (/dev/zero)
            raise YamlProblem(path, 1, 1, "not a regular file", "yaml.not_regular", {})
        size = status.st_size
        if size <= MAX_YAML_BYTES:
            with path.open("rb") as handle:  # bounded: the file may grow after stat()
                raw = handle.read(MAX_YAML_BYTES + 1)
            size = len(raw)
        if size > MAX_YAML_BYTES:
            raise YamlProblem(
                path,
                1,
                1,
                f"file too large ({size} bytes, max {MAX_YAML_BYTES})",
                "yaml.too_large",
                {"size": size, "max": MAX_YAML_BYTES},
            )
    except FileNotFoundError as exc:
        raise YamlProblem(path, 1, 1, "file not found", "yaml.not_found", {}) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise YamlProblem(
            path, 1, 1, f"cannot read file: {reason}", "yaml.unreadable", {"reason": reason}
        ) from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as Windows Notepad's "Unicode"
        raise YamlProblem(
            path, 1, 1, "not UTF-8 text (save the file as UTF-8)", "yaml.encoding", {}
        )
    if b"\x00" in raw:
        raise YamlProblem(path, 1, 1, "binary file, not YAML text", "yaml.binary", {})
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            path, line, col, "not UTF-8 text (save the file as UTF-8)", "yaml.encoding", {}
        ) from exc


def load_yaml(path: Path) -> Any:
    """Read and parse one YAML file written by a person (plain data; None if empty)."""
    return _read(path).data


def load_document(path: Path, pure: bool = False) -> Document:
    """Read one YAML file into a :class:`Document`; any problem raises :class:`YamlProblem`.

    ``pure=True`` forces PyYAML's pure-Python parser (tests compare it with libyaml's).
    """
    document = _read(path, pure)
    if document.data is None:
        raise YamlProblem(path, 1, 1, "the file is empty", "yaml.empty", {})
    return document


def _read(path: Path, pure: bool = False) -> Document:
    return _Reader(path, _loader(pure)).read(read_yaml_text(path))


def _syntax(path: Path, line: int, col: int, detail: str) -> YamlProblem:
    return YamlProblem(path, line, col, f"YAML syntax: {detail}", "yaml.syntax", {"detail": detail})


def _marked(exc: Any) -> tuple[int, int, str]:
    """Line, column and text of a parser error (libyaml's and pure PyYAML's alike).

    An unclosed quote or bracket is only noticed at the end of the file: point at where
    it was opened instead, which is where the trainer must look.
    """
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in problem:
        mark = exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = f"{problem} ({context})" if problem and context else problem or context
    return line, col, detail or "invalid YAML"


# --- the parser's problems in plain words -------------------------------------------------
#
# libyaml and PyYAML's pure parser word their problems differently ("did not find expected
# key" / "expected <block end>, but found ..."): both are matched, so both parsers give the
# same catalogue key at the same line:col. A problem not listed keeps the parser's own words.


def _parser_problem(path: Path, exc: Any, text: str) -> YamlProblem:
    line, col, detail = _marked(exc)
    problem, context = exc.problem or "", exc.context or ""
    opened = exc.context_mark
    explained = _explain(problem, context, opened, text, line, col)
    if explained is None:
        return _syntax(path, line, col, detail)
    key, params, position = explained
    line, col = position or (line, col)
    return YamlProblem(path, line, col, _english(key, params), key, params)


def _explain(
    problem: str, context: str, opened: Any, text: str, line: int, col: int
) -> tuple[str, dict[str, Any], Position | None] | None:
    """The catalogue key and values for a parser problem, and where to point if elsewhere."""
    at = _char_at(text, line, col)
    opened_line = opened.line + 1 if opened is not None else line
    if "cannot start any token" in problem:
        if at == "\t":
            return "yaml.tab", {}, None
        return "yaml.bad_start", {"char": at}, None
    if "could not find expected ':'" in problem and opened is not None:
        return "yaml.missing_colon", {"line": opened_line, "name": _word_at(text, opened)}, None
    if "mapping values are not allowed" in problem:
        return "yaml.colon_in_text", {}, None
    if "end of stream" in problem and "quoted scalar" in context:
        return "yaml.unclosed_quote", {"quote": at}, None
    flow = _FLOW.get(context.removeprefix("while parsing a "))
    if flow and ("expected ','" in problem) and opened is not None:
        opener, closer = flow
        params = {"open": opener, "close": closer, "line": opened_line}
        if not text.split("\n", line - 1)[-1][col - 1 :].strip():
            # the end of the file: point at the bracket left open
            return "yaml.unclosed_bracket", params, (opened_line, opened.column + 1)
        return "yaml.unclosed_bracket", params, None
    block = "block mapping" in context or "block collection" in context
    if block and any(words in problem for words in _BLOCK_PROBLEMS):
        if _line_text(text, line)[: col - 1].strip():
            return "yaml.after_value", {}, None
        return "yaml.indentation", {"line": opened_line}, None
    if "undefined alias" in problem:
        return "yaml.undefined_alias", {"name": _word_at(text, None, line, col + 1)}, None
    if "duplicate anchor" in context and opened is not None:
        name = _word_at(text, None, line, col + 1)
        return "yaml.duplicate_anchor", {"name": name, "line": opened_line}, None
    return None


_BLOCK_PROBLEMS = ("expected key", "expected '-'", "<block end>")
_FLOW = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}
_WORD_END = re.compile(r"[\s,\[\]{}:#]")


def _line_text(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1] if 1 <= line <= len(lines) else ""


def _char_at(text: str, line: int, col: int) -> str:
    written = _line_text(text, line)
    return written[col - 1] if 1 <= col <= len(written) else ""


def _word_at(text: str, mark: Any, line: int = 0, col: int = 0) -> str:
    """The written word starting at ``mark`` (or line:col), cut short for a message."""
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    rest = _line_text(text, line)[col - 1 :].strip()
    found = _WORD_END.search(rest) if mark is None else None
    word = rest[: found.start()] if found else rest
    return word if len(word) <= 40 else word[:39] + "…"


@cache
def _english_catalogue() -> Any:
    from shared.i18n import Catalogue  # here: the catalogue is needed only for bad files

    return Catalogue.load("shared", "en")


def _english(key: str, params: dict[str, Any]) -> str:
    return "YAML syntax: " + _english_catalogue()(key, **params)


def _too_big(path: Path, line: int = 1, col: int = 1) -> YamlProblem:
    return YamlProblem(
        path,
        line,
        col,
        f"too many nested or repeated values (aliases?): max {MAX_YAML_NODES} values, "
        f"depth {MAX_YAML_DEPTH}",
        "yaml.too_complex",
        {"nodes": MAX_YAML_NODES, "depth": MAX_YAML_DEPTH},
    )


# --- YAML 1.2 core schema for plain scalars ------------------------------------------------

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


_NOT_PLAIN_WORD = frozenset("0123456789+-.~nNtTfF")


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar under the YAML 1.2 core schema."""
    if text and text[0] not in _NOT_PLAIN_WORD:
        return text  # most scalars are words: skip the regular expressions
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


# --- the reader ---------------------------------------------------------------------------


def has_libyaml() -> bool:
    """Whether PyYAML was built with libyaml (the fast parser)."""
    return bool(getattr(yaml, "__with_libyaml__", False))


@cache
def _loader(pure: bool) -> Any:
    """PyYAML's safe loader (libyaml's unless ``pure``) with tag resolution switched off.

    Plain scalars are resolved afterwards by :func:`resolve_plain` (YAML 1.2 core), not by
    PyYAML's YAML 1.1 resolver, which reads ``no`` as false.
    """
    base = yaml.SafeLoader if pure or not has_libyaml() else yaml.CSafeLoader

    class Loader(base):  # type: ignore[valid-type,misc]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return ""

    return Loader


class _Reader:
    """Composes with PyYAML, then builds plain data in one bounded walk.

    Values are counted in document order, an alias each time it is used, so an alias bomb
    or absurd nesting stops at the line:col where the limit is passed.
    """

    def __init__(self, path: Path, loader: Any) -> None:
        self.path = path
        self.loader = loader
        self.document = Document(None)
        self.count = 0
        self.depth = 0

    def read(self, text: str) -> Document:
        try:
            root = yaml.compose(text, Loader=self.loader)
        except yaml.MarkedYAMLError as exc:
            raise _parser_problem(self.path, exc, text) from exc
        except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
            raise _syntax(self.path, 1, 1, str(exc)) from exc
        self.document.source = root
        if root is not None:
            self.document.data = self._build(root, 0)
        return self.document

    def _build(self, node: Any, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_YAML_NODES or depth > MAX_YAML_DEPTH:
            raise _too_big(self.path, *_start(node))
        kind = node.id
        if kind == "scalar":
            return node.value if node.style else resolve_plain(node.value)
        if kind == "sequence":
            return [self._build(item, depth + 1) for item in node.value]
        return self._mapping(node, depth)

    def _mapping(self, node: Any, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in self._pairs(node):
            key = _key_value(key_node)
            if key in result:
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                raise YamlProblem(
                    self.path,
                    line,
                    col,
                    f"duplicate key {key!r}",
                    "yaml.duplicate_key",
                    {"name": key},
                )
            result[key] = self._build(value_node, depth + 1)
        return result

    def _pairs(self, node: Any) -> Iterator[tuple[Any, Any]]:
        """The mapping's pairs, with ``<<`` merge keys expanded (explicit keys win)."""
        if not any(_is_merge(key_node) for key_node, _ in node.value):
            yield from node.value
            return
        merged: list[tuple[Any, Any]] = []
        own: list[tuple[Any, Any]] = []
        for key_node, value_node in node.value:
            if _is_merge(key_node):
                sources = value_node.value if value_node.id == "sequence" else [value_node]
                merged += [
                    pair for source in sources if source.id == "mapping" for pair in source.value
                ]
            else:
                own.append((key_node, value_node))
        own_keys = {_key_value(k) for k, _ in own}
        seen: set[Any] = set()
        for key_node, value_node in merged:
            key = _key_value(key_node)
            if key not in own_keys and key not in seen:
                seen.add(key)
                yield key_node, value_node
        yield from own


def _is_merge(node: Any) -> bool:
    return node.id == "scalar" and node.value == "<<" and not node.style


def _key_value(node: Any) -> Any:
    if node.id != "scalar":
        return f"<{node.id}>"
    return node.value if node.style else resolve_plain(node.value)
