"""`Summary` and `Flag`: what `summarise` returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from summarizer.article import Article
from summarizer.checks import Problem


@dataclass(frozen=True)
class Flag:
    """A number, name or quote in the output that the source does not support.

    `where` is "summary" or "headline:N" (N is the 0-based rank); `start`/`end` index that text.
    """

    kind: str  # "number" | "name" | "quote"
    text: str
    where: str
    start: int
    end: int


@dataclass
class Summary:
    summary: str
    headlines: list[str]
    engine: str
    article: Article
    flags: list[Flag] = field(default_factory=list)
    #: What an editor would fix in the lead ("summary") or a headline ("headline:N"), from `summarizer.checks`.
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def problems_of(self, where: str) -> list[Problem]:
        """The problems of one suggestion: ``summary.problems_of("headline:0")``."""
        return [p for p in self.problems if p.where == where]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for `--json`, batch output and the web API)."""
        data = asdict(self)
        data["article"].pop("warnings", None)
        return data
