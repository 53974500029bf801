"""The desk end to end: `python app.py` in a subprocess, driven by a real headless Chromium and by
gradio_client, with every request that does not go to 127.0.0.1 blocked and recorded.

Set DESK_UPDATE_SCREENSHOT=1 to also write the screenshot to docs/desk.png.
"""

from __future__ import annotations

import csv
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import CHROMIUM
from test_app_handlers import ARTICLES

from summarizer import engines
from summarizer.danish import DANISH_STOPWORDS, ENGLISH_STOPWORDS
from summarizer.messages import engine_name

ROOT = Path(__file__).resolve().parent.parent
AARHUS = ROOT / "data" / "samples" / "plain" / "cykelstier-aarhus.txt"
AVAILABLE = [info.name for info in engines.engine_status() if info.available]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian chromium is not installed at /usr/bin/chromium (./scripts/setup.sh --test installs it)",
    ),
]

BATCH_ROWS = ARTICLES  # three short Danish stories with real titles and leads (written for the tests)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RunningApp:
    def __init__(self, url: str, log: Path, started_in: float) -> None:
        self.url, self.log, self.started_in = url, log, started_in


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """`python app.py` on a free port, given by DESK_PORT (the flag is covered by the unit tests)."""
    port = _free_port()
    log = tmp_path_factory.mktemp("desk") / "app.log"
    env = {**os.environ, "DESK_PORT": str(port), "DESK_HOST": "127.0.0.1", "PYTHONUNBUFFERED": "1",
           "DESK_DB": str(log.parent / "desk.sqlite3")}  # fmt: skip
    env.pop("GRADIO_ANALYTICS_ENABLED", None)  # app.py must switch analytics off by itself
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"app.py exited with {process.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.perf_counter() - started > 90:
                pytest.fail(f"app.py did not answer on {url} within 90 s:\n{log.read_text()}")
            time.sleep(0.3)
        yield RunningApp(url, log, time.perf_counter() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Page:
    """A fresh page that lets through only 127.0.0.1 (and data:/blob:) and records everything else."""

    def __init__(self, browser: object, app: RunningApp, tmp_path: Path) -> None:
        self.outside: list[str] = []
        self.local: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": 1440, "height": 1000}, accept_downloads=True, locale="da-DK"
        )
        self.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.url.rstrip("/"))
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(app.url)
        self.page.wait_for_selector("#desk-run", timeout=30_000)

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            self.local.append(url)
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.outside.append(url)
            route.abort()  # type: ignore[attr-defined]


@pytest.fixture
def page(browser: object, app: RunningApp, tmp_path: Path) -> Iterator[Page]:
    wrapped = Page(browser, app, tmp_path)
    yield wrapped
    wrapped.context.close()


def test_app_starts_once_and_says_which_engines_are_available(app: RunningApp) -> None:
    log = app.log.read_text()
    assert log.count("Nyhedsdesken — motorer:") == 1
    for name in AVAILABLE:
        assert f"  {name:<11} {engine_name(name)}: klar" in log
    assert "eksempler og" in log
    assert app.started_in < 60


def test_pasted_sample_gives_summary_headlines_and_rouge_per_engine_offline(page: Page, tmp_path: Path) -> None:
    p = page.page
    p.locator("#desk-text textarea").fill(AARHUS.read_text(encoding="utf-8"))
    p.click("#desk-run")
    p.wait_for_selector("#desk-output section.card", timeout=60_000)
    cards = p.locator("#desk-output section.card")
    assert cards.count() == len(AVAILABLE)
    for index, name in enumerate(AVAILABLE):
        card = cards.nth(index)
        assert card.get_attribute("data-engine") == name
        assert card.locator("h3").inner_text().strip().lower() == engine_name(name).lower()  # the Danish name
        assert card.locator("p.summary").inner_text().strip()
        assert card.locator("ol.headlines li").count() >= 3
        # ROUGE and its signature are details: folded away until asked for.
        assert not card.locator("table.rouge").is_visible()
        card.locator("details.details summary").click()
        assert card.locator("table.rouge").is_visible()
        assert "ROUGE-2" in card.locator("table.rouge").inner_text()
        assert "rouge" in card.locator("code.signature").inner_text()
        card.locator("details.details summary").click()
    real = p.locator("#desk-output dl.real").inner_text()
    assert "Aarhus vil bruge 145 millioner på cykelstier" in real
    shared = p.locator("#desk-output span.shared").all_inner_texts()  # content words shared with the real lead
    assert shared and not {word.lower() for word in shared} & {"og", "at", "har", "på", "i", "en", "til"}

    # The copy button puts the plain summary on the clipboard.
    first_summary = cards.nth(0).locator("p.summary").inner_text().strip()
    cards.nth(0).locator(".block-head button.copy").first.click()
    p.wait_for_function("() => document.querySelector('#desk-output button.copy.done') !== null")
    assert p.evaluate("() => navigator.clipboard.readText()").strip() == first_summary

    # One card per engine, with the pick in place: a click on a headline puts it in that card's edit box.
    name = AVAILABLE[-1]
    second = p.locator(f'#choose-{name} li[data-rank="1"]')
    second.locator(".text").click()
    box = p.locator(f"#choose-{name}-headline textarea, #choose-{name}-headline input").first
    want = second.locator(".text").inner_text().strip()
    p.wait_for_function("([el, want]) => el.value === want", arg=[box.element_handle(), want])
    assert "picked" in (second.get_attribute("class") or "")
    assert p.locator("#desk-choose").count() == 0  # no second list of the same headlines under the cards
    box.fill(want + " i 2030")  # as an editor edits it, for the screenshot
    p.mouse.move(0, 0)
    p.wait_for_function("() => !document.querySelector('#desk-output button.copy.done')")

    shot = tmp_path / "desk.png"
    p.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("DESK_UPDATE_SCREENSHOT"):
        (ROOT / "docs").mkdir(exist_ok=True)
        p.screenshot(path=str(ROOT / "docs" / "desk.png"), full_page=True)

    assert page.outside == [], f"the page asked for outside resources: {page.outside}"
    assert any("/gradio_api/" in url for url in page.local)
    assert page.errors == []
    # The blocker really blocks: an outside request from the page is refused and recorded.
    probe = "https://fonts.googleapis.com/css2?family=Inter"
    refused = p.evaluate("url => fetch(url).then(() => 'ok', () => 'refused')", probe)
    assert refused == "refused" and page.outside == [probe]


#: A story whose lead runs into a dash-led quote with no speaker: the editor's check has something to say.
QUOTE_STORY = (
    "Svømmehallen i Hadsten lukker ved nytår, fordi taget er utæt.\n\n"
    "- Det er en stor sorg for byen og for klubberne.\n\n"
    "Foreningen vil nu samle underskrifter mod lukningen.\n\n"
    "Byrådet behandler sagen igen i januar."
)


def test_the_desk_shows_a_problem_beside_the_suggestion_it_belongs_to(page: Page) -> None:
    p = page.page
    p.locator("#desk-text textarea").fill(QUOTE_STORY)
    p.click("#desk-run")
    p.wait_for_selector("#desk-output section.card", timeout=60_000)
    lead_card = p.locator('#desk-output section.card[data-engine="lead"]')
    problem = lead_card.locator(".block p.summary + ul.problems li.problem")
    assert problem.count() >= 1
    assert "citat uden afsender" in problem.first.inner_text()
    assert problem.first.is_visible()
    assert page.errors == []


def test_bad_input_gives_a_friendly_message_in_the_page(page: Page, tmp_path: Path) -> None:
    p = page.page
    p.click("#desk-run")  # nothing pasted
    box = p.locator("#desk-output .error-box")
    box.wait_for(timeout=30_000)
    assert "ingen tekst at opsummere" in box.inner_text()

    picture = tmp_path / "billede.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    with p.expect_file_chooser() as chooser:
        p.click("#desk-upload")
    chooser.value.set_files(str(picture))
    notice = p.locator("#desk-notice .error-box")
    notice.wait_for(timeout=30_000)
    assert "Filen billede.png kunne ikke læses" in notice.inner_text()
    assert "Traceback" not in p.content()

    # One click on an example loads it, real headline and lead into their fields.
    p.locator("#desk-examples").get_by_text("Aarhus vil bruge 145 millioner på cykelstier").click()
    p.wait_for_function(
        "() => document.querySelector('#desk-real-headline textarea, #desk-real-headline input').value.length > 0"
    )
    assert p.locator("#desk-text textarea").input_value().startswith("Aarhus Kommune har mandag fremlagt")

    # Other copy pasted over the loaded file: its real headline and lead no longer apply.
    other = "Stormen Anna har lukket Storebæltsbroen for lette køretøjer. DMI varsler vindstød af orkanstyrke."
    p.locator("#desk-text textarea").fill(other)
    p.wait_for_function(
        "() => document.querySelector('#desk-real-headline textarea, #desk-real-headline input').value === ''"
    )
    assert "felterne med rigtig rubrik og lead er tømt" in p.locator("#desk-notice").inner_text()

    # Over 200,000 characters: a notice while pasting, and the cut is said again with the results.
    # (Long paragraphs: headless software-rendered Chromium lays out thousands of short lines slowly.)
    paragraph = " ".join([other] * 20)
    p.locator("#desk-text textarea").fill("\n\n".join([paragraph] * 110))
    p.get_by_text("kun de første 200.000 bliver brugt").wait_for(timeout=10_000)
    p.click("#desk-run")
    p.locator("#desk-output section.card").first.wait_for(timeout=60_000)
    assert "de første 200.000 af" in p.locator("#desk-output .notice").inner_text()  # the library's notice
    assert "bliver brugt" not in p.locator("#desk-notice").inner_text()  # the one while pasting gave way to it
    assert page.outside == []
    assert page.errors == []


ENGLISH_ARTICLE = (
    "The government announced on Monday that it will spend 2 billion kroner on new bicycle lanes across the country."
    "\n\nThe plan was presented by the transport minister, who said that the money would come from the green fund."
    "\n\nCritics say that the plan is not ambitious enough and that the lanes will take years to build."
)
BOILERPLATE_ONLY = "Artiklen fortsætter under annoncen\n\nLæs også: Sådan sparer du på varmen\n\n/ritzau/"
#: Gradio's own English words, were they on the page: footer, toasts, drop zone, page buttons.
GRADIO_ENGLISH = ("Use via API", "Built with Gradio", "Drop File Here", "Click to Upload", "Pages:")
GRADIO_ENGLISH_LINES = {"info", "warning", "error", "settings", "loading", "api"}
ENGLISH_WORDS = ENGLISH_STOPWORDS | {"text", "does", "look", "like", "danish", "reads", "tokens", "only", "cut",
                                     "input", "nothing", "left", "paste", "itself", "please", "file", "here"}


def page_text(p: object) -> str:
    """What the editor reads on the page, less the article's own words (its suggestions and real headline and lead,
    which are English when the article is): the words the desk itself puts there. Gradio's announcements for screen
    readers (``.sr-only``, 1 px and clipped: "Loading") are not on the page an editor sees."""
    return p.evaluate("""() => {
      const own = document.querySelectorAll('#desk-output p.summary, #desk-output ol.headlines li .text, '
        + '#desk-output dl.real dd, #desk-output .flags li, #desk-examples, .sr-only');
      own.forEach((el) => { el.style.visibility = 'hidden'; });
      const text = document.body.innerText;
      own.forEach((el) => { el.style.visibility = ''; });
      return text;
    }""")  # type: ignore[attr-defined]


def english_lines(text: str) -> list[str]:
    """Lines that read as English: a word list check, as `looks_danish` does (quoted »…« copy left out)."""
    found = []
    for line in text.splitlines():
        line = re.sub(r"»[^«]*«", "", line).strip()
        words = re.findall(r"[a-zæøå]+", line.lower())
        english = sum(word in ENGLISH_WORDS for word in words)
        danish = sum(word in DANISH_STOPWORDS for word in words)
        if (english >= 2 and english > danish) or line.lower() in GRADIO_ENGLISH_LINES:
            found.append(line)
    found += [phrase for phrase in GRADIO_ENGLISH if phrase in text]
    return found


def test_each_notice_is_shown_once_in_danish_and_no_english_sentence_is_on_the_page(page: Page) -> None:
    p = page.page
    text_box = p.locator("#desk-text textarea")

    # An English article: the desk says once, in Danish, that it does not look Danish; nothing else is English.
    text_box.fill(ENGLISH_ARTICLE)
    p.click("#desk-run")
    p.locator("#desk-output section.card").first.wait_for(timeout=60_000)
    p.locator("#desk-output .notice").get_by_text("ligner ikke dansk").wait_for(timeout=30_000)
    shown = page_text(p)
    assert shown.count("ligner ikke dansk") == 1, shown[:3000]
    assert english_lines(shown) == [], english_lines(shown)

    # Only boilerplate: a visible Danish message, once, and no "real headline" taken from it.
    text_box.fill(BOILERPLATE_ONLY)
    p.click("#desk-run")
    box = p.locator("#desk-output .error-box")
    box.wait_for(timeout=60_000)
    shown = page_text(p)
    assert "kun standardtekst" in box.inner_text() and shown.count("kun standardtekst") == 1
    assert "Rigtig rubrik (fundet" not in shown and p.locator("#desk-output section.card").count() == 0
    assert english_lines(shown) == [], english_lines(shown)

    # A 2 MB paste, with a long unbroken string in its first sentence: the cut is said once (not by the paste
    # notice, the results and every card), and the string wraps inside its card.
    url = "https://www.dmi.dk/varsler/" + "storm" * 80
    first = f"Stormen Anna har lukket Storebæltsbroen, oplyser DMI på {url} søndag aften."
    paragraph = " ".join(["DMI varsler vindstød af orkanstyrke langs hele Vestkysten i nat."] * 30)
    big = "\n\n".join([first, *[paragraph] * 1100])[:2_000_000]
    assert len(big) == 2_000_000
    text_box.fill(big)
    p.get_by_text("kun de første 200.000 bliver brugt").wait_for(timeout=30_000)
    p.click("#desk-run")
    p.locator("#desk-output section.card").first.wait_for(timeout=180_000)
    p.locator("#desk-output .notice").get_by_text("200.000").wait_for(timeout=30_000)
    shown = page_text(p)
    assert shown.count("200.000") == 1, shown[:3000]
    assert english_lines(shown) == [], english_lines(shown)
    assert url in p.locator("#desk-output section.card p.summary").first.inner_text()
    cards = p.locator("#desk-cards > .engine-card")
    boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
    for card, (left, right) in zip(range(cards.count()), zip(boxes, boxes[1:] + [None], strict=True), strict=True):
        inner = cards.nth(card).evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert inner[0] <= inner[1] + 1, inner  # nothing spills out of the card
        if right is not None:
            assert left["x"] + left["width"] <= right["x"] + 1
    assert page.errors == []


def test_batch_upload_shows_the_table_rouge_and_downloads(page: Page, tmp_path: Path) -> None:
    data = tmp_path / "arkiv.jsonl"
    data.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in BATCH_ROWS) + "\n", encoding="utf-8")
    p = page.page
    p.get_by_role("tab", name="Mange artikler (batch)").click()
    p.set_input_files("#batch-file input[type=file]", str(data))
    p.get_by_text("arkiv.jsonl").first.wait_for(timeout=30_000)
    p.click("#batch-run")
    p.locator("#batch-csv").wait_for(state="visible", timeout=60_000)

    summary_line = p.locator("#batch-info .batch-summary").inner_text()
    assert summary_line.startswith(f"3 artikler × {len(AVAILABLE)} motor")
    table = p.locator("#batch-table").inner_text()
    for row in BATCH_ROWS:
        assert row["title"] in table
    rouge = p.locator("#batch-rouge")
    assert rouge.is_visible() and "rigtigt lead" in rouge.inner_text() and "ROUGE-L" in rouge.inner_text()

    with p.expect_download() as download:
        p.click("#batch-csv")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith(".csv")
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")  # CSV for Danish Excel: the BOM, and semicolons
    with saved.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert len(rows) == 3 * len(AVAILABLE)
    assert {row["id"] for row in rows} == {"a1", "a2", "a3"}
    assert all(row["summary"] and row["headline"] for row in rows)

    with p.expect_download() as download:
        p.click("#batch-jsonl")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 * len(AVAILABLE) and json.loads(lines[0])["engine"] == AVAILABLE[0]
    assert page.outside == []
    assert page.errors == []


def test_named_api_endpoints_work_with_gradio_client(app: RunningApp, tmp_path: Path) -> None:
    from gradio_client import Client, handle_file

    client = Client(app.url, verbose=False, analytics_enabled=False, download_files=str(tmp_path))
    endpoints = client.view_api(return_format="dict", print_info=False)["named_endpoints"]
    assert {"/summarise", "/batch"} <= set(endpoints)

    result = client.predict(text=AARHUS.read_text(encoding="utf-8"), api_name="/summarise")
    assert [item["engine"] for item in result["results"]] == AVAILABLE
    assert result["real_lead"].startswith("Aarhus Kommune vil bruge 145 mio. kr.")
    for item in result["results"]:
        assert item["summary"] and len(item["headlines"]) >= 3
        assert 0 <= item["rouge_lead"]["rouge1"]["fmeasure"] <= 1

    empty = client.predict(text="", api_name="/summarise")
    assert empty["results"] == [] and "ingen tekst" in empty["error"]

    data = tmp_path / "api.jsonl"
    data.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in BATCH_ROWS), encoding="utf-8")
    info, table, rouge, csv_file, jsonl_file = client.predict(
        handle_file(str(data)), ["lead"], 3, 35, 70, api_name="/batch"
    )
    assert "3 artikler" in info
    assert len(table["data"]) == 3
    assert rouge["data"][0][:2] == ["Første sætninger", "rigtigt lead"]
    assert len(Path(jsonl_file).read_text(encoding="utf-8").splitlines()) == 3
    assert Path(csv_file).name == "api-resultater.csv"


def test_several_editors_at_once_are_queued_and_the_page_stays_responsive(app: RunningApp) -> None:
    from gradio_client import Client

    client = Client(app.url, verbose=False, analytics_enabled=False)
    text = AARHUS.read_text(encoding="utf-8")
    jobs = [client.submit(text=text, engines=["lead"], api_name="/summarise") for _ in range(8)]

    def page_load() -> float:
        started = time.perf_counter()
        with urllib.request.urlopen(app.url, timeout=10) as response:
            assert response.status == 200
        return time.perf_counter() - started

    with ThreadPoolExecutor(4) as pool:
        load_times = list(pool.map(lambda _: page_load(), range(4)))
    results = [job.result(timeout=120) for job in jobs]
    assert all(r["results"][0]["summary"] for r in results)
    assert max(load_times) < 5, load_times
