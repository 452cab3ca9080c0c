"""« Did you mean » for competencies: by label as well as by spelling.

A trainer who knows the framework from its French labels writes « communiquer à l'oral »
or « communication » where the file wants the id ``oral``. Edit distance alone proposes
« organisation » for « communication »; matching the words of the labels (and their
stems: *communi-cation* / *communi-quer*) finds the ones meant. The hint always ends
with the list of the framework's competencies, id and label, so the right one is at hand.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from shared.framework import Framework
from shared.i18n import Catalogue
from shared.scenario.schema_errors import suggest
from shared.text import LANGUAGES, localize

STEM = 5  # letters two words must share from their start to count as the same word
SMALL_WORDS = {"les", "des", "son", "sa", "ses", "aux", "the", "and", "your", "into", "with"}


def normalize(text: str) -> str:
    """Lower case, without accents, apostrophes and hyphens as spaces."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def _words(text: str) -> set[str]:
    return {w for w in normalize(text).split() if len(w) >= 3 and w not in SMALL_WORDS}


def _labels(framework: Framework) -> dict[str, list[str]]:
    """Each competency's id and labels in every language."""
    return {
        c.id: [c.id] + [localize(c.name, lang) for lang in LANGUAGES]
        for c in framework.competencies
    }


def _same_word(a: str, b: str) -> bool:
    return a == b or (len(a) >= STEM and len(b) >= STEM and a[:STEM] == b[:STEM])


def guesses(written: Any, framework: Framework) -> list[str]:
    """The competency ids ``written`` most likely means (several when it is ambiguous)."""
    if not isinstance(written, str) or not written.strip():
        return []
    labels = _labels(framework)
    wanted = normalize(written)
    exact = [cid for cid, names in labels.items() if wanted in {normalize(n) for n in names}]
    if exact:
        return exact
    given = _words(written)
    scores: dict[str, int] = {}
    for cid, names in labels.items():
        known = set().union(*(_words(n) for n in names))
        scores[cid] = sum(any(_same_word(g, k) for k in known) for g in given)
    best = max(scores.values(), default=0)
    if best > 0:
        return [cid for cid, score in scores.items() if score == best]
    close = suggest(wanted.replace(" ", "-"), set(labels))
    return [close] if close else []


def competency_hint(written: Any, framework: Framework, t: Catalogue) -> str:
    """`` — vouliez-vous dire « oral » (Communiquer à l’oral) ? Les 10 compétences : …``"""
    named = {c.id: localize(c.name, t.lang) for c in framework.competencies}
    hint = ""
    found = guesses(written, framework)
    if found:
        one = [t("competency.one", id=cid, label=named[cid]) for cid in found]
        hint += t("competency.guess", guesses=t("competency.or").join(one))
    listed = ", ".join(f"{cid} ({label})" for cid, label in named.items())
    return hint + t("competency.list", count=len(named), list=listed)


def is_competency_place(loc: tuple[Any, ...]) -> bool:
    """Whether a schema error's ``loc`` points at a competency id (shows, cards, answers,
    a suggestion's competencies)."""
    if loc and loc[-1] == "competency":
        return True
    return len(loc) >= 2 and loc[-2] in ("cards", "answers", "competencies")
