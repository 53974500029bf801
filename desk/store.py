"""The editors' choices, kept in an embedded SQLite database: what was chosen, from what, by whom.

One row per "Gem valg": the input text and its hash, the real headline and lead when known, every
engine's candidates, the chosen (or edited) headline and lead, which engine and rank they came from,
the user and the time. WAL mode lets editors read while one writes; every write goes through one
lock and one connection (one writer path), with a busy timeout, so concurrent saves queue instead
of failing. A locked or unwritable database raises `StoreError` with a Danish line for the page; a
database that opens but cannot be written is found at start (`Store.warning`), not at the first save.

A save may carry an idempotency key (`Choice.idempotency_key`, the ``/save`` endpoint's
``idempotency_key``): a retried save with the same key, by the same user, returns the row already
stored instead of storing it twice.

`export_jsonl` writes the DaNewsroom fields (``title``, ``summary``, ``text``) that the project's
readers (`summarizer.wire.iter_articles`, `eval.data`) read, and that a fine-tuning command will train
on: a newsroom's choices become its house-style training data.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from summarizer.errors import SummarizerError
from summarizer.results import CSV_ENCODING, NEWSROOM_ZONE, csv_cell, danish_csv_writer, local_time

SCHEMA = """
CREATE TABLE IF NOT EXISTS choices (
    id INTEGER PRIMARY KEY,
    saved_at TEXT NOT NULL,            -- ISO 8601, UTC
    user TEXT NOT NULL,
    text_hash TEXT NOT NULL,           -- sha256 of input_text
    input_text TEXT NOT NULL,          -- what the editor pasted or loaded
    body TEXT NOT NULL,                -- the article body the engines read
    real_headline TEXT,
    real_lead TEXT,
    candidates TEXT NOT NULL,          -- JSON: [{"engine", "summary", "headlines"}], every engine's
    headline TEXT NOT NULL,            -- the chosen headline, as saved (edited or not)
    headline_engine TEXT,
    headline_rank INTEGER,             -- 0-based rank of the candidate it came from
    headline_edited INTEGER NOT NULL,
    lead TEXT NOT NULL,
    lead_engine TEXT,
    lead_edited INTEGER NOT NULL,
    idempotency_key TEXT               -- the caller's key for this save: a retry is stored once
);
CREATE INDEX IF NOT EXISTS choices_saved_at ON choices (saved_at);
CREATE INDEX IF NOT EXISTS choices_text_hash ON choices (text_hash);
"""
# After the column exists (a database from before the key gets it added first).
KEY_INDEX = """CREATE UNIQUE INDEX IF NOT EXISTS choices_idempotency ON choices (user, idempotency_key)
WHERE idempotency_key IS NOT NULL"""
MAX_KEY_CHARS = 200


class StoreError(SummarizerError):
    """The database cannot be written or read; the message is one Danish line for the page."""


@dataclass(frozen=True)
class Candidates:
    """One engine's offer: its lead and ranked headlines."""

    engine: str
    summary: str
    headlines: list[str]


@dataclass
class Choice:
    """What an editor saves from one engine's card."""

    input_text: str
    body: str
    headline: str
    lead: str
    engine: str
    candidates: list[Candidates] = field(default_factory=list)
    headline_rank: int | None = None  # the candidate picked, before any edit
    real_headline: str | None = None
    real_lead: str | None = None
    user: str = "anonym"
    idempotency_key: str | None = None  # the same key again (same user) returns the first save


@dataclass(frozen=True)
class Saved:
    """A row of the database."""

    id: int
    saved_at: str
    user: str
    text_hash: str
    input_text: str
    body: str
    real_headline: str | None
    real_lead: str | None
    candidates: list[Candidates]
    headline: str
    headline_engine: str | None
    headline_rank: int | None
    headline_edited: bool
    lead: str
    lead_engine: str | None
    lead_edited: bool
    idempotency_key: str | None = None


def default_path() -> Path:
    """``$DESK_DB``, else ``$XDG_DATA_HOME/nyhedsdesken/desk.sqlite3`` (``~/.local/share`` by default)."""
    if os.environ.get("DESK_DB"):
        return Path(os.environ["DESK_DB"])
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "nyhedsdesken" / "desk.sqlite3"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Store:
    """The choices database at `path` (created, with its folder, on first use)."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._lock = threading.Lock()
        #: A Danish line when the database opens but cannot be written (read-only file or folder): the
        #: desk still starts and shows Historik, and says so at once instead of at the first save.
        self.warning: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = self._connect()
        except (sqlite3.Error, OSError) as error:
            raise StoreError(_message(error, self.path)) from None
        try:
            self._prepare()
        except sqlite3.Error as error:
            if not _unwritable(error):
                raise StoreError(_message(error, self.path)) from None
            detail = " ".join(str(error).split())
            self.warning = (f"Databasen {self.path} kan ikke skrives ({detail}); desken starter, men »Gem valg« "
                            "virker ikke, før stien (--db / DESK_DB) eller rettighederne er rettet.")  # fmt: skip

    def _prepare(self) -> None:
        """WAL mode, the tables, the key column for a database from before it, and a write that is rolled
        back: SQLite opens a read-only file without a word and refuses only the first write."""
        self._writer.execute("PRAGMA journal_mode=WAL")
        self._writer.executescript(SCHEMA)
        columns = {row[1] for row in self._writer.execute("PRAGMA table_info(choices)")}
        if "idempotency_key" not in columns:
            self._writer.execute("ALTER TABLE choices ADD COLUMN idempotency_key TEXT")
        self._writer.execute(KEY_INDEX)
        self._writer.execute("PRAGMA busy_timeout=500")  # a start need not wait out a long write
        try:
            self._writer.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error).lower() or "busy" in str(error).lower():
                return  # another writer holds it: busy, not read-only; a save waits its turn
            raise
        finally:
            self._writer.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
        try:
            self._writer.execute("CREATE TABLE desk_write_probe (x)")
        finally:
            self._writer.execute("ROLLBACK")

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=self.timeout, check_same_thread=False, isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
        # SQLite's LIKE folds only ASCII; searching "ærø" must find "Ærø".
        connection.create_function("fold", 1, lambda text: text.casefold() if text else "", deterministic=True)
        return connection

    def save(self, choice: Choice) -> Saved:
        """Store one choice; returns the row as saved. Raises `StoreError` (Danish) if it cannot.

        With `choice.idempotency_key` set and a row with that key already saved by the same user, that
        row is returned and nothing new is stored (a retried request whose first reply was lost).
        """
        key = _key(choice.idempotency_key)
        user = choice.user or "anonym"
        offered = next((c for c in choice.candidates if c.engine == choice.engine), None)
        picked = None
        rank = choice.headline_rank
        if offered is not None and rank is not None and 0 <= rank < len(offered.headlines):
            picked = offered.headlines[rank]
        row = {
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "user": user,
            "text_hash": text_hash(choice.input_text),
            "input_text": choice.input_text,
            "body": choice.body,
            "real_headline": choice.real_headline or None,
            "real_lead": choice.real_lead or None,
            "candidates": json.dumps([asdict(c) for c in choice.candidates], ensure_ascii=False),
            "headline": choice.headline.strip(),
            "headline_engine": choice.engine if picked is not None else None,
            "headline_rank": choice.headline_rank if picked is not None else None,
            "headline_edited": int(picked is None or picked.strip() != choice.headline.strip()),
            "lead": choice.lead.strip(),
            "lead_engine": choice.engine if offered is not None else None,
            "lead_edited": int(offered is None or offered.summary.strip() != choice.lead.strip()),
            "idempotency_key": key,
        }
        if not row["headline"] or not row["lead"]:
            raise StoreError("Vælg eller skriv både en rubrik og et lead, før du gemmer.")
        names = ", ".join(row)
        marks = ", ".join(f":{key}" for key in row)
        try:
            with self._lock:
                row_id = self._keyed(user, key)
                if row_id is None:
                    try:
                        cursor = self._writer.execute(f"INSERT INTO choices ({names}) VALUES ({marks})", row)
                        row_id = int(cursor.lastrowid)
                    except sqlite3.IntegrityError:  # another process saved the same key a moment ago
                        row_id = self._keyed(user, key)
                        if row_id is None:
                            raise
        except sqlite3.Error as error:
            raise StoreError(_message(error, self.path)) from None
        return self.get(row_id)

    def _keyed(self, user: str, key: str | None) -> int | None:
        if key is None:
            return None
        found = self._writer.execute("SELECT id FROM choices WHERE user = ? AND idempotency_key = ?",
                                     (user, key)).fetchone()  # fmt: skip
        return int(found[0]) if found else None

    def find_key(self, user: str | None, key: str | None) -> Saved | None:
        """The row that `user` already saved with idempotency `key`, if any (None for no key)."""
        key = _key(key)
        if key is None:
            return None
        rows = self._query("SELECT * FROM choices WHERE user = ? AND idempotency_key = ?", (user or "anonym", key))
        return rows[0] if rows else None

    def get(self, row_id: int) -> Saved:
        rows = self._query("SELECT * FROM choices WHERE id = ?", (int(row_id),))
        if not rows:
            raise StoreError(f"Valg nr. {row_id} findes ikke.")
        return rows[0]

    def recent(self, query: str = "", limit: int = 100) -> list[Saved]:
        """The newest saves first; `query` searches headline, lead, text and user (case-insensitive, æ/ø/å too)."""
        if query.strip():
            needle = query.strip().casefold()
            return self._query(
                "SELECT * FROM choices WHERE instr(fold(headline), ?1) OR instr(fold(lead), ?1) "
                "OR instr(fold(input_text), ?1) OR instr(fold(user), ?1) ORDER BY id DESC LIMIT ?2",
                (needle, limit),
            )
        return self._query("SELECT * FROM choices ORDER BY id DESC LIMIT ?", (limit,))

    def count(self) -> int:
        try:
            with self._reader() as connection:
                return int(connection.execute("SELECT COUNT(*) FROM choices").fetchone()[0])
        except sqlite3.Error as error:
            raise StoreError(_message(error, self.path)) from None

    def _reader(self) -> sqlite3.Connection:
        return _Closing(self._connect())

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[Saved]:
        try:
            with self._reader() as connection:
                connection.row_factory = sqlite3.Row
                return [_saved(row) for row in connection.execute(sql, params).fetchall()]
        except sqlite3.Error as error:
            raise StoreError(_message(error, self.path)) from None

    def close(self) -> None:
        with self._lock:
            self._writer.close()


class _Closing:
    """``with`` for a connection that closes it (sqlite3's own ``with`` only commits)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc: object) -> None:
        self.connection.close()


def _saved(row: sqlite3.Row) -> Saved:
    data = dict(row)
    data["candidates"] = [Candidates(**c) for c in json.loads(data["candidates"])]
    data["headline_edited"] = bool(data["headline_edited"])
    data["lead_edited"] = bool(data["lead_edited"])
    return Saved(**data)


def _key(key: str | None) -> str | None:
    """A caller's idempotency key, trimmed; None for none. Raises `StoreError` for one too long to keep."""
    if key is None:
        return None
    key = str(key).strip()
    if len(key) > MAX_KEY_CHARS:
        raise StoreError(f"Idempotensnøglen er på {len(key)} tegn; højst {MAX_KEY_CHARS} tegn. Valget er ikke gemt.")
    return key or None


def _unwritable(error: BaseException) -> bool:
    text = str(error).lower()
    return any(word in text for word in ("readonly", "read-only", "permission", "unable to open"))


def _message(error: BaseException, path: Path) -> str:
    if isinstance(error, OSError):  # the folder cannot be made: a file in the way, no permission
        return f"Databasen {path} kan ikke skrives ({error.strerror}); tjek stien (--db / DESK_DB) og rettigheder."
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return f"Databasen {path.name} er optaget lige nu; dit valg er ikke gemt endnu. Prøv igen om lidt."
    if _unwritable(error):
        return f"Databasen {path} kan ikke skrives; dit valg er ikke gemt. Tjek stien (--db / DESK_DB) og rettigheder."
    return f"Databasen {path.name} kunne ikke bruges ({' '.join(str(error).split())}); dit valg er ikke gemt."


# --------------------------------------------------------------------------- export


def training_record(saved: Saved) -> dict[str, Any]:
    """One saved choice as a DaNewsroom record: ``title`` the chosen headline, ``summary`` the chosen lead.

    ``published`` is the time it was saved on the newsroom's clock (Copenhagen), with its offset: ISO 8601, exact.
    """
    return {
        "id": f"desk-{saved.id}",
        "title": saved.headline,
        "summary": saved.lead,
        "text": saved.body,
        "site": "nyhedsdesken",
        "published": newsroom_iso(saved.saved_at),
        "user": saved.user,
        "engine": saved.headline_engine or saved.lead_engine,
        "headline_edited": saved.headline_edited,
        "lead_edited": saved.lead_edited,
    }


def newsroom_iso(saved_at: str) -> str:
    """A stored UTC time as ISO 8601 on the newsroom's clock: ``2026-07-01T12:00:00+02:00``."""
    when = datetime.fromisoformat(saved_at)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(ZoneInfo(NEWSROOM_ZONE)).isoformat(timespec="seconds")


def export_jsonl(rows: list[Saved], path: str | os.PathLike[str]) -> Path:
    """The choices as JSONL training data (one DaNewsroom record a line, oldest first)."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for saved in sorted(rows, key=lambda row: row.id):
            handle.write(json.dumps(training_record(saved), ensure_ascii=False) + "\n")
    return path


#: The CSV export's columns: the training record's fields.
CSV_FIELDS = ("id", "title", "summary", "text", "site", "published", "user", "engine", "headline_edited",
              "lead_edited")  # fmt: skip


def export_csv(rows: list[Saved], path: str | os.PathLike[str]) -> Path:
    """The same records as CSV for Danish Excel: semicolons, UTF-8 with a byte-order mark (so Excel splits the
    columns and shows æ, ø, å), the time as Copenhagen wall-clock time (``2026-07-01 12:00:00``), yes/no as ja/nej.

    Every cell goes through `csv_cell`: wire copy is outside input, and a headline starting with ``=``
    (``=HYPERLINK(…)``) must stay text, not become a formula when the file is opened in a spreadsheet.
    The project's readers (`summarizer.wire`, `eval.data`) find the semicolon themselves.
    """
    path = Path(path)
    with path.open("w", encoding=CSV_ENCODING, newline="") as handle:
        writer = danish_csv_writer(handle)
        writer.writerow(CSV_FIELDS)
        for saved in sorted(rows, key=lambda row: row.id):
            record = training_record(saved)
            record["published"] = local_time(saved.saved_at, seconds=True)
            writer.writerow([csv_cell(_cell(record[name])) for name in CSV_FIELDS])
    return path


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return "" if value is None else value
