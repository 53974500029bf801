"""Choose what an editor could print: every engine's lead and headline candidates through the editor's check.

A candidate with a problem (`summarizer.checks`) ranks below every clean one and is dropped where enough clean ones
exist; when none is clean the engine's own best stays, with its problems shown beside it. Candidates are checked
in the engine's order and only until enough clean ones are found, so a good engine pays for one check per
suggestion shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from summarizer import checks, headlines
from summarizer.article import Article
from summarizer.checks import Problem
from summarizer.engines.base import Draft
from summarizer.options import Options

#: Lead candidates looked at, at most (the engine ranks them; the first clean one wins).
LEAD_POOL = 8
#: Headline candidates looked at: this many times the number asked for.
HEADLINE_POOL_FACTOR = 3
#: Candidates sent to the analyser in one request.
STEP = 4


@dataclass
class Chosen:
    summary: str
    headlines: list[str]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def choose(draft: Draft, article: Article, options: Options) -> Chosen:
    """The lead and the ranked headlines to show, and the problems of each ("summary", "headline:N")."""
    limits = {"max_headline_chars": options.max_headline_chars, "max_summary_words": options.max_summary_words}
    body = article.body
    warnings: list[str] = []

    def check(texts: list[str], kind: str) -> list[list[Problem]]:
        found, missing = checks.check_many([(t, kind) for t in texts], body, **limits)
        for w in missing:
            if w not in warnings:
                warnings.append(w)
        return [draft.known_problems.get(t, []) + f for t, f in zip(texts, found, strict=True)]

    def shown(text: str) -> bool:
        return not any(p.code in checks.BLOCKING for p in draft.known_problems.get(text, []))

    leads = list(dict.fromkeys(t for t in [draft.summary, *draft.lead_candidates] if t and shown(t)))[:LEAD_POOL]
    lead, lead_problems = _first_clean(leads, lambda ts: check(ts, "lead"), 1)[0] if leads else ("", [])
    if leads and lead != leads[0]:
        warnings.append("Leadet er ikke motorens første forslag: det havde problemer, så et andet vises.")

    want = options.n_headlines
    pool = headlines.finalise(draft.headlines, article, options, count=want * HEADLINE_POOL_FACTOR)
    pool = [t for t in pool if shown(t)]
    ranked = _first_clean(pool, lambda ts: check(ts, "headline"), want)
    problems = [replace(p, where="summary") for p in lead_problems]
    shown = []
    for rank, (text, found) in enumerate(ranked[:want]):
        shown.append(text)
        problems += [replace(p, where=f"headline:{rank}") for p in found]
    return Chosen(lead, shown, problems, warnings)


def _first_clean(candidates: list[str], check, want: int) -> list[tuple[str, list[Problem]]]:
    """Candidates checked in order until `want` clean ones are found; clean first, then the rest in order."""
    clean: list[tuple[str, list[Problem]]] = []
    flawed: list[tuple[str, list[Problem]]] = []
    at = 0
    while at < len(candidates) and len(clean) < want:
        part = candidates[at : at + max(STEP, want - len(clean))]
        for text, found in zip(part, check(part), strict=True):
            (flawed if found else clean).append((text, found))
        at += len(part)
    return clean + flawed if len(clean) < want else clean
