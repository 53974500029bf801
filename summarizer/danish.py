"""The Danish word lists more than one module needs, defined once.

Cleaning, sentence splitting, the headline rules, the lead trimmer, the extractive engine and the
fact checker all read Danish; a list that two of them share lives here, so a word added to it is
added everywhere. A list only one module uses stays beside its rule (for example
`headlines.cuts.CUT_BEFORE`).

The extractive engine's fitted weights depend on the exact sets `FUNCTION_WORDS` and `STOPWORDS`:
a change to either needs a refit (``scripts/fit_extractive.py``).

>>> "bl.a." in wordset("bl.a. ca. kl.")
True
"""

from __future__ import annotations


def wordset(listing: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string → a frozenset."""
    return frozenset(listing.split())


#: The commonest Danish function words: left out when headlines are compared for near-copies, and the core of
#: the extractive engine's function-word feature.
FUNCTION_WORDS = wordset(
    """
    og i at det er en på til af for med som der han den de ikke har var et om så men sig vi hun jeg
    kan vil skal også fra efter blev eller over ved da nu når hvor havde være bliver mod ud op ind
    """
)
#: Function words for the extractive engine's word feature: `FUNCTION_WORDS` and more (a short list is enough:
#: the lexicon learns the rest). The fitted weights depend on this exact set.
STOPWORDS = FUNCTION_WORDS | wordset(
    """
    have kun dem ham hende os jer man hans hendes deres sin sit sine min mit mine dette
    disse denne alle andre noget nogle mange meget mere mest end hvis fordi hvad hvem hvordan
    siger sagde ifølge oplyser fortæller skriver blive været få får fik kunne ville skulle
    år dag går gik kom kommer står stod må mig dig du ja nej her dér sådan selv flere
    """
)
#: Frequent Danish function words that are not also frequent English words ("i", "at", "for", "over" are left
#: out), for `looks_danish`.
DANISH_STOPWORDS = wordset(
    """
    og det en den til er som på de med han af ikke der var mig sig men et har om vi min havde ham hun nu da fra
    du ud sin dem os op hvor eller hvad skal selv alle vil blev kunne ind når være noget ville jo deres efter
    ned skulle denne dette mit også dig anden hende mine alt meget sit sine vor mod disse hvis din nogle
    hos blive mange ad bliver hendes været jer sådan siger sagde får fik kan må år ifølge mens blandt mellem
    """
)
#: Frequent English words, the other side of `looks_danish`.
ENGLISH_STOPWORDS = wordset(
    """
    the and of to in is that it was he on are as with his they be one this from not but what all
    were we when your can said there an each which she do how their if will up other about out many then them
    these so some would make like him into has two more could been who its now did get may my than first
    """
)

#: Danish verbs that attribute what someone said ("siger", "oplyste", "lyder det fra"). Headlines, the lead
#: trimmer and the fact checker find quotes, attributions and "til Ritzau" after them.
SAYING_VERBS = wordset(
    """
    siger sagde oplyser oplyste fortæller fortalte skriver skrev tilføjer tilføjede understreger understregede
    udtaler udtalte mener forklarer forklarede påpeger påpegede svarer svarede bekræfter bekræftede meddeler
    meddelte lyder lød erkender konstaterer vurderer uddyber slår advarer argumenterer
    """
)
#: `SAYING_VERBS` as a regular-expression group (longest first, so "sagde" is not read as "sag").
SAYING = "(?:" + "|".join(sorted(SAYING_VERBS, key=len, reverse=True)) + ")"

#: A Danish weekday, "mandag" to "søndag", as a regular-expression group (datelines, time adverbials).
WEEKDAY = r"(?:man|tirs|ons|tors|fre|lør|søn)dag"
#: Parts of the day after a weekday ("mandag aften"), as a regular-expression alternation.
PARTS_OF_DAY = "aften|morgen|formiddag|eftermiddag|middag|nat"
#: A Danish month, written out or abbreviated ("24. februar", "24. feb."), as a regular-expression group.
MONTHS = (
    r"(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    r"|jan|feb|febr|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
#: Month names and abbreviations → month number, for reading dates ("24. feb." = "24. februar").
MONTH_NUMBERS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4, "maj": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

PREPOSITIONS = wordset(
    "i på til for med af fra ved efter over under mod hos uden om mellem siden inden blandt ad gennem ifølge trods pr "
    "per via grundet"
)
#: Articles and possessives: an adjective after one waits for its noun ("flytter ind i de nye | boliger").
DETERMINERS = wordset("en et den det de denne dette disse sin sit sine hans hendes deres min mit vores jeres")
#: Words a Danish headline must not end on (`headlines.cuts.strip_dangling`): conjunctions, prepositions,
#: articles, possessives. Add a word here to keep it off the end of every headline.
DANGLING = wordset("og eller men samt så for fordi at som der da når hvis mens end om") | PREPOSITIONS | DETERMINERS
#: Subject pronouns ("siger hun": who "hun" is comes from the sentence before).
PRONOUNS = wordset("han hun de den det vi jeg man du")
#: Auxiliaries and the copula: a headline cut right after one ("Mitt Romney har", "i Statsforvaltningen er")
#: has lost what they belong to.
AUXILIARIES = wordset("er var har havde vil ville skal skulle kan kunne må måtte bliver blev blive være have")
MODALS = wordset("vil ville skal skulle kan kunne må måtte")
#: Numbers in words: a cut after one has left its noun behind ("have sex fire | timer").
NUMBER_WORDS = wordset("to tre fire fem seks syv otte ni ti elleve tolv tyve hundrede tusind")
