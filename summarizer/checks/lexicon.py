"""The editor's check's word lists and patterns: what points back, what opens a clause, what a text never ends on.

The rules that read them are in `summarizer.checks.surface` (punctuation and words) and
`summarizer.checks.grammar` (the analyser's readings).
"""

from __future__ import annotations

import re

from summarizer.danish import DANGLING, PREPOSITIONS, SAYING_VERBS, wordset

#: Opening words that point back to a sentence the reader has not seen.
CONTEXT_OPENERS = wordset(
    """
    han hun de den dette disse dog men og derfor så dermed dengang også samtidig desuden alligevel nemlig
    imidlertid ligeledes heller derudover herefter derefter dernæst endvidere tilmed ellers hermed dertil
    """
)
#: Several-word openings that point back.
CONTEXT_PHRASES = (
    "til gengæld",
    "i hvert fald",
    "på det tidspunkt",
    "en anden",
    "et andet",
    "i stedet",
    "det var",
    "det er derfor",
    "det skete",
    "det sker",
    "til sammenligning",
    "i modsætning hertil",
    "på samme måde",
)
#: "Sådan karakteriserer civilingeniør Hans Lindboe …": "sådan" before a saying verb points back to a quote.
SAADAN_SAYS = re.compile(
    r"^sådan\s+(?:karakteriser|beskriv|forklar|sig|siger|sagde|lyd|vurder|skriv|skrev|fortæl|fortalt|udtal|mener|"
    r"mente|konkluder|begrund|kommenter)\w*\b",
    re.IGNORECASE,
)
#: ", og som har …" / "Medicin, man tager …": a noun with its relative clause and no main clause after it.
RELATIVE_ONLY = re.compile(r"^[^,]{2,60},\s+(?:og\s+)?(?:som|der|man)\s+[^,]*$")
#: Subject pronouns whose referent a headline never gives ("Nu er hun klar").
PERSONAL_PRONOUNS = wordset("han hun de")
#: Words that open a subordinate or relative clause: alone, no headline ("Som LHC ved Cern …", "Hvis …").
#: Not `summarizer.headlines.headline_form.SUBORDINATE`: that one is the adverbial clauses a headline may drop after
#: a comma ("efter at", "inden", "før", no "som" or "hvordan"); this one is every clause that cannot stand alone.
SUBORDINATE_OPENERS = wordset("som når hvis fordi selvom mens skønt idet eftersom da hvorfor hvordan hvilket")
#: A "Navn: citat" or "Emne: udsagn" headline: a short label and a colon.
LABEL_RE = re.compile(r"^(?P<label>[^:»«\"”“]{2,45}?):\s+(?P<rest>\S.*)$")
QUOTE_OPENERS = "»«\"”“„'‘"
DASH_OPENERS = ("- ", "– ", "— ")
#: A ranking-list or table line ("2: NT Offshore ApS, Esbjerg", "115. Oilfield Solutions").
LIST_LINE_RE = re.compile(r"^\d{1,4}\s*[:.)]\s+\S")
#: Determiner / adjective / noun tags for the agreement check.
GENDERS = ("ut", "nt")
NUMBERS = ("sg", "pl")
#: "Politiet: Tre gerningsmænd i Kirke Såby" is a fragment; "Brand i Aarhus" is a label headline.
LABEL_FORM_MAX_WORDS = 6
LABEL_PREPOSITIONS = wordset("i på ved til fra mod efter for om")
#: Past forms of modal verbs that end like an adjective ("De skulle", "Den kunne").
MODAL_PASTS = wordset("skulle ville kunne måtte turde burde havde gjorde")
#: Words a text never ends on: conjunctions, articles, possessives and the prepositions that are never a verb's
#: particle ("revet … af", "stopper for" end well).
TORN_WORDS = (DANGLING - wordset("af op ud ind om fra til for med over efter under siden")) | wordset("at")
#: Adverbs that cannot end a clause right after an auxiliary or the copula ("politikken er stadig", "vi kan ikke").
HANGING_ADVERBS = wordset("stadig ikke også allerede nu altid aldrig endnu fortsat heller jo dog nok vel")
#: Adjectives a headline uses as its verb ("Fallulah klar til …", "Camilla Martin gift").
PREDICATIVE = wordset("klar gift død parat enig uenig færdig")
#: Verbs a headline may end on: they need no object ("En mand døde", "Priserne stiger", "Aftalen faldt").
INTRANSITIVE = wordset(
    """
    dø død døde stige stiger steg falde falder faldt vokse vokser voksede lukke lukker lukkede vinde vinder vandt
    tabe taber tabte sejre sejrer sejrede stoppe stopper stoppede stride strejke strejker strejkede brænde brænder
    brændte forsvinde forsvinder forsvandt eksplodere eksploderer eksploderede synke synker sank komme kommer kom
    gå går gik fortsætte fortsætter fortsatte holde holder holdt starte starter startede slutte slutter sluttede
    lande lander landede flytte flytter flyttede græde græder græd protestere protesterer protesterede
    """
)
#: What a headline may stop before in the body sentence it was cut from: a prepositional phrase, a clause joined
#: by a conjunction, a time adverbial. Anything else ("har Elton | John", "om priserne | stiger") is a cut mid-sentence.
CUT_OK_BEFORE = (
    PREPOSITIONS
    | wordset("og men eller samt mens fordi så da når hvis selvom efter end som der hvor idet")
    | wordset("i dag går morgen aften nat mandag tirsdag onsdag torsdag fredag lørdag søndag sidste næste")
    | SAYING_VERBS
)
_BOUNDARY_CHARS = ',.;:!?»«"”“()–-—/'
#: Adverbs that point back from inside a clause ("På mandag mødes nemlig …", "forklarede, at han heller ikke …").
POINTING_BACK = wordset("nemlig derfor dermed således imidlertid alligevel heller ligeledes desuden endvidere tilmed")
#: Longer texts and longer "words" are not sent to the analyser (see `check_many`).
MAX_ANALYSED_CHARS = 2_000
MAX_WORD_CHARS = 60
