"""Baked badges: the assertion carried inside the badge picture (OB 2.0 baking specification).

- PNG: an ``iTXt`` chunk with keyword ``openbadges``, compression flag 0 (uncompressed, so
  simple readers find it), between ``IHDR`` and ``IEND``. Pillow writes and reads it.
- SVG: ``xmlns:openbadges="http://openbadges.org"`` on the root and, first inside it,
  ``<openbadges:assertion verify="URL"><![CDATA[...]]></openbadges:assertion>``.

A file that already carries a badge is re-baked: the old assertion is replaced, never doubled.
Reading refuses broken files with ``BadgeFileError`` (what is wrong, never a traceback).
"""

import io
import re
import xml.dom.minidom
from xml.etree import ElementTree

from defusedxml import ElementTree as SafeElementTree  # type: ignore[import-untyped]
from defusedxml import minidom as safe_minidom  # type: ignore[import-untyped]
from PIL import Image, UnidentifiedImageError
from PIL.PngImagePlugin import PngInfo

KEYWORD = "openbadges"
OB3_KEYWORD = "openbadgecredential"  # OB 3.0 baking: a credential (JWT or JSON) in PNG
SVG_NAMESPACE = "http://openbadges.org"
ASSERTION_ELEMENT = f"{{{SVG_NAMESPACE}}}assertion"
CREDENTIAL_ELEMENT = "{https://purl.imsglobal.org/ob/v3p0}credential"  # OB 3.0 baking
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class BadgeFileError(ValueError):
    """A file that is not a readable PNG or SVG."""


def bake_png(png_bytes: bytes, assertion_json: str) -> bytes:
    """The PNG with the assertion in an uncompressed ``iTXt`` chunk keyed ``openbadges``."""
    image = _open_png(png_bytes)
    info = PngInfo()
    for key, value in getattr(image, "text", {}).items():
        if key != KEYWORD:
            info.add_itxt(key, value, zip=False)
    info.add_itxt(KEYWORD, _portable(assertion_json), zip=False)
    output = io.BytesIO()
    image.save(output, format="PNG", pnginfo=info, optimize=False)
    return output.getvalue()


def unbake_png(png_bytes: bytes, keyword: str = KEYWORD) -> str | None:
    """The text baked in a PNG under ``keyword`` (assertion JSON, URL or JWT), or None."""
    image = _open_png(png_bytes)
    value = getattr(image, "text", {}).get(keyword)
    return str(value) if value else None


def _open_png(png_bytes: bytes) -> Image.Image:
    if not png_bytes.startswith(PNG_SIGNATURE):
        raise BadgeFileError("not a PNG file (wrong signature)")
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
