"""The "Om motorerne" panel (on "Én artikel"): every engine once, in Danish, with what it does and, for one that is
not installed here, what to install. What is said comes from the engines themselves (`summarizer.engines`)."""

from __future__ import annotations

from desk import render
from summarizer import engines
from summarizer.engines import EngineInfo


def engines_html(infos: list[EngineInfo], model: str | None = None) -> str:
    """The "Om motorerne" panel: every engine once, in Danish, with what it does and, for one that is not
    installed here, what to install; an engine that runs the desk's ``--model`` names it."""
    items = []
    for info in infos:
        state = ('<span class="state state-ok">klar</span>' if info.available
                 else '<span class="state state-off">ikke installeret</span>')  # fmt: skip
        about = f'<p class="about">{render.esc(info.about)}</p>' if info.about else ""
        extra = ""
        if info.takes_model and info.available and engines.model_for(info.name, model):
            extra = f'<p class="install">Model: <code>{render.esc(str(model))}</code></p>'
        if not info.available and info.note:
            extra = f'<p class="install">{code_spans(info.note)}</p>'
        items.append(f'<li class="{"ready" if info.available else "missing"}" data-engine="{render.esc(info.name)}">'
                     f"<strong>{render.esc(info.label)}</strong> {state}{about}{extra}</li>")  # fmt: skip
    return f'<div class="desk-out engines-about"><ul>{"".join(items)}</ul></div>'


def code_spans(text: str) -> str:
    """Escaped `text` with `backticked` commands as ``<code>`` (never broken across lines)."""
    parts = render.esc(text).split("`")
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))
