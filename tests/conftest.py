"""What several test modules share: the real headless Chromium the browser tests drive, and one setting.

The setting: ``engine="auto"`` may choose the shipped generative model (when its benchmark says it beats
extractive), which would put a 268 M-parameter model under every test that summarises with the default.
The suite points the generative engine at a folder that is not there, so "auto" means what each test
expects; `tests/test_generative.py` pins the auto choice itself and runs the real model once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

NO_GENERATIVE_MODEL = str(Path(__file__).with_name("no-generative-model-here"))
os.environ.setdefault("SUMMARIZER_GENERATIVE_MODEL", NO_GENERATIVE_MODEL)  # set at import: subprocesses inherit it

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium under Playwright (never a downloaded browser), one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def ctrl_c_as_in_a_terminal() -> None:
    """`preexec_fn` for a child that a test sends Ctrl-C: a suite started in the background (``pytest &``,
    ``nohup``) ignores SIGINT, and a child would inherit that and never see the Ctrl-C."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
