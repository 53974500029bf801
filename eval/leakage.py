"""The leakage guard: engines must not be handed the answer.

Engines only ever get the body. Many DaNewsroom bodies begin with the lead itself; scoring a
summary against a lead it was given verbatim would measure copying, so the lead is cut off
the front of the body first (and the runner reports how often). The body is cleaned first, as
every input is (`summarizer.text.clean`). The functions live in `summarizer.structure`, so the
library, the DaNewsroom reader, the desk and the fitting scripts apply the same rule.
"""

from summarizer.structure import engine_body, strip_lead

__all__ = ["engine_body", "strip_lead"]
