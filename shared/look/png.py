"""SVG to PNG without pygame or a display, for the issuer's badge images.

cairosvg (maintained, renders through libcairo) is used rather than pygame's nanosvg because
the issuer runs on servers with no pygame and no display; it is imported on first use so the
apps that never make PNGs this way do not pay for it.
"""


def svg_to_png(svg: str, width: int) -> bytes:
    """``svg`` rasterised ``width`` pixels wide (height from its viewBox) as PNG bytes.

    Raises ValueError for SVG text cairosvg cannot read or a width below 1.
    """
    if width < 1:
        raise ValueError(f"width must be at least 1, got {width}")
    import cairosvg  # type: ignore[import-untyped]  # heavy: loaded by PNG makers only

    try:
        png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width)
    except Exception as exc:  # cairosvg raises XML and parser errors of several kinds
        raise ValueError(f"unreadable SVG: {exc}") from exc
    if not isinstance(png, bytes):
        raise ValueError("cairosvg returned no PNG")
    return png
