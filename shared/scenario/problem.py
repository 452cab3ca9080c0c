"""One problem found in a scenario file, as a trainer's editor shows it: path:line:col."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from shared.i18n import Catalogue

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """A located problem. ``key`` is the catalogue key of the message (tests match on it)."""

    path: Path
    line: int
    col: int
    severity: Severity
    message: str
    key: str = ""
    order: int = 0  # 1: a summary line (« et 61 autre(s) »), printed after the file's others

    def format(self, catalogue: Catalogue) -> str:
        """``path:line:col: erreur: message`` (words in the catalogue's language)."""
        word = catalogue(f"severity.{self.severity}")
        return f"{self.path}:{self.line}:{self.col}: {word}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def sort_key(problem: Problem) -> tuple[str, int, int, int, str]:
    """By file, then by position; a file's summary lines come last, at a stable place."""
    return (str(problem.path), problem.order, problem.line, problem.col, problem.message)
