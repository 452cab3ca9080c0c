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

Measure = Callable[[str], int]  # the width of a text, in the caller's unit (pixels)


def words(paragraph: str) -> list[str]:
    """Words, with « 20 € » and « quoi ? » kept together as one unbreakable piece."""
    found: list[str] = []
    for word in paragraph.split(" "):
        if not word:
            continue
        if found and (word in GLUE_BEFORE or found[-1] in GLUE_AFTER):
            found[-1] += " " + word
        else:
            found.append(word)
    return found


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
            cut = _longest_prefix(current, width, measure)
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    return lines


def _longest_prefix(word: str, width: int, measure: Measure) -> int:
    for cut in range(len(word) - 1, 0, -1):
        if measure(word[:cut]) <= width:
            return cut
    return 1
