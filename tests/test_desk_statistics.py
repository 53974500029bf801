"""What editors chose, counted (eval/choices.py): the Statistik tab and ``python -m eval choices DESK.sqlite3``."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desk.store import Candidates, Choice, Store
from eval import choices
from eval.choices import Pick, count, word_edits

ROOT = Path(__file__).resolve().parent.parent

OFFERS = [
    Candidates("lead", "Færgen til Ærø sejler igen.", ["Færgen sejler igen", "Ærø har færge igen", "Ny færge"]),
    Candidates("extractive", "Ærøfærgen er tilbage efter tre uger.", ["Ærøfærgen er tilbage", "Tre uger uden færge",
                                                                      "Færgen er klar"]),
]  # fmt: skip


def saves(store: Store) -> None:
    """Three saves: extractive's first as offered, extractive's second edited, lead's third edited; and a headline
    written by hand with lead's lead."""
    store.save(Choice("t", "t", "Ærøfærgen er tilbage", "Ærøfærgen er tilbage efter tre uger.", "extractive", OFFERS,
                      0))  # fmt: skip
    store.save(Choice("t", "t", "Tre uger uden færge til Ærø", "Ærøfærgen er tilbage efter tre uger.", "extractive",
                      OFFERS, 1))  # fmt: skip
    store.save(Choice("t", "t", "Ny færge til Ærø", "Færgen til Ærø sejler igen i dag.", "lead", OFFERS, 2))
    store.save(Choice("t", "t", "Helt min egen rubrik", "Færgen til Ærø sejler igen.", "lead", OFFERS, None))


@pytest.fixture
def database(tmp_path: Path) -> Path:
    store = Store(tmp_path / "valg.sqlite3")
    saves(store)
    store.close()
    return tmp_path / "valg.sqlite3"


def test_word_edits_counts_words_inserted_deleted_or_replaced() -> None:
    assert word_edits("Ny bro over Vejle Fjord", "Ny bro over Vejle Fjord") == 0
    assert word_edits("Ny bro over Vejle Fjord", "Ny bro over fjorden") == 2
    assert word_edits("Tre uger uden færge", "Tre uger uden færge til Ærø") == 2
    assert word_edits("", "To ord") == 2 and word_edits("Holm: Ja", "Holm Ja") == 1


def test_which_engine_was_picked_at_which_rank_and_how_much_it_was_edited(database: Path) -> None:
    stats = count(choices.read(database))
    assert stats.total == 4 and stats.users == 1
    by = {row.engine: row for row in stats.engines}
    assert [row.engine for row in stats.engines] == ["extractive", "lead", choices.WRITTEN]
    extractive, lead, written = by["extractive"], by["lead"], by[choices.WRITTEN]
    assert (extractive.headlines, extractive.ranks, extractive.unedited) == (2, {1: 1, 2: 1}, 1)
    assert extractive.mean_edits == pytest.approx(1.0)  # 0 words, then "til Ærø" added: 2 words
    assert extractive.mean_rank == pytest.approx(1.5) and extractive.share == pytest.approx(0.5)
    assert (lead.headlines, lead.ranks, lead.mean_edits) == (1, {3: 1}, 2.0)  # "Ny færge" + "til Ærø"
    assert written.headlines == 1 and written.ranks == {} and written.mean_edits is None
    # Leads: extractive's saved as offered twice; lead's kept once and edited once: "igen." → "igen i dag." is
    # 3 words (punctuation stays on its word), 1.5 on average.
    assert (extractive.leads, extractive.leads_unedited, extractive.mean_lead_edits) == (2, 2, 0.0)
    assert (lead.leads, lead.leads_unedited, lead.mean_lead_edits) == (2, 1, 1.5)
    rows = choices.engine_rows(stats)
    assert rows[0][:4] == ["Udvalgte sætninger", 2, "50 %", "1 · 1 · 0 · 0 · 0"]  # Danish names, ranks 1…5+
    assert rows[2][0] == "skrevet selv"


def test_choices_are_counted_over_time_by_day_or_by_week_in_copenhagen_time() -> None:
    def pick(n: int, when: str, engine: str | None) -> Pick:
        return Pick(n, when, "mette", engine, 0 if engine else None, 0 if engine else None, engine, 0)

    # 23:30 UTC on 30 June is 1 July in Copenhagen.
    days = count([pick(1, "2026-06-30T23:30:00+00:00", "lead"), pick(2, "2026-07-01T08:00:00+00:00", "extractive"),
                  pick(3, "2026-07-02T08:00:00+00:00", None)])  # fmt: skip
    assert days.by == "dag" and [(p.label, p.total) for p in days.periods] == [("2026-07-01", 2), ("2026-07-02", 1)]
    assert days.periods[0].by_engine == {"lead": 1, "extractive": 1}
    weeks = count([pick(1, "2026-06-01T08:00:00+00:00", "lead"), pick(2, "2026-07-15T08:00:00+00:00", "lead")])
    assert weeks.by == "uge" and [p.label for p in weeks.periods] == ["uge 23 2026", "uge 29 2026"]
    assert choices.period_headers(weeks) == ["Uge", "Første sætninger", "I alt", "Ord rettet (gns.)"]


def test_the_database_is_only_read(database: Path) -> None:
    before = database.read_bytes()
    choices.read(database)
    assert database.read_bytes() == before
    with pytest.raises(choices.ChoicesError, match="findes ikke"):
        choices.read(database.with_name("ingen.sqlite3"))
    assert not database.with_name("ingen.sqlite3").exists()  # never created by reading
    other = database.with_name("andet.sqlite3")
    sqlite3.connect(other).execute("CREATE TABLE noget (x)").connection.close()
    with pytest.raises(choices.ChoicesError, match="ikke en database med desken valg"):
        choices.read(other)


def test_the_command_prints_the_tables_writes_a_chart_and_json(database: Path, tmp_path: Path) -> None:
    chart = tmp_path / "valg.png"
    run = [sys.executable, "-m", "eval", "choices", str(database)]
    done = subprocess.run([*run, "--chart", str(chart)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "4 gemte valg fra 1 redaktør" in done.stdout
    assert "| Udvalgte sætninger | 2 | 50 % | 1 · 1 · 0 · 0 · 0 |" in done.stdout
    assert "## Over tid (per dag)" in done.stdout
    assert chart.read_bytes().startswith(b"\x89PNG") and chart.stat().st_size > 10_000
    data = json.loads(subprocess.run([*run, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120).stdout)
    assert data["total"] == 4 and data["engines"][0]["name"] == "Udvalgte sætninger"
    missing = subprocess.run([*run[:-1], str(tmp_path / "ingen.sqlite3")], cwd=ROOT, capture_output=True, text=True,
                             timeout=120)  # fmt: skip
    assert missing.returncode == 2 and "findes ikke" in missing.stderr and missing.stderr.count("\n") == 1


def test_an_empty_database_says_so() -> None:
    stats = count([])
    assert stats.total == 0 and "Ingen gemte valg endnu" in choices.markdown(stats)
