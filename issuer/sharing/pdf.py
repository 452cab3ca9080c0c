"""A published portfolio as a real PDF file, printed by headless Chromium from its print CSS.

Why Chromium: the portfolio is laid out with CSS grid and inline SVG, which WeasyPrint 70
could not lay out (it crashed on the map's grid); Chromium prints exactly what the counsellor
sees in the print preview, and Debian ships it (``chromium``). It runs as a short-lived
process (``--headless --print-to-pdf``) in a private temporary folder, with a fresh profile.

The page cannot reach out: a Content-Security-Policy put first in its ``<head>`` allows only
inline styles and ``data:`` images (no script — the CSP forbids it; Chromium's own switch to
turn scripts off also stops its printing —, no file, no network), and host names resolve to
nothing. A published page therefore cannot make the server read a local file or call a host.
"""

import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)
PRINT_TIMEOUT = 90.0
CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'; img-src data:; font-src data:\">"
)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)


class PdfError(Exception):
    """The PDF could not be made (no Chromium, or it failed); ``key`` for the catalogue."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def chromium_path() -> str | None:
    """``DIVA_CHROMIUM``, else the first Chromium or Chrome on the PATH."""
    configured = os.environ.get("DIVA_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def locked_down(html: str) -> str:
    """The page with the CSP as the first thing of its head (added if the page has none)."""
    match = _HEAD.search(html)
    if match:
        return html[: match.end()] + CSP + html[match.end() :]
    return f"<!DOCTYPE html><html><head>{CSP}</head><body>{html}</body></html>"


def _command(browser: str, folder: Path, page: Path, out: Path) -> list[str]:
    command = [
        browser,
        "--headless",
        "--disable-gpu",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={folder / 'profile'}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={out}",
        page.as_uri(),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses its sandbox as root
    return command


def html_to_pdf(html: str) -> bytes:
    """The page printed to PDF (A4 from the page's ``@page`` rule), or PdfError."""
    browser = chromium_path()
    if browser is None:
        raise PdfError("pdf.unavailable")
    with tempfile.TemporaryDirectory(prefix="diva-pdf-") as name:
        folder = Path(name)
        page, out = folder / "portfolio.html", folder / "portfolio.pdf"
        page.write_text(locked_down(html), encoding="utf-8")
        try:
            subprocess.run(
                _command(browser, folder, page, out),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=PRINT_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("Chromium could not print the portfolio: %s", type(exc).__name__)
            raise PdfError("pdf.failed") from exc
        pdf = out.read_bytes() if out.exists() else b""
    if not pdf.startswith(b"%PDF-"):
        log.warning("Chromium printed no PDF")
        raise PdfError("pdf.failed")
    return pdf
