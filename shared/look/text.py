"""Wrapping rules for DIVA's texts, whatever draws them: lines no wider than a width.

The game and the skill map measure text with their own fonts (pygame), so the measure is
passed in; the rules are one: French punctuation stays with its word (« quoi ? », « 20 € »,
never a line starting with « ? » or ending with « « »), a word too long for a line is cut, and
a text cut to ``max_lines`` ends with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Callable

# French puts a space before these signs, but a line never starts with one (nor ends with «).
GLUE_BEFORE = {"!", "?", ":", ";", "»", "€", "%", "…"}
GLUE_AFTER = {"«"}
ELLIPSIS = "…"
# What may follow such a sign without a space: « ». », « €. », « ?! », « », »
TRAILING = set(".,;:!?…»)") | GLUE_BEFORE

Measure = Callable[[str], int]  # the width of a text, in the caller's unit (pixels)


def words(paragraph: str) -> list[str]:
    """Words, with « 20 € », « quoi ? » and « 20 €. » kept together as one unbreakable piece."""
    found: list[str] = []
    for word in paragraph.split(" "):
        if not word:
            continue
        if found and (_glued_sign(word) or found[-1] in GLUE_AFTER):
            found[-1] += " " + word
        else:
            found.append(word)
    return found


def _glued_sign(word: str) -> bool:
    """« ? », « ». », « €. », « !) »: a sign French spaces from its word, with only
    punctuation after it; it stays on the line of the word before."""
    return word[0] in GLUE_BEFORE and all(char in TRAILING for char in word[1:])


def wrap_text(text: str, width: int, measure: Measure, max_lines: int = 0) -> list[str]:
    """``text`` on lines no wider than ``width`` (each paragraph starts a line).

    A word wider than a line is cut where it fits; with ``max_lines``, the lines beyond are
    dropped and the last kept one ends with an ellipsis.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(paragraph, width, measure)
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = shorten(lines[-1] + ELLIPSIS, width, measure)
    return lines


def shorten(text: str, width: int, measure: Measure) -> str:
    """``text`` cut with an ellipsis until it fits ``width`` (unchanged if it fits)."""
    if measure(text) <= width:
        return text
    body = text.removesuffix(ELLIPSIS)
    while body and measure(body.rstrip() + ELLIPSIS) > width:
        body = body[:-1]
    return body.rstrip() + ELLIPSIS


def _wrap_paragraph(paragraph: str, width: int, measure: Measure) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words(paragraph):
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while measure(current) > width and len(current) > 1:
            cut = _sign_safe(current, _longest_prefix(current, width, measure))
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    return lines


def _sign_safe(piece: str, cut: int) -> int:
    """A cut through a piece too wide for a line (« préférence » : ») never leaves a sign
    alone at the start of the next line, nor « « » at the end of this one: it moves left,
    so a letter or two go along with the sign."""
    while cut > 1 and (
        piece[cut:].lstrip()[:1] in GLUE_BEFORE or piece[:cut].rstrip()[-1:] in GLUE_AFTER
    ):
        cut -= 1
    return cut


def _longest_prefix(word: str, width: int, measure: Measure) -> int:
    for cut in range(len(word) - 1, 0, -1):
        if measure(word[:cut]) <= width:
            return cut
    return 1
