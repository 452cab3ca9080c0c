"""Baked badges: the assertion carried inside the badge picture (OB 2.0 baking specification).

- PNG: an ``iTXt`` chunk with keyword ``openbadges``, compression flag 0 (uncompressed, so
  simple readers find it), right after ``IHDR``. Baking inserts that one chunk (with its CRC)
  and copies every other chunk byte for byte: no re-encoding, so the picture is unchanged and
  baking costs well under a millisecond (Pillow's re-save took ~40 ms, too slow to bake on a
  public GET). Reading goes through Pillow, which knows every text chunk form.
- SVG: ``xmlns:openbadges="http://openbadges.org"`` on the root and, first inside it,
  ``<openbadges:assertion verify="URL"><![CDATA[...]]></openbadges:assertion>``.

A file that already carries a badge is re-baked: the old assertion is replaced, never doubled.
Reading refuses broken files with ``BadgeFileError`` (what is wrong, never a traceback).
"""

import functools
import io
import re
import struct
import xml.dom.minidom
import zlib
from xml.etree import ElementTree

from defusedxml import ElementTree as SafeElementTree  # type: ignore[import-untyped]
from defusedxml import minidom as safe_minidom  # type: ignore[import-untyped]
from PIL import Image, UnidentifiedImageError

KEYWORD = "openbadges"
OB3_KEYWORD = "openbadgecredential"  # OB 3.0 baking: a credential (JWT or JSON) in PNG
SVG_NAMESPACE = "http://openbadges.org"
ASSERTION_ELEMENT = f"{{{SVG_NAMESPACE}}}assertion"
CREDENTIAL_ELEMENT = "{https://purl.imsglobal.org/ob/v3p0}credential"  # OB 3.0 baking
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class BadgeFileError(ValueError):
    """A file that is not a readable PNG or SVG."""


def bake_png(png_bytes: bytes, assertion_json: str) -> bytes:
    """The PNG with the assertion in an uncompressed ``iTXt`` chunk keyed ``openbadges``.

    An earlier ``openbadges`` text chunk (any form) is dropped, so re-baking replaces it.
    """
    head, tail = _around_badge_text(png_bytes)
    text = _portable(assertion_json).encode("utf-8")
    # keyword NUL, compression flag 0, method 0, empty language NUL, empty translation NUL
    itxt = KEYWORD.encode("latin-1") + b"\0\0\0" + b"\0" + b"\0" + text
    return b"".join((head, _chunk(b"iTXt", itxt), tail))


@functools.lru_cache(maxsize=256)
def _around_badge_text(png_bytes: bytes) -> tuple[bytes, bytes]:
    """The picture's bytes before the badge's text chunk (signature and ``IHDR``) and after
    it (every other chunk but an earlier badge text), checked once per picture: the issuer
    bakes the same few pictures again and again (a public GET of a baked PNG bakes it)."""
    chunks = _png_chunks(png_bytes)
    kept = [(kind, data) for kind, data in chunks[1:] if not _is_badge_text(kind, data)]
    head = PNG_SIGNATURE + _chunk(*chunks[0])
    return head, b"".join(_chunk(kind, data) for kind, data in kept)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _is_badge_text(kind: bytes, data: bytes) -> bool:
    return kind in (b"iTXt", b"tEXt", b"zTXt") and data.startswith(KEYWORD.encode() + b"\0")


def _png_chunks(png_bytes: bytes) -> list[tuple[bytes, bytes]]:
    """Every chunk (type, data), checked: IHDR first, IEND last, lengths and CRCs right."""
    if not png_bytes.startswith(PNG_SIGNATURE):
        raise BadgeFileError("not a PNG file (wrong signature)")
    chunks, offset = [], len(PNG_SIGNATURE)
    while offset < len(png_bytes):
        if offset + 12 > len(png_bytes):
            raise BadgeFileError("broken PNG file: truncated chunk")
        (length,) = struct.unpack(">I", png_bytes[offset : offset + 4])
        kind = png_bytes[offset + 4 : offset + 8]
        end = offset + 8 + length
        if end + 4 > len(png_bytes):
            raise BadgeFileError(f"broken PNG file: {kind!r} chunk cut short")
        data = png_bytes[offset + 8 : end]
        (crc,) = struct.unpack(">I", png_bytes[end : end + 4])
        if crc != zlib.crc32(kind + data):
            raise BadgeFileError(f"broken PNG file: bad checksum on the {kind!r} chunk")
        chunks.append((kind, data))
        offset = end + 4
        if kind == b"IEND":
            break
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        raise BadgeFileError("broken PNG file: no IHDR at the start or no IEND at the end")
    return chunks


def unbake_png(png_bytes: bytes, keyword: str = KEYWORD) -> str | None:
    """The text baked in a PNG under ``keyword`` (assertion JSON, URL or JWT), or None."""
    image = _open_png(png_bytes)
    value = getattr(image, "text", {}).get(keyword)
    return str(value) if value else None


def _open_png(png_bytes: bytes) -> Image.Image:
    _png_chunks(png_bytes)  # structure and checksums first: Pillow forgives a missing IEND
    try:
        image = Image.open(io.BytesIO(png_bytes), formats=["PNG"])
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise BadgeFileError(f"broken PNG file: {error}") from error
    return image


# Characters XML 1.0 forbids (and lone surrogates, which UTF-8 cannot carry).
_NOT_XML = re.compile("[^\\t\\n\\r\\x20-\\ud7ff\\ue000-\\ufffd\\U00010000-\\U0010ffff]")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _portable(assertion_json: str) -> str:
    """The same JSON, writable in XML and UTF-8: such characters can only occur inside JSON
    strings, where ``\\uXXXX`` means the same character."""
    return _NOT_XML.sub(_json_escape, assertion_json)


def _cdata_safe(assertion_json: str) -> str:
    """JSON that cannot close a CDATA section: ``]]>`` only occurs inside JSON strings, where
    ``>`` may be written ``\\u003e`` with the same meaning."""
    return _portable(assertion_json).replace("]]>", "]]\\u003e")


def bake_svg(svg: str, assertion_json: str, assertion_url: str) -> str:
    """The SVG with ``<openbadges:assertion verify=URL>`` holding the assertion as CDATA."""
    try:
        document = safe_minidom.parseString(svg.encode("utf-8"))
    except Exception as error:  # defusedxml and expat raise several kinds
        raise BadgeFileError(f"broken SVG file: {error}") from error
    root = document.documentElement
    if root is None or root.localName != "svg":
        raise BadgeFileError("not an SVG file (no <svg> root)")
    for old in root.getElementsByTagNameNS(SVG_NAMESPACE, "assertion"):
        old.parentNode.removeChild(old)
    root.setAttribute("xmlns:openbadges", SVG_NAMESPACE)
    element = document.createElementNS(SVG_NAMESPACE, "openbadges:assertion")
    element.setAttribute("verify", assertion_url)
    element.appendChild(document.createCDATASection(_cdata_safe(assertion_json)))
    root.insertBefore(element, root.firstChild)
    return _serialise(document)


def _serialise(document: xml.dom.minidom.Document) -> str:
    return document.toxml(encoding="utf-8").decode("utf-8")


def unbake_svg(svg: str, element_tag: str = ASSERTION_ELEMENT) -> str | None:
    """The assertion baked in an SVG (its text, else its ``verify`` URL), or None.

    ``element_tag`` is ``{namespace}name``: ``CREDENTIAL_ELEMENT`` reads an OB 3.0 baked SVG.
    """
    try:
        root = SafeElementTree.fromstring(svg.encode("utf-8"))
    except Exception as error:  # ParseError and defusedxml's refusals
        raise BadgeFileError(f"broken SVG file: {error}") from error
    if not isinstance(root, ElementTree.Element) or not root.tag.endswith("svg"):
        raise BadgeFileError("not an SVG file (no <svg> root)")
    element = root.find(element_tag)
    if element is None:
        element = root.find(f".//{element_tag}")
    if element is None:
        return None
    text = (element.text or "").strip()
    return text or element.get("verify") or None
