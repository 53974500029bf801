"""The errors the library raises on purpose; each carries a one-line message meant for people."""


class SummarizerError(ValueError):
    """Base class: bad input or configuration, reported as one clear line."""


class EmptyInput(SummarizerError):
    """The text has nothing to summarise (empty, whitespace, or only a headline)."""


class OnlyBoilerplate(EmptyInput):
    """Text was given, but nothing of an article is left once ad breaks, paywall notices and tags go."""


class UnknownEngine(SummarizerError):
    """The engine name is not in the registry."""


class ModelUnavailable(SummarizerError):
    """A seq2seq model is neither local nor in the cache, and cannot be fetched now."""
