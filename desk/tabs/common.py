"""What every tab shares: the facts found once at start-up (`Page`), and the Danish error box."""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from desk import handlers, render
from desk.handlers import Sample
from desk.store import Store
from summarizer.engines import EngineInfo
from summarizer.errors import SummarizerError
from summarizer.options import BOUNDS, Options

log = logging.getLogger("desk")

NO_STORE = "Desken kører uden database, så valg kan ikke gemmes (start den med --db)."
#: The settings a page starts with, and `/save` runs the engines with: the library's defaults.
DEFAULTS = Options()


@dataclass
class Page:
    """What the page is built from, found once at start-up (never per request)."""

    infos: list[EngineInfo]
    samples: list[Sample]
    model: str | None = None
    batch_samples: list[Path] = field(default_factory=list)
    store: Store | None = None

    @property
    def available(self) -> list[str]:
        """The engines installed here, by code: the only ones offered."""
        return [info.name for info in self.infos if info.available]

    @property
    def choices(self) -> list[tuple[str, str]]:
        """The engine check boxes: Danish label, code as the value."""
        return [(info.label, info.name) for info in self.infos if info.available]


def user(request: gr.Request | None) -> str:
    """The logged-in editor (with --auth), else "anonym"."""
    return getattr(request, "username", None) or "anonym"


def fail(error: BaseException) -> str:
    """A friendly message for the page, in a box where the editor is working (said once: no toast repeats it);
    unexpected errors go to the log with their traceback."""
    if not isinstance(error, SummarizerError):
        log.exception("unexpected error in a desk handler", exc_info=error)
    return render.message_html(handlers.friendly(error))


def no_store() -> str:
    """The notice for a desk started without a database."""
    return render.message_html(NO_STORE, "notice")


RESULTS_ROOT = Path(tempfile.gettempdir()) / "nyhedsdesken"


def results_folder(keep_seconds: float = 3600) -> Path:
    """A fresh folder for one batch's (or export's) files; folders older than an hour go (Gradio has its own
    copy)."""
    RESULTS_ROOT.mkdir(exist_ok=True)
    cutoff = time.time() - keep_seconds
    for old in RESULTS_ROOT.iterdir():
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix="batch-", dir=RESULTS_ROOT))


def slider(name: str, label: str) -> gr.Slider:
    """A setting's slider: its range is `summarizer.options.BOUNDS`' and its start the library's default."""
    low, high = BOUNDS[name]
    return gr.Slider(low, high, value=getattr(DEFAULTS, name), step=1, label=label)
