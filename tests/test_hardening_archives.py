"""Issue 28, item 2: archives are bounded as a whole and streamed; the desk's batch and uploads hold.

The two bombs that took the desk down (200 bzip2 members unpacking to 8,9 GB; one 2 GB JSONL line in
a 563 KB ZIP) are rebuilt here at a scale that runs in seconds, against bounds lowered for the test.
"""

from __future__ import annotations

import csv
import json
import tracemalloc
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from desk import handlers, render
from desk.handlers import BatchResult, files, run_batch
from summarizer import api
from summarizer.article import Article
from summarizer.errors import SummarizerError
from summarizer.results import ResultLine
from summarizer.summary import Summary
from summarizer.wire import bounds, count_items, iter_articles
from summarizer.wire.bounds import BoundExceeded
from summarizer.wire.errors import WireError
from summarizer.wire.shards import plan_shards, read_shard

# Written for these tests.
STORY = ("Havnen i Hirtshals udvides for 300 mio. kr.\n\nArbejdet begynder i maj, oplyser havnen. "
         "Den nye kaj bliver 400 meter lang, og der kommer plads til større skibe.")  # fmt: skip
RECORD = {"title": "Havnen udvides", "summary": "Hirtshals Havn udvides for 300 mio. kr.", "text": STORY}


def _record(key: str, **extra: str) -> bytes:
    return (json.dumps({"id": key, **RECORD, **extra}, ensure_ascii=False) + "\n").encode()


def _ids(items: Iterable[Article | WireError]) -> list[str]:
    return [item.id if isinstance(item, Article) else f"FEJL {item.item_id}" for item in items]


def _peak(run: Iterator[object]) -> tuple[int, int]:
    """(items, peak bytes allocated by Python) while `run` is consumed."""
    tracemalloc.start()
    try:
        count = sum(1 for _ in run)
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _bzip2_bomb(path: Path, members: int, member_bytes: int) -> Path:
    """Many bzip2 members of repeated text: tiny on disk, `members * member_bytes` unpacked."""
    text = "Overskrift\n\n" + "Broen over fjorden åbner i morgen efter tre års arbejde. " * member_bytes
    text = text[:member_bytes]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_BZIP2) as archive:
        for number in range(members):
            archive.writestr(f"del-{number:03}.txt", text)
    return path


def _long_line_zip(path: Path, line_bytes: int) -> Path:
    """A ZIP of one JSONL member whose second line is `line_bytes` long, written without holding it."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open("feed.jsonl", "w") as member:  # fmt: skip
        member.write(_record("før"))
        member.write(b'{"id": "lang", "text": "')
        for _ in range(line_bytes // 1_000_000):
            member.write(b"a" * 1_000_000)
        member.write(b'"}\n')
        member.write(_record("efter"))
    return path


@pytest.fixture(scope="module")
def bzip2_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 bzip2 members of 50 kB each (10 MB unpacked) in a few kB, as the 8,9 GB one but smaller."""
    return _bzip2_bomb(tmp_path_factory.mktemp("bombe") / "bombe.zip", members=200, member_bytes=50_000)


@pytest.fixture
def low_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "MAX_ARCHIVE_MEMBERS", 50)
    monkeypatch.setattr(bounds, "MAX_ARCHIVE_BYTES", 2_000_000)
    monkeypatch.setattr(bounds, "MAX_LINE_BYTES", 1_000_000)


# ----------------------------------------------------------------------------- the library


def test_the_bzip2_bomb_stops_at_the_archives_byte_bound_naming_file_and_member(
    bzip2_bomb: Path, low_bounds: None
) -> None:
    bomb = bzip2_bomb
    assert bomb.stat().st_size < 100_000
    items = list(iter_articles(bomb))
    *articles, last = items
    assert all(isinstance(item, Article) for item in articles) and 36 <= len(articles) <= 40  # those before: kept
    assert isinstance(last, BoundExceeded) and last.item_id == f"bombe.zip:del-{len(articles):03}.txt"
    message = str(last)
    assert "bombe.zip" in message and f"del-{len(articles):03}.txt" in message and "2 MB" in message
    assert "arkivet" in message and "ikke læst" in message and "\n" not in message  # one Danish line
    assert count_items(bomb) == len(items)


def test_an_archive_with_too_many_members_is_read_up_to_the_bound(tmp_path: Path, low_bounds: None) -> None:
    bomb = tmp_path / "mange.zip"
    with zipfile.ZipFile(bomb, "w") as archive:
        for number in range(200):
            archive.writestr(f"n{number:03}.txt", STORY)
    items = list(iter_articles(bomb))
    assert len(items) == 51 and all(isinstance(item, Article) for item in items[:50])
    assert isinstance(items[50], BoundExceeded) and "mange.zip:n050.txt" in str(items[50])
    assert "flere end 50 filer" in str(items[50])
    assert count_items(bomb) == 51


def test_one_huge_jsonl_line_is_skipped_unheld_and_the_lines_around_it_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounds, "MAX_LINE_BYTES", 1_000_000)
    bomb = _long_line_zip(tmp_path / "linje.zip", 30_000_000)  # 30 MB of one line from about 30 kB
    assert bomb.stat().st_size < 200_000
    items: list[Article | WireError] = []
    count, peak = _peak(items.append(item) or item for item in iter_articles(bomb))  # type: ignore[func-returns-value]
    assert _ids(items) == ["før", "FEJL linje.zip:feed.jsonl:2", "efter"]
    message = str(items[1])
    assert "linje.zip:feed.jsonl:2" in message and "grænsen på 1 MB" in message and "sprunget over" in message
    assert peak < 8_000_000  # the line was read past in pieces, never held (it is 30 MB)
    assert count_items(bomb) == 3


def test_a_long_line_in_a_plain_jsonl_or_csv_file_is_an_error_for_that_line_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounds, "MAX_LINE_BYTES", 10_000)
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(_record("a") + _record("b", text="x" * 20_000) + _record("c"))
    assert _ids(iter_articles(feed)) == ["a", "FEJL feed.jsonl:2", "c"]
    table = tmp_path / "feed.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text"])
        writer.writerows([["a", "Kort", STORY], ["b", "Lang", "x" * 20_000], ["c", "Kort", STORY]])
    items = list(iter_articles(table))
    assert _ids(items) == ["a", "FEJL feed.csv:2", "c"]
    assert isinstance(items[1], BoundExceeded) and "feed.csv:2" in str(items[1])


def test_total_unpacked_bytes_stop_a_jsonl_member_mid_way_keeping_the_lines_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounds, "MAX_ARCHIVE_BYTES", 300_000)
    line = _record("x")
    archive_path = tmp_path / "arkiv.zip"
    with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.jsonl", b"".join(_record(f"a{n}") for n in range(3000)))
        archive.writestr("b.txt", STORY)
    items = list(iter_articles(archive_path))
    *articles, last = items
    assert all(isinstance(item, Article) for item in articles)
    assert 300_000 / len(line) - 200 < len(articles) < 300_000 / len(line)  # up to the bound, less a read-ahead
    assert isinstance(last, BoundExceeded) and "arkiv.zip:a.jsonl" in str(last) and "filen a.jsonl" in str(last)


def test_memory_does_not_grow_with_the_archive_it_is_streamed(tmp_path: Path) -> None:
    def archive(name: str, line_bytes: int) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            with zf.open("feed.jsonl", "w") as member:
                for number in range(400):
                    member.write(_record(f"n{number}", ekstra="x" * line_bytes))  # a field the reader leaves
            for number in range(20):
                zf.writestr(f"nyhed-{number}.txt", STORY + " Mere tekst." * (line_bytes // 12))
        return path

    small_count, small_peak = _peak(iter_articles(archive("lille.zip", 8_000)))  # about 3 MB unpacked
    big_count, big_peak = _peak(iter_articles(archive("stor.zip", 80_000)))  # about 34 MB unpacked
    assert small_count == big_count == 420
    assert big_peak < 2_000_000  # a line or a document at a time, however large the archive


def test_a_zip_inside_a_zip_is_refused_whatever_its_name(tmp_path: Path) -> None:
    inner = tmp_path / "inde.zip"
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("a.txt", STORY)
    outer = tmp_path / "ude.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(inner, "forklædt.txt")
        zf.writestr("b.txt", STORY)
    items = list(iter_articles(outer))
    assert _ids(items) == ["FEJL ude.zip:forklædt.txt", "ude.zip:b.txt"]


def test_a_shard_of_a_jsonl_file_with_a_huge_line_is_cut_and_read_within_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounds, "MAX_LINE_BYTES", 100_000)
    feed = tmp_path / "feed.jsonl"
    with feed.open("wb") as handle:
        for number in range(20):
            handle.write(_record(f"n{number}"))
        handle.write(b'{"id": "lang", "text": "' + b"a" * 3_000_000 + b'"}\n')
        handle.write(_record("sidst"))
    shards = plan_shards(feed, shard_bytes=2_000)
    assert len(shards) > 2
    items = [item for shard in shards for item in read_shard(shard)]
    assert _ids(items) == [*(f"n{n}" for n in range(20)), "FEJL feed.jsonl:21", "sidst"]


def test_a_parquet_file_is_bounded_like_an_archive_a_long_cell_and_a_dictionary_bomb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(bounds, "MAX_LINE_BYTES", 50_000)
    monkeypatch.setattr(bounds, "MAX_ARCHIVE_BYTES", 1_000_000)
    rows = [{"id": f"r{n}", "title": "Havnen udvides", "text": STORY} for n in range(40)]
    rows[3]["text"] = "x" * 60_000
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "celle.parquet", row_group_size=10)
    assert _ids(iter_articles(tmp_path / "celle.parquet")) == [
        *(f"r{n}" for n in range(3)), "FEJL celle.parquet:4", *(f"r{n}" for n in range(4, 40))
    ]  # fmt: skip
    # One 40 kB text repeated 5.000 times, stored once: tiny on disk, 200 MB as rows.
    text = pa.array([STORY * 250] * 5000).dictionary_encode()
    pq.write_table(pa.table({"id": [f"d{n}" for n in range(5000)], "text": text}), tmp_path / "bombe.parquet")
    assert (tmp_path / "bombe.parquet").stat().st_size < 200_000
    items = list(iter_articles(tmp_path / "bombe.parquet"))
    assert 20 <= len(items) <= 30 and all(isinstance(item, Article) for item in items[:-1])
    assert isinstance(items[-1], BoundExceeded) and f"bombe.parquet:{len(items)}" in str(items[-1])


# ----------------------------------------------------------------------------- the desk


def _fake_summaries(monkeypatch: pytest.MonkeyPatch, poison: str | None = None) -> list[int]:
    """The library's summarise_many replaced by a cheap stand-in (this is about reading, not summarising);
    the article whose body holds `poison` makes it raise, as an engine bug would. Returns the chunk sizes seen."""
    chunks: list[int] = []

    def fake(articles: list[Article], **options: object) -> Iterator[Summary]:
        chunks.append(len(articles))
        for article in articles:
            if poison and poison in article.body:
                raise RuntimeError("motoren gik i stå")
            yield Summary(summary=article.body[:40], headlines=["Rubrik"], engine=str(options["engine"]),
                          article=article)  # fmt: skip

    monkeypatch.setattr(api, "summarise_many", fake)  # what the batch chunk run calls (summarizer.batch)
    return chunks


def test_the_desk_batch_of_a_bzip2_bomb_keeps_the_articles_before_the_bound_and_says_why(
    bzip2_bomb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", 1_000_000)
    _fake_summaries(monkeypatch)
    result = run_batch(bzip2_bomb, ["lead", "extractive"])
    errors = [row for row in result.rows if row.error]
    assert len(errors) == 2 and {row.engine for row in errors} == {"lead", "extractive"}
    assert 16 <= result.n_articles - 1 <= 20 and result.n_errors == 2
    assert "bombe.zip" in errors[0].error and "del-" in errors[0].error and "1 MB" in errors[0].error
    assert any("bombe.zip:del-" in notice for notice in result.notices)
    assert "bombe.zip" in render.batch_summary_html(result)


def test_the_desk_batch_of_a_huge_jsonl_line_is_one_error_row_and_the_rest_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounds, "MAX_LINE_BYTES", 1_000_000)
    _fake_summaries(monkeypatch)
    result = run_batch(_long_line_zip(tmp_path / "linje.zip", 20_000_000), ["lead"])
    assert [(row.id, bool(row.error)) for row in result.rows] == [("før", False), ("#2", True), ("efter", False)]
    assert "linje.zip:feed.jsonl:2" in result.rows[1].error


def test_the_desk_batch_holds_one_chunk_not_the_whole_upload(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chunks = _fake_summaries(monkeypatch)

    def upload(name: str, lines: int) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("feed.jsonl", "w") as member:
            for number in range(lines):  # about 20 kB of body each; no real lead, so no ROUGE table to grow
                member.write(json.dumps({"id": f"n{number}", "text": STORY * 120}).encode() + b"\n")
        return path

    results: list[BatchResult] = []
    _, peak = _peak(results.append(run_batch(upload("stor.zip", 150), ["lead"])) for _ in range(1))  # type: ignore[func-returns-value]
    assert len(results[0].rows) == 150 and max(chunks) <= handlers.BATCH_CHUNK_ARTICLES
    assert peak < 2_000_000  # 3 MB of bodies, never all held at once


def test_a_lone_surrogate_in_one_item_is_replaced_with_a_warning_and_the_rest_run(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "s1", "title": "Aarhus", "text": "Aarhus Kommune vil bruge 145 mio. kr. på cykelstier \\ud800 '
        'i de næste fem år. Pengene kommer fra anlægspuljen."}\n' + _record("s2").decode(),
        encoding="utf-8",
    )  # fmt: skip
    result = run_batch(feed, ["lead"])
    assert [(row.id, row.error) for row in result.rows] == [("s1", None), ("s2", None)]
    assert "\ufffd" in result.rows[0].summary and any("s1" in w and "surrogat" in w for w in result.rows[0].warnings)
    handlers.write_jsonl(result, tmp_path / "ud.jsonl")
    handlers.write_csv(result, tmp_path / "ud.csv")
    assert len(handlers.table_rows(result)) == 2


def test_one_article_that_breaks_an_engine_is_its_own_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_summaries(monkeypatch, poison="GIFT")
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(_record("a") + _record("gift", text=STORY + " GIFT") + _record("c"))
    result = run_batch(feed, ["lead"])
    assert [(row.id, bool(row.error)) for row in result.rows] == [("a", False), ("gift", True), ("c", False)]
    assert "RuntimeError" in result.rows[1].error and "Traceback" not in result.rows[1].error


def test_the_batch_csv_neutralises_formula_cells_and_reads_back_to_the_same_text(tmp_path: Path) -> None:
    attacks = {
        "id": "@SUM(1+1)",
        "real_headline": '=HYPERLINK("http://angriber.example","Klik")',
        "real_lead": "=cmd|' /C calc'!A0",
        "summary": "+45 12 34 56 78 er nummeret",
        "error": "-2+3",
    }
    rows = [
        ResultLine(attacks["id"], "ok", "lead", real_headline=attacks["real_headline"], real_lead=attacks["real_lead"],
                   summary=attacks["summary"], headlines=["=1+1", "Almindelig rubrik"], item=0),
        ResultLine("ok-id", "error", "lead", error=attacks["error"], item=1),
        ResultLine("tab", "ok", "lead", summary="\tskjult", real_headline="Helt almindelig rubrik", item=2),
    ]  # fmt: skip
    path = handlers.write_csv(BatchResult(rows=rows, n_articles=3, engines=["lead"]), tmp_path / "ud.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle, delimiter=";"))  # CSV for Danish Excel
    for key, value in attacks.items():
        cell = table[1 if key == "error" else 0][key]
        assert cell == "'" + value  # neutralised: a spreadsheet shows text, not a formula
        assert cell[1:] == value  # and the text itself is intact
    assert table[0]["headlines"] == "'=1+1 | Almindelig rubrik"
    assert table[2]["summary"] == "'\tskjult" and table[2]["real_headline"] == "Helt almindelig rubrik"
    assert table[1]["id"] == "ok-id" and table[0]["item"] == "0"


def test_an_upload_error_names_the_file_not_the_servers_temp_path(tmp_path: Path) -> None:
    folder = tmp_path / "gradio" / "3f9c2e1d7a"
    folder.mkdir(parents=True)
    upload = folder / "nyhed.xml"
    upload.write_text("<nitf><body><body.content></body.content></body></nitf>", encoding="utf-8")
    with pytest.raises(SummarizerError) as caught:
        handlers.load_file(upload)
    message = str(caught.value)
    assert "nyhed.xml" in message and str(folder) not in message and "3f9c2e1d7a" not in message
    with pytest.raises(SummarizerError) as caught:
        run_batch(folder / "væk.jsonl", ["lead"])
    message = str(caught.value)
    assert "væk.jsonl" in message and str(folder) not in message and "3f9c2e1d7a" not in message


def test_listing_the_items_of_an_uploaded_bomb_stays_within_the_bounds(
    bzip2_bomb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", 1_000_000)
    items = handlers.list_items(bzip2_bomb)
    assert 17 <= len(items) <= 21 and "kan ikke læses" in items[-1].label and "bombe.zip:del-" in items[-1].label
    assert "Filen har" in handlers.load_file(bzip2_bomb).notice


def test_a_document_in_an_uploaded_archive_is_no_larger_than_a_file_the_desk_would_take(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 50_000)
    _fake_summaries(monkeypatch)
    upload = tmp_path / "pakke.zip"
    with zipfile.ZipFile(upload, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("stor.txt", STORY + " Mere tekst." * 10_000)  # 120 kB unpacked, a few hundred bytes packed
        archive.writestr("lille.txt", STORY)
    assert upload.stat().st_size < 50_000
    result = run_batch(upload, ["lead"])
    assert [(row.source, bool(row.error)) for row in result.rows] == [
        ("pakke.zip:stor.txt", True), ("pakke.zip:lille.txt", False)
    ]  # fmt: skip
    assert "pakke.zip:stor.txt" in result.rows[0].error
