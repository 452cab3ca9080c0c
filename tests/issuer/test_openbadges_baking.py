"""Baked badges: PNG ``iTXt`` (keyword ``openbadges``, uncompressed) and SVG
``<openbadges:assertion>``, read back by us, by Pillow / an XML parser, and by the 1EdTech
validator (which unbakes the file itself, then verifies the hosted assertion over HTTP)."""

import io
import json
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngImageFile, PngInfo

from issuer.openbadges import baking, ob2
from tests.issuer.ob2_validator import Ob2Validator, open_validator
from tests.issuer.openbadges_samples import EMAIL, BadgeSite, plain_png, publish, running_site

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">'
    '<title>Communiquer</title><circle cx="50" cy="50" r="40" fill="#1f5ea8"/></svg>'
)
PNG_SMALL = plain_png(8)
ASSERTION = json.dumps({"id": "https://b.example.fr/assertions/1", "narrative": "« ]]> » é"})


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The PNG's chunks (type, data), checking every CRC on the way."""
    assert png[:8] == baking.PNG_SIGNATURE
    found, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        data = png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + data), f"bad CRC on {kind!r}"
        found.append((kind, data))
        offset += 12 + length
    return found


def openbadges_itxt(png: bytes) -> list[bytes]:
    return [
        data for kind, data in chunks(png) if kind == b"iTXt" and data.startswith(b"openbadges\0")
    ]


class TestPng:
    def test_round_trip(self) -> None:
        baked = baking.bake_png(plain_png(), ASSERTION)
        assert baking.unbake_png(baked) == ASSERTION

    def test_is_a_valid_png_pillow_opens(self) -> None:
        baked = baking.bake_png(plain_png(96), ASSERTION)
        Image.open(io.BytesIO(baked)).verify()
        image = Image.open(io.BytesIO(baked))
        assert image.size == (96, 96) and image.format == "PNG"
        assert image.getpixel((10, 10)) == (31, 94, 168, 255)

    def test_itxt_is_uncompressed_between_ihdr_and_iend(self) -> None:
        baked = baking.bake_png(plain_png(), ASSERTION)
        kinds = [kind for kind, _ in chunks(baked)]
        assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
        [data] = openbadges_itxt(baked)
        keyword, rest = data.split(b"\0", 1)
        compression_flag, compression_method = rest[0], rest[1]
        assert keyword == b"openbadges"
        assert (compression_flag, compression_method) == (0, 0)
        language, translated, text = rest[2:].split(b"\0", 2)
        assert text.decode("utf-8") == ASSERTION

    def test_every_other_chunk_is_kept_byte_for_byte(self) -> None:
        original = plain_png(40)
        baked = baking.bake_png(original, ASSERTION)
        assert [c for c in chunks(baked) if c[0] != b"iTXt"] == chunks(original)
        assert chunks(baked)[1][0] == b"iTXt"  # right after IHDR

    def test_an_old_text_chunk_of_another_baker_is_replaced(self) -> None:
        original = plain_png(8)
        info = PngInfo()
        info.add_text("openbadges", "https://old.example.fr/a/1", zip=True)  # zTXt
        info.add_text("Software", "a drawing program")
        output = io.BytesIO()
        Image.open(io.BytesIO(original)).save(output, format="PNG", pnginfo=info)
        baked = baking.bake_png(output.getvalue(), ASSERTION)
        assert baking.unbake_png(baked) == ASSERTION
        reopened = Image.open(io.BytesIO(baked))
        assert isinstance(reopened, PngImageFile)
        assert reopened.text["Software"] == "a drawing program"
        assert len([c for c in chunks(baked) if c[1].startswith(b"openbadges\0")]) == 1

    def test_rebaking_replaces_the_assertion(self) -> None:
        once = baking.bake_png(plain_png(), ASSERTION)
        twice = baking.bake_png(once, '{"id": "second"}')
        assert len(openbadges_itxt(twice)) == 1
        assert baking.unbake_png(twice) == '{"id": "second"}'

    def test_plain_png_carries_nothing(self) -> None:
        assert baking.unbake_png(plain_png()) is None

    @pytest.mark.parametrize(
        "broken",
        [
            b"",
            b"GIF89a....",
            baking.PNG_SIGNATURE + b"\0\0\0\rIHDR",
            baking.PNG_SIGNATURE,
            plain_png()[:-6],  # IEND cut
            plain_png()[:40] + b"X" + plain_png()[41:],  # a flipped byte: bad CRC
        ],
    )
    def test_broken_files_are_refused_clearly(self, broken: bytes) -> None:
        with pytest.raises(baking.BadgeFileError, match="PNG"):
            baking.unbake_png(broken)
        with pytest.raises(baking.BadgeFileError):
            baking.bake_png(broken, ASSERTION)


class TestSvg:
    URL = "https://b.example.fr/assertions/1"

    def test_round_trip_and_spec_shape(self) -> None:
        baked = baking.bake_svg(SVG, ASSERTION, self.URL)
        assert baking.unbake_svg(baked) is not None
        assert json.loads(baking.unbake_svg(baked) or "") == json.loads(ASSERTION)
        root = ElementTree.fromstring(baked)
        first = root[0]
        assert first.tag == "{http://openbadges.org}assertion"
        assert first.get("verify") == self.URL
        assert 'xmlns:openbadges="http://openbadges.org"' in baked
        assert "<![CDATA[" in baked
        assert root.find("{http://www.w3.org/2000/svg}circle") is not None

    def test_rebaking_replaces_the_assertion(self) -> None:
        twice = baking.bake_svg(baking.bake_svg(SVG, ASSERTION, self.URL), "{}", self.URL)
        assert twice.count("<openbadges:assertion") == 1
        assert baking.unbake_svg(twice) == "{}"

    def test_plain_svg_carries_nothing(self) -> None:
        assert baking.unbake_svg(SVG) is None

    @pytest.mark.parametrize(
        "broken",
        [
            "",
            "<svg",
            "<html><body/></html>",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            '<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
        ],
    )
    def test_broken_or_hostile_files_are_refused(self, broken: str) -> None:
        with pytest.raises(baking.BadgeFileError, match="SVG"):
            baking.unbake_svg(broken)
        with pytest.raises(baking.BadgeFileError, match="SVG"):
            baking.bake_svg(broken, ASSERTION, self.URL)


# Any character, and often the ones XML and UTF-8 cannot carry raw (non-characters, a lone
# surrogate, a vertical tab) or that close a CDATA section.
# (Only a high surrogate: a high one then a low one would be read back as one character.)
AWKWARD = st.sampled_from(["\ufffe", "\uffff", "\ud800", "\x0b", "\x00", "]", ">", "😀"])
NARRATIVES = st.lists(st.one_of(st.characters(codec="utf-8"), AWKWARD), max_size=60).map("".join)


class TestAnyText:
    """Whatever a counsellor or a young person typed, the baked JSON means the same thing."""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(narrative=NARRATIVES, ensure_ascii=st.booleans())
    def test_png_and_svg_keep_the_json_meaning(self, narrative: str, ensure_ascii: bool) -> None:
        document = {"id": "https://b.example.fr/assertions/1", "narrative": narrative}
        text = json.dumps(document, ensure_ascii=ensure_ascii)
        png = baking.unbake_png(baking.bake_png(PNG_SMALL, text))
        svg = baking.unbake_svg(baking.bake_svg(SVG, text, document["id"]))
        assert png is not None and json.loads(png) == document
        assert svg is not None and json.loads(svg) == document


@pytest.fixture(scope="module")
def ob2_validator() -> Ob2Validator:
    return open_validator()


@pytest.fixture
def site() -> Iterator[BadgeSite]:
    yield from running_site()


class TestIndependentUnbaking:
    """The 1EdTech validator reads our baked files itself (openbadges-bakery), then verifies."""

    @pytest.mark.parametrize("kind", ["png", "svg"])
    def test_baked_file_verifies(
        self, kind: str, site: BadgeSite, ob2_validator: Ob2Validator, tmp_path: Path
    ) -> None:
        url = publish(site).url
        assertion_json = site.pages["/assertions/a-0001"].body.decode("utf-8")
        path = tmp_path / f"badge.{kind}"
        if kind == "png":
            path.write_bytes(baking.bake_png(plain_png(), assertion_json))
        else:
            path.write_text(baking.bake_svg(SVG, assertion_json, url), encoding="utf-8")
        report = ob2_validator(path, ob2.normalise_email(EMAIL))
        assert report.valid, report.errors()
        node = report.node("Assertion")
        assert node is not None and node["id"] == url
