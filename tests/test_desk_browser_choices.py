"""The desk in a newsroom, in a real headless Chromium: log in, pick, edit, save, find it in Historik,
export it as training data; a Ritzau feed's items to pick from; the `/save` API.

`python app.py --auth FILE --db FILE` runs in a subprocess for the whole module.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM
from test_app_browser import _free_port
from test_app_handlers import WIRE

from desk import auth
from desk.store import Store
from eval import choices
from eval.data import load as load_dataset
from summarizer.results import local_time
from summarizer.wire import iter_articles

ROOT = Path(__file__).resolve().parent.parent
FEED = ROOT / "data/samples/ritzau-feed/webservice-feed.xml"
PASSWORD = "rødgrød med fløde"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
]


class Desk:
    def __init__(self, url: str, db: Path, log: Path) -> None:
        self.url, self.db, self.log = url, db, log


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    folder = tmp_path_factory.mktemp("desk-auth")
    users = folder / "brugere.txt"
    auth.set_user(users, "mette", PASSWORD)
    db, log, port = folder / "valg.sqlite3", folder / "app.log", _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "app.py", "--port", str(port), "--auth", str(users), "--db", str(db)]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"app.py exited with {process.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                pass
            if time.perf_counter() - started > 90:
                pytest.fail(f"app.py did not answer within 90 s:\n{log.read_text()}")
            time.sleep(0.3)
        yield Desk(url, db, log)
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture
def page(browser: object, desk: Desk) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True, locale="da-DK")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(desk.url)
    yield page
    context.close()
    assert errors == []


def log_in(page: object, user: str, password: str) -> None:
    page.wait_for_selector("input[type=password]", timeout=30_000)
    page.locator("input[type=text], input:not([type])").first.fill(user)
    page.locator("input[type=password]").fill(password)
    page.get_by_role("button", name="Login").click()


def test_the_desk_asks_for_a_login_and_refuses_a_wrong_password(page: object, desk: Desk) -> None:
    assert "3 brugere" not in desk.log.read_text() and "1 bruger fra" in desk.log.read_text()
    log_in(page, "mette", "forkert kodeord")
    page.get_by_text("Incorrect Credentials").wait_for(timeout=15_000)
    assert page.locator("#desk-run").count() == 0
    log_in(page, "mette", PASSWORD)
    page.wait_for_selector("#desk-run", timeout=30_000)


def test_pick_edit_save_find_in_historik_export_and_open_again(page: object, desk: Desk, tmp_path: Path) -> None:
    log_in(page, "mette", PASSWORD)
    page.wait_for_selector("#desk-run", timeout=30_000)
    page.locator("#desk-text textarea").fill(WIRE)
    page.click("#desk-run")
    panel = page.locator("#choose-extractive")
    panel.wait_for(state="visible", timeout=60_000)
    # The headlines are picked in the card itself: a click on one, and it is in the card's edit box.
    options = panel.locator("li[data-rank]")
    assert options.count() >= 3
    second = options.nth(1).locator(".text").inner_text().strip()
    options.nth(1).locator(".text").click()
    headline = page.locator("#choose-extractive-headline textarea, #choose-extractive-headline input").first
    page.wait_for_function("([el, want]) => el.value === want", arg=[headline.element_handle(), second])
    headline.fill(second + " i 2026")  # edited in place
    lead = page.locator("#choose-extractive-lead textarea")
    assert lead.input_value().strip()
    lead.fill("Kommunerne får 300 mio. kr. ekstra om året til ældreplejen.")
    page.click("#choose-extractive-save")
    status = page.locator("#choose-extractive-status")
    status.get_by_text("Gemt som valg nr. 1").wait_for(timeout=30_000)
    saved = Store(desk.db).get(1)
    # The time as the newsroom's clock shows it (Copenhagen), not UTC.
    assert f"rubrik rettet, lead rettet; mette, {local_time(saved.saved_at)})" in status.inner_text()
    assert "UTC" not in status.inner_text()
    assert (saved.user, saved.headline, saved.headline_engine, saved.headline_rank) == (
        "mette", second + " i 2026", "extractive", 1)  # fmt: skip
    assert saved.input_text.strip() == WIRE.strip() and {c.engine for c in saved.candidates} >= {"lead", "extractive"}

    page.get_by_role("tab", name="Historik").click()
    table = page.locator("#history-table")
    table.get_by_test_id("cell-0-4").get_by_text(second + " i 2026").wait_for(timeout=30_000)
    assert "mette" in table.inner_text()
    page.locator("#history-search textarea, #history-search input").first.fill("ældreplejen")
    page.click("#history-refresh")
    page.locator("#history-info").get_by_text("1 gemt valg med »ældreplejen«").wait_for(timeout=30_000)
    row = table.get_by_test_id("cell-0-1")
    assert row.inner_text().strip() == local_time(saved.saved_at)  # Copenhagen time
    assert "UTC" not in table.inner_text()

    page.click("#history-export")
    page.locator("#history-jsonl").wait_for(state="visible", timeout=30_000)
    with page.expect_download() as download:
        page.click("#history-jsonl")
    exported = tmp_path / "valg.jsonl"
    download.value.save_as(exported)
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert records[0]["title"] == second + " i 2026" and records[0]["user"] == "mette"
    assert [a.headline for a in iter_articles(exported)] == [second + " i 2026"]
    assert [e.summary for e in load_dataset(exported).examples] == [
        "Kommunerne får 300 mio. kr. ekstra om året til ældreplejen."]  # fmt: skip

    with page.expect_download() as download:
        page.click("#history-csv")
    exported_csv = tmp_path / "valg.csv"
    download.value.save_as(exported_csv)
    assert exported_csv.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM: Danish Excel reads it as UTF-8
    with exported_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))  # and semicolons: Danish Excel splits the columns
    header, first = rows[0], rows[1]
    assert first[header.index("title")] == second + " i 2026"
    assert first[header.index("published")] == local_time(saved.saved_at, seconds=True)

    page.get_by_role("tab", name="Én artikel").click()
    page.click("#desk-clear")
    text = page.locator("#desk-text textarea")
    page.wait_for_function("el => el.value === ''", arg=text.element_handle())
    # Historik: a click on a row opens that choice; "Åbn igen" then puts it back on the desk.
    page.get_by_role("tab", name="Historik").click()
    page.locator("#history-search textarea, #history-search input").first.fill("")
    page.click("#history-refresh")
    table.get_by_test_id("cell-0-4").get_by_text(second + " i 2026").click()
    detail = page.locator("#history-detail")
    detail.get_by_text("Valg nr. 1").wait_for(timeout=30_000)
    assert "Kommunerne får 300 mio. kr. ekstra om året til ældreplejen." in detail.inner_text()  # the whole lead
    assert "Udvalgte sætninger, forslag nr. 2, rettet" in detail.inner_text()
    page.wait_for_function("el => el.value === '1'", arg=page.locator("#history-nr input").element_handle())
    page.click("#history-open")
    text.wait_for(state="visible", timeout=30_000)  # back on the desk tab
    page.wait_for_function("el => el.value.includes('ældreplejen')", arg=text.element_handle())
    assert "Traceback" not in page.content()


def test_statistik_counts_what_the_editors_picked_after_three_saves(page: object, desk: Desk) -> None:
    log_in(page, "mette", PASSWORD)
    page.wait_for_selector("#desk-run", timeout=30_000)
    before = Store(desk.db).count()
    page.locator("#desk-text textarea").fill(WIRE)
    page.click("#desk-run")
    page.locator("#choose-lead").wait_for(state="visible", timeout=60_000)
    # Three saves: lead's first headline as offered, extractive's third as offered, extractive's second edited.
    page.click("#choose-lead-save")
    page.locator("#choose-lead-status").get_by_text(f"Gemt som valg nr. {before + 1}").wait_for(timeout=30_000)
    for rank, extra in ((2, ""), (1, " – nu med flere penge")):
        page.locator(f'#choose-extractive li[data-rank="{rank}"] .text').click()
        want = page.locator(f'#choose-extractive li[data-rank="{rank}"] .text').inner_text().strip()
        box = page.locator("#choose-extractive-headline textarea, #choose-extractive-headline input").first
        page.wait_for_function("([el, want]) => el.value === want", arg=[box.element_handle(), want])
        if extra:
            box.fill(want + extra)
        page.click("#choose-extractive-save")
        page.locator("#choose-extractive-status").get_by_text("Gemt som valg nr.").wait_for(timeout=30_000)
        page.wait_for_function("n => document.querySelector('#choose-extractive-status').innerText.includes(n)",
                               arg=f"nr. {before + (2 if not extra else 3)} ")  # fmt: skip
    assert Store(desk.db).count() == before + 3

    page.get_by_role("tab", name="Statistik").click()
    info = page.locator("#stats-info")
    info.get_by_text(f"{before + 3} gemte valg").wait_for(timeout=30_000)
    # The same counts as `python -m eval choices` on the same database.
    stats = choices.count(choices.read(desk.db))
    table = page.locator("#stats-engines")
    for index, row in enumerate(choices.engine_rows(stats)):
        for column in (0, 1, 3):  # engine, headlines picked, ranks
            cell = table.get_by_test_id(f"cell-{index}-{column}")
            assert cell.inner_text().strip() == str(row[column])
    extractive = next(r for r in stats.engines if r.engine == "extractive")
    assert extractive.ranks.get(3, 0) >= 1 and extractive.mean_edits is not None
    assert page.locator("#stats-chart img").get_attribute("src").startswith("data:image/png;base64,")
    assert page.locator("#stats-periods").get_by_text(local_time(Store(desk.db).get(before + 3).saved_at)[:10]).count()


def test_an_uploaded_ritzau_feed_lists_its_items_to_pick_from(page: object, desk: Desk) -> None:
    log_in(page, "mette", PASSWORD)
    page.wait_for_selector("#desk-run", timeout=30_000)
    with page.expect_file_chooser() as chooser:
        page.click("#desk-upload")
    chooser.value.set_files(str(FEED))
    items = page.locator("#desk-items")
    items.wait_for(state="visible", timeout=30_000)
    text = page.locator("#desk-text textarea")
    page.wait_for_function("el => el.value.includes('Filosofgangen')", arg=text.element_handle())
    assert "Filen har 3 artikler" in page.locator("#desk-notice").inner_text()
    items.locator("input").click()
    page.get_by_role("option", name="3. Æblehøsten i Sønderjylland blev den største i ti år").click()
    page.wait_for_function("el => el.value.includes('5200 ton')", arg=text.element_handle())
    headline = page.locator("#desk-real-headline textarea, #desk-real-headline input").first
    assert headline.input_value() == "Æblehøsten i Sønderjylland blev den største i ti år"


def test_an_upload_over_the_limit_gets_a_danish_message_and_the_text_stays(page: object, tmp_path: Path) -> None:
    log_in(page, "mette", PASSWORD)
    page.wait_for_selector("#desk-run", timeout=30_000)
    page.locator("#desk-text textarea").fill(WIRE)
    big = tmp_path / "stor.txt"
    big.write_text("Ærø får en ny færge til 300 mio. kr. " * 300_000, encoding="utf-8")  # 11,7 MB, limit 10 MB
    assert "højst 10 MB" in page.locator("#desk-upload").inner_text()
    with page.expect_file_chooser() as chooser:
        page.click("#desk-upload")
    chooser.value.set_files(str(big))
    box = page.locator("#desk-notice .error-box")
    box.wait_for(timeout=60_000)
    assert "stor.txt er på 11,7 MB; grænsen for uploads er 10 MB" in box.inner_text()
    assert page.locator("#desk-text textarea").input_value() == WIRE


def test_the_save_endpoint_keeps_a_choice_for_the_logged_in_user(desk: Desk) -> None:
    from gradio_client import Client

    client = Client(desk.url, auth=("mette", PASSWORD), verbose=False, analytics_enabled=False)
    result = client.predict(text=WIRE, engine="lead", headline="Ældreplejen får 300 mio. kr.",
                            lead="Kommunerne får flere penge.", api_name="/save")  # fmt: skip
    assert result["user"] == "mette" and result["headline_edited"] is True and result["id"] >= 1
    bad = client.predict(text=WIRE, engine="lead", headline="", lead="", api_name="/save")
    assert "både en rubrik og et lead" in bad["error"]
    with pytest.raises(Exception):  # noqa: B017 (gradio_client's own error class for a refused login)
        Client(desk.url, auth=("mette", "forkert kodeord"), verbose=False, analytics_enabled=False)
