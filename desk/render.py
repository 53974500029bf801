"""HTML for the desk: one card per engine, side by side, with fact flags and shared words marked.

Everything from the text is escaped here (``html.escape``); the page's copy buttons read the
``data-copy`` attribute, so copying gives the plain text, never the markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from desk.handlers import ROUGE_KEYS, ROUGE_LABELS, BatchResult, DeskResult, EngineResult
from summarizer.checks import Problem
from summarizer.summary import Flag

_WORD = re.compile(r"\w+")

FLAG_TITLES = {
    "number": "Tallet står ikke i kilden",
    "name": "Navnet står ikke i kilden",
    "quote": "Citatet står ikke i kilden",
}
FLAG_NAMES = {"number": "tal", "name": "navn", "quote": "citat"}
ENGINE_DESCRIPTIONS = {
    "lead": "de første sætninger (baseline)",
    "extractive": "de vigtigste sætninger",
    "seq2seq": "neural model, skriver selv",
}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def seconds(value: float) -> str:
    """Danish decimal comma: ``seconds(0.125)`` → ``'0,13 s'``."""
    return f"{value:.2f} s".replace(".", ",")


def score(value: float) -> str:
    """An F-score as Danish percent points with one decimal: 0.4123 → '41,2'."""
    return f"{100 * value:.1f}".replace(".", ",")


def shared_words(reference: str | None) -> set[str]:
    """The lower-cased word tokens of the real lead (or headline): the ones ROUGE counts as matches."""
    return {w.lower() for w in _WORD.findall(reference or "")}


def highlight(text: str, flags: Iterable[Flag] = (), shared: set[str] | frozenset[str] = frozenset()) -> str:
    """Escaped HTML of `text` with flagged spans in ``<mark class="flag">`` and shared words in
    ``<span class="shared">``.

    >>> highlight("Aarhus bruger 145 mio. kr.", [Flag("number", "145", "summary", 14, 17)], {"aarhus"})
    '<span class="shared">Aarhus</span> bruger <mark class="flag flag-number" title="Tallet står ikke i \
kilden">145</mark> mio. kr.'
    """
    spans = sorted((f.start, f.end, f.kind) for f in flags if 0 <= f.start < f.end <= len(text))
    out: list[str] = []
    position = 0
    for start, end, kind in spans:
        if start < position:  # overlapping flags: the first one wins
            continue
        out.append(_shared(text[position:start], shared))
        title = FLAG_TITLES.get(kind, "Står ikke i kilden")
        out.append(f'<mark class="flag flag-{esc(kind)}" title="{title}">{_shared(text[start:end], shared)}</mark>')
        position = end
    out.append(_shared(text[position:], shared))
    return "".join(out)


def _shared(text: str, shared: set[str] | frozenset[str]) -> str:
    if not shared:
        return esc(text)
    out: list[str] = []
    position = 0
    for match in _WORD.finditer(text):
        if match.group().lower() in shared:
            out.append(esc(text[position : match.start()]))
            out.append(f'<span class="shared">{esc(match.group())}</span>')
            position = match.end()
    out.append(esc(text[position:]))
    return "".join(out)


def copy_button(text: str, label: str = "Kopiér", title: str = "Kopiér til udklipsholderen") -> str:
    return f'<button type="button" class="copy" data-copy="{esc(text)}" title="{esc(title)}">{esc(label)}</button>'


def rouge_block(result: EngineResult) -> str:
    rows: list[str] = []
    for name, scores in (("mod lead", result.rouge_lead), ("rubrik 1 mod rigtig rubrik", result.rouge_headline)):
        if not scores:
            continue
        cells = "".join(
            f'<td title="P {score(scores[k].precision)} · R {score(scores[k].recall)}">{score(scores[k].fmeasure)}</td>'
            for k in ROUGE_KEYS
        )
        rows.append(f"<tr><th>{name}</th>{cells}</tr>")
    if not rows:
        return ""
    head = "".join(f"<th>{ROUGE_LABELS[k]}</th>" for k in ROUGE_KEYS)
    return (
        '<table class="rouge"><thead><tr><th>F-mål (0–100)</th>' + head + "</tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )  # fmt: skip


def engine_card(result: EngineResult, real_lead: str | None, real_headline: str | None, max_chars: int) -> str:
    name = esc(result.engine)
    took = seconds(result.wall_seconds)
    about = esc(ENGINE_DESCRIPTIONS.get(result.engine, ""))
    head = (
        f'<header><h3>{name}</h3><span class="about">{about}</span>'
        f'<span class="time" title="Tid for denne motor">{took}</span></header>'
    )
    if result.summary is None:
        message = f'<p class="engine-error">{esc(result.error or "Ingen resultat.")}</p>'
        return f'<section class="card card-error" data-engine="{name}">{head}{message}</section>'
    s = result.summary
    summary_flags = [f for f in s.flags if f.where == "summary"]
    n_words = len(_WORD.findall(s.summary))
    parts = [head]
    parts.append(
        '<div class="block"><div class="block-head"><h4>Resumé</h4>'
        f'<span class="meta">{n_words} ord · {len(s.summary)} tegn</span>{copy_button(s.summary)}</div>'
        f'<p class="summary">{highlight(s.summary, summary_flags, shared_words(real_lead))}</p>'
        f"{problem_list(s.problems_of('summary'))}</div>"
    )
    parts.append(rouge_block(result))
    items: list[str] = []
    headline_words = shared_words(real_headline)
    for rank, line in enumerate(s.headlines):
        flags = [f for f in s.flags if f.where == f"headline:{rank}"]
        over = len(line) > max_chars
        count_class = "chars over" if over else "chars"
        count_title = f"Over grænsen på {max_chars} tegn" if over else f"Inden for grænsen på {max_chars} tegn"
        mark = " ⚠ for lang" if over else ""
        items.append(
            f'<li class="headline{" over" if over else ""}"><span class="text">{highlight(line, flags, headline_words)}'
            f'</span><span class="{count_class}" title="{count_title}">{len(line)}/{max_chars}{mark}</span>'
            f"{copy_button(line, 'Kopiér', 'Kopiér rubrikken')}{problem_list(s.problems_of(f'headline:{rank}'))}</li>"
        )
    if items:
        copy_all = copy_button("\n".join(s.headlines), "Kopiér alle")
        parts.append(
            f'<div class="block"><div class="block-head"><h4>Rubrikker</h4><span class="meta">{len(items)} forslag'
            f"</span>{copy_all}</div><ol class=\"headlines\">{''.join(items)}</ol></div>"
        )
    else:
        parts.append('<p class="note">Ingen rubrikforslag inden for tegngrænsen.</p>')
    if s.flags:
        listed = "".join(
            f'<li><span class="flag flag-{esc(f.kind)}">{FLAG_NAMES.get(f.kind, f.kind)}</span> '
            f"»{esc(f.text)}« i {_where(f.where)}</li>"
            for f in s.flags
        )
        parts.append(f'<div class="flags"><h4>Faktatjek: {len(s.flags)} ikke i kilden</h4><ul>{listed}</ul></div>')
    else:
        parts.append('<p class="flags-ok">Faktatjek: ingen tal, navne eller citater, som kilden ikke har.</p>')
    if not s.problems:
        parts.append('<p class="problems-ok">Redaktørens tjek: intet at rette i resumé og rubrikker.</p>')
    if s.warnings:
        parts.append('<ul class="warnings">' + "".join(f"<li>{esc(w)}</li>" for w in s.warnings) + "</ul>")
    return f'<section class="card" data-engine="{name}">{"".join(parts)}</section>'


def problem_list(problems: Iterable[Problem]) -> str:
    """What an editor would fix in one suggestion, beside it: "mangler udsagnsord", "citat uden afsender"."""
    items = "".join(
        f'<li class="problem problem-{esc(p.code)}" title="{esc(p.code)}">⚠ {esc(p.message)}</li>' for p in problems
    )
    return f'<ul class="problems">{items}</ul>' if items else ""


def _where(where: str) -> str:
    if where.startswith("headline:"):
        return f"rubrik {int(where.split(':')[1]) + 1}"
    return "resuméet"


def desk_html(result: DeskResult) -> str:
    """The whole output area of the desk tab."""
    article = result.article
    parts: list[str] = ['<div class="desk-out">']
    if result.notices:
        parts.append('<div class="notice">' + "".join(f"<p>{esc(n)}</p>" for n in result.notices) + "</div>")
    real: list[str] = []
    source = {"tekst": "fundet i teksten", "felt": "indtastet"}
    if article.headline:
        real.append(f"<dt>Rigtig rubrik <small>({source[result.headline_from or 'tekst']})</small></dt>"
                    f"<dd>{esc(article.headline)}</dd>")  # fmt: skip
    if article.lead:
        real.append(f"<dt>Rigtigt lead <small>({source[result.lead_from or 'tekst']})</small></dt>"
                    f"<dd>{esc(article.lead)}</dd>")  # fmt: skip
    if real:
        parts.append(f'<dl class="real">{"".join(real)}</dl>')
    else:
        parts.append(
            '<p class="note">Ingen rigtig rubrik eller lead i teksten: udfyld felterne for at få ROUGE-tal.</p>'
        )
    columns = max(1, len(result.results))
    cards = "".join(
        engine_card(r, article.lead, article.headline, result.options.max_headline_chars) for r in result.results
    )
    parts.append(f'<div class="grid" style="--columns: {columns}">{cards}</div>')
    legend = [
        '<mark class="flag">markeret</mark> = tal, navn eller citat der ikke står i kilden',
    ]
    if article.lead or article.headline:
        legend.append('<span class="shared">understreget</span> = ord fælles med det rigtige lead / rubrik')
    if result.rouge_signature:
        legend.append(f'<code class="signature">{esc(result.rouge_signature)}</code>')
    parts.append('<p class="legend">' + " · ".join(legend) + "</p></div>")
    return "".join(parts)


def message_html(message: str, kind: str = "error") -> str:
    """A friendly one-line box in place of results (never a traceback); `kind` "error" or "notice"."""
    if not message:
        return ""
    box = '<div class="error-box" role="alert">' if kind == "error" else '<div class="notice">'
    return f'<div class="desk-out">{box}<p>{esc(message)}</p></div></div>'


def batch_summary_html(result: BatchResult) -> str:
    """The line above the batch table: how many articles, engines and errors, plus notices."""
    errors = result.n_errors
    text = (
        f"{result.n_articles} artikler × {len(result.engines)} motor{'er' if len(result.engines) != 1 else ''}"
        f" = {len(result.rows)} rækker"
    )
    text += f", heraf {errors} med fejl (se kolonnen Fejl)." if errors else ", ingen fejl."
    parts = [f'<div class="desk-out"><p class="batch-summary">{esc(text)}</p>']
    parts.extend(f'<div class="notice"><p>{esc(n)}</p></div>' for n in result.notices)
    if result.rouge_signature:
        parts.append(
            '<p class="legend">ROUGE-tabellen: gennemsnitligt F-mål (0–100) med 95 % bootstrap-konfidensinterval · '
            f'<code class="signature">{esc(result.rouge_signature)}</code></p>'
        )
    parts.append("</div>")
    return "".join(parts)
