"""What the editor's check reports: a `Problem`, a code and its Danish message, and the codes that block."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("headline", "lead")


#: The codes the check can give, in the order they are shown, with the editor's Danish for each.
MESSAGES = {
    "boilerplate": "ligner sidens tilbehør (deling, reklame, odds, byline), ikke artiklen",
    "fragment": "ikke en hel sætning",
    "cut_mid_sentence": "stopper midt i en sætning",
    "context_opening": "begynder med et ord, der peger tilbage",
    "speakerless_quote": "citat uden afsender",
    "unclosed_quote": "citat, der ikke lukkes",
    "non_word": "ukendt ord",
    "agreement": "bøjningsfejl",
    "too_long": "for lang",
    "repetition": "gentager sig selv",
    # Found by an engine about its own output (the generative engine's support check), not by `check`.
    "unsupported": "artiklen siger det ikke",
    "invented_quote": "citatet er ikke sagt i artiklen",
}


#: Codes that keep a suggestion off the page altogether: an editor must never be shown words put in a mouth.
BLOCKING = frozenset({"unsupported", "invented_quote"})


@dataclass(frozen=True)
class Problem:
    """One thing an editor would fix. `where` is "summary" or "headline:N", as for `Flag`."""

    code: str
    message: str
    where: str = ""


def problem(code: str, detail: str = "") -> Problem:
    return Problem(code, f"{MESSAGES[code]}: {detail}" if detail else MESSAGES[code])
