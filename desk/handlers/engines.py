"""The engines as the desk names them in tables and notices.

Which engines can run here, their specs and models are the library's (`summarizer.engines`: `engine_status`,
`engine_spec`, `describe_model`, `preload`); nothing here tests an engine's name.
"""

from __future__ import annotations

from desk.handlers.common import friendly
from summarizer import messages


def engine_label(name: str | None) -> str:
    """An engine's Danish display name for a table; a headline written by hand has none."""
    return messages.engine_name(name) if name else "skrevet selv"


def engine_notice(name: str, error: BaseException) -> str:
    """A notice about one engine, named by its Danish name once (a model error names its engine already)."""
    label, message = messages.engine_name(name), friendly(error, name)
    return message if message.startswith(label) else f"{label}: {message}"
