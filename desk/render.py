"""HTML for the desk: one card per engine, with fact flags, the editor's check and shared words marked.

Everything from the text is escaped here (``html.escape``); the page's copy buttons read the
``data-copy`` attribute, so copying gives the plain text, never the markup. A headline in a card is picked
by clicking it (``li[data-rank]``, see `desk.ui.CARD_JS`); the edit boxes sit under it, in the same card.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from desk.handlers import ROUGE_KEYS, ROUGE_LABELS, BatchResult, DeskResult, EngineResult
from summarizer import danish
from summarizer.checks import BLOCKING, Problem
from summarizer.messages import engine_about, engine_checks, engine_name
from summarizer.summary import Flag

_WORD = re.compile(r"\w+")

FLAG_TITLES = {
    "number": "Tallet står ikke i kilden",
    "name": "Navnet står ikke i kilden",
    "quote": "Citatet står ikke i kilden",
}
FLAG_NAMES = {"number": "tal", "name": "navn", "quote": "citat"}

#: An engine's notes about what it left out of the card (by their catalogue code): said in the card, beside what
#: they explain; the engine's other notes (what the model read, its settings) are details, under "Detaljer".
SHOWN_NOTES = frozenset({"generative.empty_lead", "generative.no_lead", "generative.lead_cut",
                         "generative.no_headlines", "generative.fewer_headlines"})  # fmt: skip

#: Words never underlined as "shared with the real lead": the words every Danish sentence has (og, at, har, på …).
NOT_CONTENT = (danish.STOPWORDS | danish.PREPOSITIONS | danish.DETERMINERS | danish.PRONOUNS | danish.AUXILIARIES
               | danish.DANGLING)  # fmt: skip


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def seconds(value: float) -> str:
    """Danish decimal comma: ``seconds(0.125)`` → ``'0,13 s'``."""
    return f"{value:.2f} s".replace(".", ",")


def score(value: float) -> str:
    """An F-score as Danish percent points with one decimal: 0.4123 → '41,2'."""
    return f"{100 * value:.1f}".replace(".", ",")


def is_content_word(word: str) -> bool:
    """A word worth underlining: not a function word, and longer than two letters (numbers always count)."""
    word = word.lower()
    return any(c.isdigit() for c in word) or (len(word) > 2 and word not in NOT_CONTENT)


def shared_words(reference: str | None) -> set[str]:
    """The lower-cased content words of the real lead (or headline): the matches worth marking.

    >>> sorted(shared_words("Aarhus har sagt ja til 145 mio. kr. på cykelstier"))
    ['145', 'aarhus', 'cykelstier', 'mio', 'sagt']
    """
    return {w.lower() for w in _WORD.findall(reference or "") if is_content_word(w)}


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


def engine_card(
    result: EngineResult,
    real_lead: str | None,
    real_headline: str | None,
    max_chars: int,
    *,
    wanted: int | None = None,
    shown_above: Iterable[str] = (),
    signature: str | None = None,
    picked: int | None = 0,
) -> str:
    """One engine's card: its name and what it does, the lead, the headlines to click and pick, the fact check
    (saying what was checked), and a closed "Detaljer" fold with ROUGE, the signature, the engine's notes and time.

    `wanted` is the number of headlines asked for (a card with fewer says so); `shown_above` are the notices
    already shown once at the top of the page (the article's), left out of the card; `picked` marks a headline.
    """
    name = esc(result.engine)
    head = (f'<header><h3>{esc(engine_name(result.engine))}</h3></header>'
            f'<p class="about">{esc(engine_about(result.engine))}</p>')  # fmt: skip
    if result.summary is None:
        message = f'<p class="engine-error">{esc(result.error or "Ingen resultat.")}</p>'
        return f'<section class="card card-error" data-engine="{name}">{head}{message}</section>'
    s = result.summary
    summary_flags = [f for f in s.flags if f.where == "summary"]
    n_words = len(_WORD.findall(s.summary))
    parts = [head]
    if s.summary:
        parts.append(
            '<div class="block"><div class="block-head"><h4>Lead</h4>'
            f'<span class="meta">{n_words} ord · {len(s.summary)} tegn</span>{copy_button(s.summary)}</div>'
            f'<p class="summary">{highlight(s.summary, summary_flags, shared_words(real_lead))}</p>'
            f"{problem_list(s.problems_of('summary'))}</div>"
        )
    else:
        parts.append('<p class="note">Intet lead fra denne motor.</p>')
    items: list[str] = []
    headline_words = shared_words(real_headline)
    for rank, line in enumerate(s.headlines):
        flags = [f for f in s.flags if f.where == f"headline:{rank}"]
        over = len(line) > max_chars
        count_class = "chars over" if over else "chars"
        count_title = f"Over grænsen på {max_chars} tegn" if over else f"Inden for grænsen på {max_chars} tegn"
        mark = " ⚠ for lang" if over else ""
        classes = "headline" + (" over" if over else "") + (" picked" if rank == picked else "")
        items.append(
            f'<li class="{classes}" data-rank="{rank}" role="button" tabindex="0" title="Klik for at vælge rubrikken">'
            f'<span class="text">{highlight(line, flags, headline_words)}</span>'
            f'<span class="{count_class}" title="{count_title}">{len(line)}/{max_chars}{mark}</span>'
            f"{copy_button(line, 'Kopiér', 'Kopiér rubrikken')}{problem_list(s.problems_of(f'headline:{rank}'))}</li>"
        )
    if items:
        copy_all = copy_button("\n".join(s.headlines), "Kopiér alle")
        parts.append(
            f'<div class="block"><div class="block-head"><h4>Rubrikker</h4><span class="meta">klik for at vælge'
            f"</span>{copy_all}</div><ol class=\"headlines\">{''.join(items)}</ol></div>"
        )
    above = set(shown_above)
    notes = list(dict.fromkeys(w for w in s.warnings if w not in above))
    said = [n for n in notes if getattr(n, "code", None) in SHOWN_NOTES]
    if said:
        parts.extend(f'<p class="note fewer">{esc(n)}</p>' for n in said)
    elif wanted and len(s.headlines) < wanted:
        parts.append(f'<p class="note fewer">{fewer_note(len(s.headlines), wanted)}</p>')
    parts.append(fact_check(result))
    if not s.problems:
        parts.append('<p class="problems-ok">Redaktørens tjek: intet at rette i lead og rubrikker.</p>')
    parts.append(details(result, [n for n in notes if n not in said], signature))
    return f'<section class="card" data-engine="{name}">{"".join(parts)}</section>'


def fewer_note(shown: int, wanted: int) -> str:
    if not shown:
        return "Ingen rubrikforslag: motoren havde ingen, der holdt sig inden for tegngrænsen og bestod tjekket."
    return (f"Kun {shown} af {wanted} rubrikforslag: motoren havde ikke flere, der holdt sig inden for grænsen og "
            "bestod tjekket.")  # fmt: skip


def fact_check(result: EngineResult) -> str:
    """The fact-check line: what was checked, what was found, and what was not checked."""
    s = result.summary
    assert s is not None
    # What the check looked at, said on every card so "no flags" never reads as "all true", and what it did not
    # look at: the engine's own words, from the message catalogue.
    checked, extra = engine_checks(result.engine)
    unsupported = [p for p in s.problems if p.code in BLOCKING]
    if s.flags:
        listed = "".join(
            f'<li><span class="flag flag-{esc(f.kind)}">{FLAG_NAMES.get(f.kind, f.kind)}</span> '
            f"»{esc(f.text)}« i {_where(f.where)}</li>"
            for f in s.flags
        )
        return (f'<div class="flags"><h4>Faktatjek: {len(s.flags)} ikke i kilden</h4><ul>{listed}</ul>'
                f'<p class="checked">Tjekket: {esc(checked)}. {esc(extra)}</p></div>')  # fmt: skip
    if unsupported:
        return (f'<p class="flags-warn">Faktatjek: {esc(checked)} er holdt op mod artiklen; {len(unsupported)} '
                f"forslag uden støtte i artiklen, se ⚠ ved forslagene. {esc(extra)}</p>")  # fmt: skip
    return (f'<p class="flags-ok">Faktatjek: {esc(checked)} er holdt op mod artiklen; intet fundet, som artiklen '
            f"ikke har. {esc(extra)}</p>")  # fmt: skip


def details(result: EngineResult, notes: list[str], signature: str | None) -> str:
    """The "Detaljer" fold, closed: ROUGE against the real lead and headline, its signature, the engine's notes,
    the time. The fold's title counts the notes, so one is never missed."""
    parts = [rouge_block(result)]
    if signature and (result.rouge_lead or result.rouge_headline):
        parts.append(f'<p class="signature-line">ROUGE-signatur: <code class="signature">{esc(signature)}</code></p>')
    if notes:
        parts.append('<h4>Noter fra motoren</h4><ul class="warnings">'
                     + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")  # fmt: skip
    parts.append(f'<p class="time">Tid: {seconds(result.wall_seconds)}</p>')
    count = f" · {len(notes)} note{'r' if len(notes) != 1 else ''}" if notes else ""
    return f'<details class="details"><summary>Detaljer{count}</summary>{"".join(parts)}</details>'


def problem_list(problems: Iterable[Problem]) -> str:
    """What an editor would fix in one suggestion, beside it: "mangler udsagnsord", "citat uden afsender"."""
    items = "".join(f'<li class="problem problem-{esc(p.code)}">⚠ {esc(p.message)}</li>' for p in problems)
    return f'<ul class="problems">{items}</ul>' if items else ""


def _where(where: str) -> str:
    if where.startswith("headline:"):
        return f"rubrik {int(where.split(':')[1]) + 1}"
    return "leadet"


def notices(result: DeskResult) -> list[str]:
    """The notices about the input, each once (the library's warnings about the text, the desk's own)."""
    return list(dict.fromkeys(str(n) for n in result.notices if n))


def desk_html(result: DeskResult) -> str:
    """The top of the output: the notices about the input (each once), the real headline and lead, the legend.
    The engines' cards follow it (`card_html`)."""
    article = result.article
    parts: list[str] = ['<div class="desk-out">']
    said = notices(result)
    if said:
        parts.append('<div class="notice">' + "".join(f"<p>{esc(n)}</p>" for n in said) + "</div>")
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
            '<p class="note">Ingen rigtig rubrik eller lead i teksten: udfyld felterne for at sammenligne med dem.</p>'
        )
    legend = ['<mark class="flag">markeret</mark> = tal, navn eller citat, der ikke står i kilden']
    if article.lead or article.headline:
        legend.append('<span class="shared">understreget</span> = indholdsord fælles med det rigtige lead / rubrik')
    legend.append("klik på en rubrik for at vælge den, ret den og leadet i felterne under den, og tryk »Gem valg«")
    parts.append('<p class="legend">' + " · ".join(legend) + "</p></div>")
    return "".join(parts)


def card_html(result: DeskResult, engine: str, picked: int | None = 0) -> str:
    """The card of one engine in `result` ("" when it did not run)."""
    for item in result.results:
        if item.engine == engine:
            card = engine_card(
                item, result.article.lead, result.article.headline, result.options.max_headline_chars,
                wanted=result.options.n_headlines, shown_above=notices(result), signature=result.rouge_signature,
                picked=picked,
            )  # fmt: skip
            return f'<div class="desk-out">{card}</div>'
    return ""


def cards_html(result: DeskResult) -> str:
    """Every engine's card, side by side (what `/summarise` callers and tests can render without the page)."""
    cards = "".join(card_html(result, item.engine)[len('<div class="desk-out">') : -len("</div>")]
                    for item in result.results)  # fmt: skip
    columns = max(1, len(result.results))
    return f'<div class="desk-out"><div class="grid" style="--columns: {columns}">{cards}</div></div>'


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
