"""Text hygiene, in one place: what DIVA accepts from people and what it shows them.

Everything typed by a person (a pseudonym, a structure, an experience's title or words) comes
in through ``pseudonym`` or ``free_text``: normalised to NFC, control and bidirectional-override
characters refused with a message that says which character and where, limits checked on the
whole text (never silently truncated: a truncated pseudonym is never found again).

Everything shown goes out through ``for_terminal`` (a counsellor's terminal must not obey an
escape sequence hidden in a title), ``for_html`` (no NUL in a page), ``csv_cell`` (a spreadsheet
must not run a formula) and ``shorten`` (one 100,000-character structure must not widen every
line of a list).
"""

import unicodedata

from shared.errors import DomainError

PSEUDONYM_MAX = 40
STRUCTURE_MAX = 120

# Bidirectional embeddings, overrides and isolates (Trojan Source, CVE-2021-42574), and the
# Arabic letter mark: they reorder what is shown around them.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
    "\u200e\u200f\u061c"  # marks
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ELLIPSIS = "…"


class TextError(DomainError):
    """A text a person typed cannot be kept as it is; the message says why and what to do."""


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def is_unsafe(ch: str, keep: str = "") -> bool:
    """A character that moves the cursor, rings, switches modes or reorders text, or a lone
    surrogate (invalid UTF-8 read with surrogateescape); ``keep`` lists allowed exceptions."""
    if ch in keep:
        return False
    return ch in BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs")


def _first_unsafe(text: str, keep: str = "") -> str | None:
    return next((ch for ch in text if is_unsafe(ch, keep)), None)


def checked_text(text: str, field: str, limit: int, keep: str = "") -> str:
    """``text`` in NFC, stripped, or TextError if it holds an unsafe character or is too long.

    ``field`` names what was typed (« pseudonym », « structure ») in the message; ``keep``
    lists control characters the field allows (a newline in a person's own words).
    """
    bad = _first_unsafe(text, keep)
    if bad is not None and unicodedata.category(bad) == "Cs":  # bytes that are not UTF-8
        raise TextError(
            f"the {field} is not valid UTF-8 text (byte 0x{ord(bad) - 0xDC00:02X})",
            "text.encoding",
            field=field,
            byte=f"0x{ord(bad) - 0xDC00:02X}",
        )
    if bad is not None:
        raise TextError(
            f"the {field} holds an invisible control character ({_describe(bad)})",
            "text.control",
            field=field,
            char=_describe(bad),
        )
    value = unicodedata.normalize("NFC", text).strip()
    if len(value) > limit:
        raise TextError(
            f"the {field} is {len(value)} characters long, at most {limit} are kept",
            "text.too_long",
            field=field,
            length=len(value),
            limit=limit,
        )
    return value


def pseudonym(text: str) -> str:
    """A pseudonym as the store keeps it: NFC, trimmed, visible, at most 40 characters."""
    value = checked_text(text, "pseudonym", PSEUDONYM_MAX)
    if not value:
        raise TextError("a pseudonym needs at least one visible character", "text.empty")
    bad = next((ch for ch in value if unicodedata.category(ch) == "Cf"), None)
    if bad is not None:  # zero-width joiners and the like: two pseudonyms would look the same
        raise TextError(
            f"the pseudonym holds an invisible character ({_describe(bad)})",
            "text.control",
            field="pseudonym",
            char=_describe(bad),
        )
    return value


def structure(text: str) -> str:
    """A structure's name (may be empty: « sans structure »)."""
    return checked_text(text, "structure", STRUCTURE_MAX)


def free_text(text: str, field: str, limit: int, multiline: bool = False) -> str:
    """A title, a place, a person's own words: same rules, newlines allowed when ``multiline``."""
    return checked_text(text, field, limit, keep="\n\t" if multiline else "")


def cleaned(value: object, multiline: bool = False) -> object:
    """A stored text as records keep it: NFC, without control or bidi characters (newlines and
    tabs kept when ``multiline``). For models: a record is never refused for them (an old or
    hand-edited file stays readable); people typing are told by ``free_text`` instead."""
    if isinstance(value, list):
        return [cleaned(v, multiline) for v in value]
    if not isinstance(value, str):
        return value
    keep = "\n\t" if multiline else ""
    if any(is_unsafe(ch, keep) for ch in value):
        value = "".join(ch for ch in value if not is_unsafe(ch, keep))
    return unicodedata.normalize("NFC", value)


# -- going out ---------------------------------------------------------------------------------


def escaped(ch: str) -> str:
    """A visible stand-in for an unsafe character, valid inside a JSON string too."""
    return f"\\u{ord(ch):04x}"


def for_terminal(text: str) -> str:
    """``text`` with every control and bidi character written as ``\\uXXXX`` (newline and tab
    kept): an ANSI/OSC sequence in a title is shown, never obeyed by the terminal."""
    if not any(is_unsafe(ch, "\n\t") for ch in text):
        return text
    return "".join(escaped(ch) if is_unsafe(ch, "\n\t") else ch for ch in text)


def for_html(text: str) -> str:
    """Characters that have no place in an HTML page (NUL, other C0/C1 controls, lone
    surrogates, bidi overrides) removed; newlines and tabs kept. Escaping stays Jinja's job."""
    if not any(is_unsafe(ch, "\n\t\r") for ch in text):
        return text
    return "".join(ch for ch in text if not is_unsafe(ch, "\n\t\r"))


def csv_cell(value: object) -> object:
    """A spreadsheet cell that cannot be read as a formula (OWASP « CSV injection »): a text
    starting with = + - @ tab or carriage return gets a leading apostrophe. Numbers pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def shorten(text: str, width: int, keep_end: bool = False) -> str:
    """At most ``width`` characters for display, an ellipsis saying that some were left out
    (at the start with ``keep_end``: a file path's useful part is its end)."""
    if len(text) <= width:
        return text
    if keep_end:
        return ELLIPSIS + text[len(text) - max(0, width - 1) :]
    return text[: max(0, width - 1)] + ELLIPSIS
