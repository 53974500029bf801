"""`extractive`: the offline default. (Placeholder by the lead; the extractive helper owns it.)"""

from __future__ import annotations

from summarizer.engines.lead import LeadEngine


class ExtractiveEngine(LeadEngine):
    name = "extractive"
