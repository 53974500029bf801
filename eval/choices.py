"""What editors chose: the human measure that ROUGE stands in for.

Every "Gem valg" on the desk keeps the suggestions every engine offered, which engine's headline the editor picked,
at which rank, and what was saved in the end (`desk.store`). This module counts, from those saved choices:

- which engine's headline (and lead) the editors picked, and at which rank (1 = the engine's first suggestion);
- how much they edited it: the word-level edit distance between the suggestion and what was saved (words as
  separated by spaces, punctuation attached: "Holm:" for "Holm" is one word changed; 0 means saved as suggested);
- the same by period (day, or week when the choices span more than a month), in Copenhagen time.

Used by the desk's **Statistik** tab and by ``python -m eval choices DESK.sqlite3 [--chart FIL.png] [--json]``.
The database is only read, never written.

>>> word_edits("Ny bro over Vejle Fjord", "Ny bro over fjorden")
2
"""

from __future__ import annotations

import io
import json
import sqlite3
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from summarizer.messages import engine_name
from summarizer.results import NEWSROOM_ZONE

#: Ranks shown one by one; this one and above are counted together ("5+").
TOP_RANK = 5
#: A headline saved without picking an engine's suggestion: the editor wrote it.
WRITTEN = "skrevet selv"
#: Choices spanning more days than this are counted by week, not by day.
DAYS_BY_DAY = 31


# --------------------------------------------------------------------------- one choice


def word_edits(suggestion: str, saved: str) -> int:
    """Word-level Levenshtein distance: words inserted, deleted or replaced to turn `suggestion` into `saved`."""
    a, b = suggestion.split(), saved.split()
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, word in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other)))
        previous = current
    return previous[-1]


@dataclass(frozen=True)
class Pick:
    """One saved choice, as counted: where its headline and lead came from and how much they were edited."""

    id: int
    saved_at: str  # ISO 8601, UTC, as stored
    user: str
    headline_engine: str | None  # None: written by hand
    headline_rank: int | None  # 0-based rank of the suggestion picked
    headline_edits: int | None  # words changed from that suggestion (None when written by hand)
    lead_engine: str | None
    lead_edits: int | None

    @property
    def local_day(self) -> date:
        when = datetime.fromisoformat(self.saved_at)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(ZoneInfo(NEWSROOM_ZONE)).date()


def pick_of(row: Mapping[str, Any]) -> Pick:
    """A stored choice (a database row as a mapping, or `desk.store.Saved` as a dict) → a `Pick`.

    ``candidates`` may be the stored JSON text or a list of ``{"engine", "summary", "headlines"}``.
    """
    candidates = row.get("candidates") or []
    if isinstance(candidates, str):
        candidates = json.loads(candidates)
    offers = {c["engine"]: c for c in (c if isinstance(c, Mapping) else asdict(c) for c in candidates)}
    engine, rank = row.get("headline_engine"), row.get("headline_rank")
    headline_edits = None
    if engine is not None and rank is not None:
        offered = offers.get(engine, {}).get("headlines") or []
        if 0 <= int(rank) < len(offered):
            headline_edits = word_edits(offered[int(rank)], row.get("headline") or "")
        else:  # a suggestion the database no longer holds: counted as written by hand
            engine, rank = None, None
    else:
        engine, rank = None, None
    lead_engine = row.get("lead_engine")
    lead_edits = None
    if lead_engine is not None and lead_engine in offers:
        lead_edits = word_edits(offers[lead_engine].get("summary") or "", row.get("lead") or "")
    else:
        lead_engine = None
    return Pick(int(row["id"]), str(row["saved_at"]), str(row.get("user") or "anonym"), engine,
                None if rank is None else int(rank), headline_edits, lead_engine, lead_edits)  # fmt: skip


class ChoicesError(Exception):
    """The database cannot be read; the message is one Danish line."""


COLUMNS = ("id", "saved_at", "user", "candidates", "headline", "headline_engine", "headline_rank", "lead",
           "lead_engine")  # fmt: skip


def read(path: str | Path) -> list[Pick]:
    """Every saved choice in the desk's database at `path`, oldest first (opened read-only)."""
    path = Path(path)
    if not path.is_file():
        raise ChoicesError(f"Databasen {path} findes ikke (desken gemmer valg i den fil, som --db / DESK_DB peger på).")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise ChoicesError(f"Databasen {path} kan ikke åbnes: {error}") from None
    try:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(f"SELECT {', '.join(COLUMNS)} FROM choices ORDER BY id").fetchall()
    except sqlite3.Error as error:
        raise ChoicesError(f"{path} er ikke en database med desken valg ({error}).") from None
    finally:
        connection.close()
    return [pick_of(dict(row)) for row in rows]


# --------------------------------------------------------------------------- counting


@dataclass
class EngineCount:
    """One engine's share of the editors' choices."""

    engine: str  # the code ("extractive"), or WRITTEN
    headlines: int = 0  # times its headline was picked
    share: float = 0.0  # of all saved choices
    ranks: dict[int, int] = field(default_factory=dict)  # 1-based rank (TOP_RANK = "5+") → picks
    unedited: int = 0  # headlines saved exactly as suggested
    mean_edits: float | None = None  # words changed per picked headline
    median_edits: float | None = None
    leads: int = 0  # times its lead was the one saved (as offered or edited)
    leads_unedited: int = 0
    mean_lead_edits: float | None = None

    @property
    def name(self) -> str:
        return WRITTEN if self.engine == WRITTEN else engine_name(self.engine)

    @property
    def mean_rank(self) -> float | None:
        n = sum(self.ranks.values())
        return sum(rank * count for rank, count in self.ranks.items()) / n if n else None


@dataclass
class PeriodCount:
    """The choices of one day or week."""

    label: str  # "2026-07-01" or "uge 27 2026"
    start: str  # the period's first day, ISO
    total: int = 0
    by_engine: dict[str, int] = field(default_factory=dict)  # engine code (or WRITTEN) → headlines picked
    mean_edits: float | None = None  # words changed per picked headline in the period


@dataclass
class Stats:
    total: int
    users: int
    first: str | None  # Copenhagen day of the first and last choice
    last: str | None
    by: str  # "dag" or "uge"
    engines: list[EngineCount]
    periods: list[PeriodCount]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for item, engine in zip(data["engines"], self.engines, strict=True):
            item["name"], item["mean_rank"] = engine.name, engine.mean_rank
        return data


def count(picks: Sequence[Pick]) -> Stats:
    """Which engine's suggestions the editors picked, at which rank, how much they edited them, and over time."""
    engines: dict[str, EngineCount] = {}
    edits: dict[str, list[int]] = defaultdict(list)
    lead_edits: dict[str, list[int]] = defaultdict(list)
    for pick in picks:
        key = pick.headline_engine or WRITTEN
        row = engines.setdefault(key, EngineCount(key))
        row.headlines += 1
        if pick.headline_engine is not None and pick.headline_rank is not None:
            rank = min(pick.headline_rank + 1, TOP_RANK)
            row.ranks[rank] = row.ranks.get(rank, 0) + 1
            edits[key].append(pick.headline_edits or 0)
            row.unedited += pick.headline_edits == 0
        if pick.lead_engine is not None:
            lead_row = engines.setdefault(pick.lead_engine, EngineCount(pick.lead_engine))
            lead_row.leads += 1
            lead_row.leads_unedited += pick.lead_edits == 0
            lead_edits[pick.lead_engine].append(pick.lead_edits or 0)
    total = len(picks)
    for key, row in engines.items():
        row.share = row.headlines / total if total else 0.0
        if edits[key]:
            row.mean_edits = statistics.fmean(edits[key])
            row.median_edits = float(statistics.median(edits[key]))
        if lead_edits[key]:
            row.mean_lead_edits = statistics.fmean(lead_edits[key])
    ordered = sorted(engines.values(), key=lambda r: (r.engine == WRITTEN, -r.headlines, -r.leads, r.engine))

    days = sorted({pick.local_day for pick in picks})
    by = "uge" if days and (days[-1] - days[0]).days > DAYS_BY_DAY else "dag"
    periods: dict[str, PeriodCount] = {}
    period_edits: dict[str, list[int]] = defaultdict(list)
    for pick in sorted(picks, key=lambda p: p.saved_at):
        label, start = _period(pick.local_day, by)
        period = periods.setdefault(label, PeriodCount(label, start))
        period.total += 1
        key = pick.headline_engine or WRITTEN
        period.by_engine[key] = period.by_engine.get(key, 0) + 1
        if pick.headline_edits is not None:
            period_edits[label].append(pick.headline_edits)
    for label, period in periods.items():
        if period_edits[label]:
            period.mean_edits = statistics.fmean(period_edits[label])
    return Stats(
        total=total,
        users=len({pick.user for pick in picks}),
        first=days[0].isoformat() if days else None,
        last=days[-1].isoformat() if days else None,
        by=by,
        engines=ordered,
        periods=sorted(periods.values(), key=lambda p: p.start),
    )


def _period(day: date, by: str) -> tuple[str, str]:
    if by == "dag":
        return day.isoformat(), day.isoformat()
    year, week, _ = day.isocalendar()
    monday = date.fromisocalendar(year, week, 1)
    return f"uge {week} {year}", monday.isoformat()


# --------------------------------------------------------------------------- showing


def number(value: float | None, decimals: int = 1) -> str:
    """Danish decimal comma; "–" for nothing to show."""
    return "–" if value is None else f"{value:.{decimals}f}".replace(".", ",")


def percent(value: float) -> str:
    return f"{100 * value:.0f} %"


ENGINE_HEADERS = ["Motor", "Rubrikker valgt", "Andel", "Rang 1 · 2 · 3 · 4 · 5+", "Gns. rang", "Uændret",
                  "Ord rettet (gns.)", "Leads valgt", "Leads uændret", "Ord rettet i lead (gns.)"]  # fmt: skip
#: Rang: which of the engine's suggestions (1 = its first); uændret: saved as suggested; ord rettet: `word_edits`.


def engine_rows(stats: Stats) -> list[list[Any]]:
    """The table by engine, as shown on the Statistik tab and printed by the command."""
    rows = []
    for row in stats.engines:
        ranks = " · ".join(str(row.ranks.get(rank, 0)) for rank in range(1, TOP_RANK + 1))
        rows.append([
            row.name, row.headlines, percent(row.share), ranks if row.ranks else "–", number(row.mean_rank),
            row.unedited if row.ranks else "–", number(row.mean_edits), row.leads,
            row.leads_unedited if row.leads else "–", number(row.mean_lead_edits),
        ])  # fmt: skip
    return rows


def period_headers(stats: Stats) -> list[str]:
    return ["Dag" if stats.by == "dag" else "Uge", *(row.name for row in stats.engines if row.headlines), "I alt",
            "Ord rettet (gns.)"]  # fmt: skip


def period_rows(stats: Stats) -> list[list[Any]]:
    """The table over time: headlines picked per engine in each day or week."""
    keys = [row.engine for row in stats.engines if row.headlines]
    return [[p.label, *(p.by_engine.get(key, 0) for key in keys), p.total, number(p.mean_edits)]
            for p in stats.periods]  # fmt: skip


def summary_line(stats: Stats) -> str:
    if not stats.total:
        return "Ingen gemte valg endnu: tallene kommer, når redaktørerne trykker »Gem valg«."
    span = stats.first if stats.first == stats.last else f"{stats.first} til {stats.last}"
    editors = "1 redaktør" if stats.users == 1 else f"{stats.users} redaktører"
    saved = "gemt valg" if stats.total == 1 else "gemte valg"
    return f"{stats.total} {saved} fra {editors}, {span} (dansk tid)."


def markdown(stats: Stats) -> str:
    """The counts as Markdown tables (what the command prints)."""
    lines = ["# Redaktørernes valg", "", summary_line(stats), ""]
    if not stats.total:
        return "\n".join(lines)
    lines += _table(ENGINE_HEADERS, engine_rows(stats))
    lines += ["", "Rang: hvilket af motorens forslag der blev valgt (1 = det første). Ord rettet: hvor mange ord "
              "redaktøren ændrede, indsatte eller slettede i forslaget, før det blev gemt (0 = gemt som foreslået).",
              "", f"## Over tid (per {stats.by})", ""]  # fmt: skip
    lines += _table(period_headers(stats), period_rows(stats))
    return "\n".join(lines) + "\n"


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|")

    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return out


#: One colour per engine in the chart, the desk's own.
COLOURS = {"lead": "#64748b", "extractive": "#b91c1c", "seq2seq": "#0369a1", "generative": "#a16207",
           WRITTEN: "#94a3b8"}  # fmt: skip
RANK_COLOURS = ["#7f1d1d", "#b91c1c", "#ef4444", "#fca5a5", "#fee2e2"]


def chart(stats: Stats, path: str | Path | None = None) -> bytes:
    """A PNG: headlines picked per engine by rank, words edited per engine, and picks over time.

    Written to `path` when given; the PNG's bytes are returned either way.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    engines = [row for row in stats.engines if row.headlines]
    figure, (by_rank, edited, over_time) = plt.subplots(1, 3, figsize=(14, 4),
                                                        gridspec_kw={"width_ratios": [1, 0.8, 1.4]})  # fmt: skip
    names = [_wrap(row.name) for row in engines]
    bottom = [0] * len(engines)
    for rank in range(1, TOP_RANK + 1):
        heights = [row.ranks.get(rank, 0) for row in engines]
        label = f"rang {rank}" if rank < TOP_RANK else f"rang {TOP_RANK}+"
        by_rank.bar(names, heights, bottom=bottom, label=label, color=RANK_COLOURS[rank - 1], width=0.6)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    written = [row.headlines if row.engine == WRITTEN else 0 for row in engines]
    if any(written):
        by_rank.bar(names, written, bottom=bottom, label=WRITTEN, color=COLOURS[WRITTEN], width=0.6)
    by_rank.set_title("Valgte rubrikker per motor og rang")
    by_rank.set_ylabel("rubrikker")
    by_rank.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))

    scored = [row for row in engines if row.mean_edits is not None]
    bars = edited.bar([_wrap(row.name) for row in scored], [row.mean_edits for row in scored],
                      color=[COLOURS.get(row.engine, "#475569") for row in scored], width=0.6)  # fmt: skip
    edited.bar_label(bars, labels=[number(row.mean_edits) for row in scored], fontsize=8)
    edited.set_title("Ord rettet per valgt rubrik (gns.)")
    edited.set_ylabel("ord")

    labels = [p.label for p in stats.periods]
    bottom = [0] * len(labels)
    for row in engines:
        heights = [p.by_engine.get(row.engine, 0) for p in stats.periods]
        over_time.bar(labels, heights, bottom=bottom, label=row.name, color=COLOURS.get(row.engine, "#475569"),
                      width=0.6)  # fmt: skip
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    over_time.set_title(f"Valg over tid (per {stats.by}, dansk tid)")
    over_time.set_ylabel("gemte valg")
    over_time.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    over_time.tick_params(axis="x", labelrotation=30, labelsize=8)
    for axes, n in ((by_rank, len(engines)), (edited, len(scored)), (over_time, len(labels))):
        axes.spines[["top", "right"]].set_visible(False)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.set_ylim(0, max(axes.get_ylim()[1], 1) * 1.1)
        axes.set_xlim(-0.7, max(n, 2) - 0.3)  # one or two bars keep a bar's width, not the panel's
        axes.tick_params(axis="x", labelsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def _wrap(name: str) -> str:
    return name.replace(" ", "\n")


# --------------------------------------------------------------------------- the command


def main(argv: list[str] | None = None) -> int:
    """``python -m eval choices DESK.sqlite3 [--chart FIL.png] [--json]``."""
    from summarizer.cli import Parser  # argparse in Danish

    parser = Parser(
        prog="python -m eval choices",
        description="Tæl redaktørernes valg i deskens database: hvilken motors forslag de valgte, på hvilken "
        "plads, og hvor meget de rettede (ord), per motor og over tid.",
    )
    parser.add_argument("database", help="deskens database (den fil, --db / DESK_DB peger på)")
    parser.add_argument("--chart", default=None, help="skriv også et diagram som PNG hertil")
    parser.add_argument("--json", action="store_true", help="skriv tallene som JSON i stedet for tabeller")
    args = parser.parse_args(argv)
    try:
        stats = count(read(args.database))
    except ChoicesError as error:
        print(f"python -m eval choices: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(markdown(stats), end="")
    if args.chart:
        if not stats.total:
            print("python -m eval choices: ingen valg at tegne; intet diagram skrevet", file=sys.stderr)
        else:
            chart(stats, args.chart)
            print(f"diagram: {args.chart}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
