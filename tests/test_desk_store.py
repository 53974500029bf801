"""The editors' choices: kept in SQLite, safe with many editors at once, exported as training data."""

from __future__ import annotations

import csv
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from test_app_handlers import WIRE

from desk import handlers
from desk.store import Choice, Store, StoreError, default_path, export_csv, export_jsonl, text_hash
from eval.data import load as load_dataset
from summarizer.wire import iter_articles


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data" / "desk.sqlite3")


def desk_result() -> handlers.DeskResult:
    return handlers.summarise_desk(WIRE, ["lead", "extractive"])


def test_a_choice_keeps_the_text_every_engines_candidates_and_what_was_edited(store: Store) -> None:
    result = desk_result()
    extractive = next(r.summary for r in result.results if r.engine == "extractive")
    saved = handlers.save_choice(store, result, "extractive", extractive.headlines[1], "Kommunerne får 300 mio. kr.",
                                 1, "mette")  # fmt: skip
    assert saved.input_text == WIRE and saved.text_hash == text_hash(WIRE)
    assert saved.real_headline == "Kommuner får 300 millioner til ældreplejen"
    assert saved.real_lead.startswith("Et stort flertal i Folketinget")
    assert [c.engine for c in saved.candidates] == ["lead", "extractive"]
    assert saved.candidates[1].headlines == extractive.headlines
    assert (saved.headline_engine, saved.headline_rank, saved.headline_edited) == ("extractive", 1, False)
    assert saved.lead_edited is True and saved.user == "mette" and saved.saved_at.endswith("+00:00")
    assert "Kommuner får 300 millioner" not in saved.body  # the body the engines read, not the pasted layout


def test_a_headline_edited_in_place_is_marked_edited_with_the_rank_it_came_from(store: Store) -> None:
    result = desk_result()
    lead = next(r.summary for r in result.results if r.engine == "lead")
    saved = handlers.save_choice(store, result, "lead", "Ældreplejen får 300 mio. kr. mere", lead.summary, 0, None)
    assert saved.headline_edited is True and saved.headline_rank == 0 and saved.lead_edited is False
    assert saved.user == "anonym"
    assert "rubrik rettet, lead uændret" in handlers.saved_note(saved)


def test_a_choice_without_headline_or_lead_is_refused_in_danish(store: Store) -> None:
    with pytest.raises(StoreError, match="både en rubrik og et lead"):
        handlers.save_choice(store, desk_result(), "lead", "  ", "Et lead.", None, "mette")


def test_sixteen_editors_saving_at_once_lose_nothing(store: Store) -> None:
    result = desk_result()
    barrier = threading.Barrier(16)
    errors: list[BaseException] = []

    def save(number: int) -> None:
        barrier.wait()
        try:
            other = Store(store.path)  # each editor's request may come with a store of its own
            handlers.save_choice(other, result, "lead", f"Rubrik nr. {number} om ældreplejen", "Et lead.", None,
                                 f"redaktør-{number}")  # fmt: skip
            handlers.save_choice(store, result, "lead", f"Anden rubrik nr. {number}", "Et lead.", None, "fælles")
        except BaseException as error:  # noqa: BLE001 (collected and asserted below)
            errors.append(error)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    headlines = {row.headline for row in store.recent(limit=100)}
    assert len(headlines) == 32 == store.count()
    assert {f"Rubrik nr. {n} om ældreplejen" for n in range(16)} <= headlines
    assert sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_history_is_newest_first_and_searchable_in_danish(store: Store) -> None:
    result = desk_result()
    for headline in ("Ældreplejen får et løft", "Færgen til Ærø er forsinket", "Ny bro i Aalborg"):
        handlers.save_choice(store, result, "lead", headline, "Et lead.", None, "søren")
    assert [row[4] for row in handlers.history_rows(store)] == [
        "Ny bro i Aalborg", "Færgen til Ærø er forsinket", "Ældreplejen får et løft"]  # fmt: skip
    assert [row[4] for row in handlers.history_rows(store, "ærø")] == ["Færgen til Ærø er forsinket"]
    assert len(handlers.history_rows(store, "søren")) == 3


def test_the_export_is_read_back_as_training_data_by_the_projects_readers(store: Store, tmp_path: Path) -> None:
    result = desk_result()
    handlers.save_choice(store, result, "lead", "Ældreplejen får 300 mio. kr.", "Kommunerne får flere penge.", None,
                         "mette")  # fmt: skip
    handlers.save_choice(store, result, "extractive", "Aftale om ældreplejen", "Et flertal er enige.", None, "ole")
    path = export_jsonl(store.recent(), tmp_path / "valg.jsonl")
    articles = list(iter_articles(path))
    assert [a.headline for a in articles] == ["Ældreplejen får 300 mio. kr.", "Aftale om ældreplejen"]
    assert articles[0].lead == "Kommunerne får flere penge." and "ældreplejen" in articles[0].body
    dataset = load_dataset(path)  # eval's reader, the one `finetune` reads with
    assert [e.title for e in dataset.examples] == ["Ældreplejen får 300 mio. kr.", "Aftale om ældreplejen"]
    assert dataset.skipped == []
    rows = list(csv.DictReader(export_csv(store.recent(), tmp_path / "valg.csv").open(encoding="utf-8-sig"),
                               delimiter=";"))  # fmt: skip
    assert [r["title"] for r in rows] == ["Ældreplejen får 300 mio. kr.", "Aftale om ældreplejen"]
    assert [a.headline for a in iter_articles(tmp_path / "valg.csv")] == [r["title"] for r in rows]
    assert [e.title for e in load_dataset(tmp_path / "valg.csv").examples] == [r["title"] for r in rows]


def test_an_unwritable_database_is_one_danish_line(tmp_path: Path) -> None:
    folder = tmp_path / "låst"
    folder.mkdir()
    store = Store(folder / "desk.sqlite3")
    os.chmod(folder / "desk.sqlite3", 0o444)
    store.close()
    if os.geteuid() == 0:  # root writes through file modes; a read-only connection shows the same path
        readonly = Store.__new__(Store)
        readonly.path, readonly.timeout, readonly._lock = folder / "desk.sqlite3", 1.0, threading.Lock()
        readonly._writer = sqlite3.connect(f"file:{folder / 'desk.sqlite3'}?mode=ro", uri=True,
                                           check_same_thread=False, isolation_level=None)  # fmt: skip
        store = readonly
    else:
        store = Store(folder / "desk.sqlite3")
    with pytest.raises(StoreError) as caught:
        handlers.save_choice(store, desk_result(), "lead", "Rubrik", "Lead.", None, "mette")
    message = str(caught.value)
    assert "kan ikke skrives" in message and "ikke gemt" in message and "\n" not in message


def test_a_locked_database_is_one_danish_line_asking_to_try_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "desk.sqlite3", timeout=0.2)
    blocker = sqlite3.connect(store.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="optaget lige nu; dit valg er ikke gemt endnu"):
            handlers.save_choice(store, desk_result(), "lead", "Rubrik", "Lead.", None, "mette")
    finally:
        blocker.execute("ROLLBACK")
    assert handlers.save_choice(store, desk_result(), "lead", "Rubrik", "Lead.", None, "mette").id == 1


def test_the_default_database_lives_in_the_users_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_path() == tmp_path / "nyhedsdesken" / "desk.sqlite3"
    monkeypatch.setenv("DESK_DB", str(tmp_path / "andet.db"))
    assert default_path() == tmp_path / "andet.db"
    Store(default_path())
    assert (tmp_path / "andet.db").exists()


def test_a_choice_dataclass_saved_directly_needs_no_desk(store: Store) -> None:
    text = "Broen åbner 24. februar kl. 13.11."
    saved = store.save(Choice(input_text=text, body=text, headline="Broen åbner i februar",
                              lead="Broen åbner 24. februar.", engine="lead"))  # fmt: skip
    assert store.get(saved.id).headline == "Broen åbner i februar" and saved.headline_edited and saved.lead_edited
