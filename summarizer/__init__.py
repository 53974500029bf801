"""Danish news summaries and headlines.

>>> from summarizer import summarise
>>> result = summarise(open("data/samples/plain/biden-putin.txt").read())  # doctest: +SKIP
>>> result.summary, result.headlines[0]  # doctest: +SKIP

Importing this package is cheap: engines (and torch, for seq2seq) load on first use.
"""

from summarizer.api import summarise, summarise_many
from summarizer.article import Article
from summarizer.errors import EmptyInput, ModelUnavailable, SummarizerError, UnknownEngine
from summarizer.summary import Flag, Summary

__version__ = "0.1.0"

__all__ = [
    "Article",
    "EmptyInput",
    "Flag",
    "ModelUnavailable",
    "Summary",
    "SummarizerError",
    "UnknownEngine",
    "summarise",
    "summarise_many",
    "__version__",
]
