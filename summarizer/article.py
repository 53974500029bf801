"""`Article`: what was read from the input, before any engine sees it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """One news item.

    `headline` and `lead` are the *real* ones when the input carried them (pasted wire copy,
    wire XML, DaNewsroom rows). Engines never read them: they only get `body`. They are kept
    so outputs can be scored against them.
    """

    body: str
    headline: str | None = None
    lead: str | None = None
    id: str | None = None
    byline: str | None = None
    source: str | None = None
    published: str | None = None
    format: str = "text"
    where: str | None = None  # its location in the input (file, file:LINE, archive.zip:member), when read from one
    warnings: list[str] = field(default_factory=list)

    @property
    def source_text(self) -> str:
        """Everything the editor gave us, for checking facts against."""
        return "\n\n".join(part for part in (self.headline, self.lead, self.body) if part)
