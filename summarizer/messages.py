"""The one Danish message catalogue: every text an editor sees, keyed by a code.

The library raises and warns with a code (``"not_danish"``, ``"engine.generative.name"``); this module renders it
in Danish, so no caller matches English prefixes and a wording is changed in one place.

>>> text("engine.extractive.name")
'Udvalgte sætninger'
"""

from __future__ import annotations

#: code → Danish text; ``{name}``-style fields are filled from `text`'s keyword arguments.
CATALOGUE: dict[str, str] = {
    # Engines: display name and one line on what each does.
    "engine.lead.name": "Første sætninger",
    "engine.lead.about": "Artiklens første sætninger, som de står.",
    "engine.extractive.name": "Udvalgte sætninger",
    "engine.extractive.about": "De sætninger, der bedst bærer nyheden, valgt fra artiklen.",
    "engine.seq2seq.name": "Resumémodel",
    "engine.seq2seq.about": "En dansk resumémodel (DanSumT5), der omskriver artiklen.",
    "engine.generative.name": "Sprogmodel (eksperimentel)",
    "engine.generative.about": "Skriver selv rubrikker og lead; kan tage fejl af hvem der gjorde hvad, så læs efter.",
}


def text(code: str, **params: object) -> str:
    """The Danish text for `code`, its fields filled in; an unknown code is shown as itself, never dropped."""
    template = CATALOGUE.get(code)
    if template is None:
        return code
    return template.format(**params) if params else template


def engine_name(name: str) -> str:
    """An engine's Danish display name (``"extractive"`` → ``"Udvalgte sætninger"``); unknown engines keep theirs."""
    return CATALOGUE.get(f"engine.{name}.name", name)


def engine_about(name: str) -> str:
    """One Danish line on what an engine does ("" for an engine the catalogue does not know)."""
    return CATALOGUE.get(f"engine.{name}.about", "")
