"""Test-wide setup: no window, no sound device, no user data touched.

Under CI (``CI=true``) a skipped test fails the run: CI installs every server and browser the
tests need, so a skip there means something is missing, not that it may be ignored. On a
developer's laptop only a missing server or browser may skip.
"""

import os
import tempfile

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Rasterised pictures kept between runs (game.raster_cache) go to a folder of this run, not to
# the user's cache; a test of the cache itself points it at its own tmp_path.
os.environ.setdefault("DIVA_CACHE_DIR", tempfile.mkdtemp(prefix="diva-test-cache-"))

UNDER_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Turn a skip into a failure under CI, saying which test skipped and why."""
    outcome = yield
    report = outcome.get_result()
    if UNDER_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true (CI installs what tests need): {reason}"
