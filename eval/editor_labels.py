"""The editor labels (``../shared/reference/editor-judgements.jsonl``) and how well the editor's check agrees.

Each labelled text (a real title, or an engine's headline or lead, judged by a Danish editor against the article
body) carries reason codes. `agreement` runs `summarizer.checks` on the same texts with the same bodies and gives
precision and recall per code on the codes a mechanical check can see (`MECHANICAL_CODES`), micro-averaged over
(text, code) pairs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.api import prepare
from summarizer.checks import check_many

SHARED = Path(__file__).resolve().parents[2] / "shared"
LABELS_PATH = SHARED / "reference" / "editor-judgements.jsonl"
DEV_PATH = SHARED / "data" / "danewsroom-dev.jsonl"
MECHANICAL_CODES = (
    "fragment",
    "cut_mid_sentence",
    "context_opening",
    "speakerless_quote",
    "unclosed_quote",
    "boilerplate",
    "non_word",
    "agreement",
)


@dataclass(frozen=True)
class Labelled:
    id: str
    source: str  # real | extractive | generative
    kind: str  # headline | lead
    rank: int
    text: str
    body: str
    codes: frozenset[str]
    printable: bool
    note: str = ""


@dataclass
class Score:
    editor: int = 0
    check: int = 0
    both: int = 0

    @property
    def precision(self) -> float:
        return self.both / self.check if self.check else 1.0

    @property
    def recall(self) -> float:
        return self.both / self.editor if self.editor else 1.0


@dataclass
class Agreement:
    per_code: dict[str, Score]
    total: Score
    found: list[frozenset[str]] = field(default_factory=list)


def load_labels(labels: Path = LABELS_PATH, dev: Path = DEV_PATH) -> list[Labelled]:
    """The labelled texts with their article bodies (cleaned as `summarise` cleans them)."""
    wanted = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = {row["id"] for row in wanted}
    bodies: dict[str, str] = {}
    with dev.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] in ids:
                bodies[row["id"]] = prepare(row["text"]).body
    return [
        Labelled(
            id=row["id"],
            source=row["source"],
            kind=row["kind"],
            rank=row["rank"],
            text=row["text"],
            body=bodies[row["id"]],
            codes=frozenset(row["reasons"]),
            printable=bool(row["printable"]),
            note=row.get("note", ""),
        )
        for row in wanted
    ]


def agreement(labelled: list[Labelled]) -> Agreement:
    """Precision and recall of the check against the editor on `MECHANICAL_CODES`."""
    per_code = {code: Score() for code in MECHANICAL_CODES}
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, item in enumerate(labelled):
        by_article[item.id].append(k)
    found: list[frozenset[str]] = [frozenset()] * len(labelled)
    for indices in by_article.values():
        texts = [(labelled[k].text, labelled[k].kind) for k in indices]
        problems, _ = check_many(texts, labelled[indices[0]].body, max_headline_chars=10_000, max_summary_words=10_000)
        for k, ps in zip(indices, problems, strict=True):
            found[k] = frozenset(p.code for p in ps)
    total = Score()
    for item, seen in zip(labelled, found, strict=True):
        for code in MECHANICAL_CODES:
            said, got = code in item.codes, code in seen
            for score in (per_code[code], total):
                score.editor += said
                score.check += got
                score.both += said and got
    return Agreement(per_code, total, found)
