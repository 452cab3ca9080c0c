"""Reading YAML written by people: safe, bounded, and with line:col in every error."""

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

MAX_YAML_BYTES = 1024 * 1024


class YamlProblem(Exception):
    """A YAML file could not be read; ``str()`` is ``path:line:col: message``."""

    def __init__(self, path: Path, line: int, col: int, message: str) -> None:
        self.path, self.line, self.col, self.message = path, line, col, message
        super().__init__(f"{path}:{line}:{col}: {message}")


def read_yaml_text(path: Path) -> str:
    """The file's text, refusing files that are too big, binary or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise YamlProblem(path, 1, 1, f"file too large ({size} bytes, max {MAX_YAML_BYTES})")
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlProblem(path, 1, 1, f"cannot read file: {exc.strerror}") from exc
    if b"\x00" in raw:
        raise YamlProblem(path, 1, 1, "binary file, not YAML text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(path, line, 1, "not UTF-8 text (save the file as UTF-8)") from exc


def parse_yaml(text: str, path: Path) -> Any:
    """Round-trip parse (keeps line/col on every mapping and sequence)."""
    yaml = YAML(typ="rt")
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(path, line, col, f"YAML syntax: {message}") from exc
    except (YAMLError, RecursionError, ValueError) as exc:
        raise YamlProblem(path, 1, 1, f"YAML syntax: {exc}") from exc


def load_yaml(path: Path) -> Any:
    """Read and parse one YAML file written by a person."""
    return parse_yaml(read_yaml_text(path), path)
