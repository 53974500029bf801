"""`iter_articles`: folders, globs, JSONL/CSV and ZIPs, streamed, with stable ids and nothing dropped."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from summarizer.article import Article
from summarizer.wire import WireError, count_items, iter_articles

SAMPLES = Path(__file__).parent.parent / "data/samples"
STORY = "Havnen i Hirtshals udvides for 300 mio. kr.\n\nArbejdet begynder i maj, oplyser havnen."


def ids(items: list[Article | WireError]) -> list[str]:
    return [item.id if isinstance(item, Article) else item.item_id for item in items]


def test_a_folder_is_read_recursively_in_a_stable_order_and_counted_exactly() -> None:
    first = list(iter_articles(SAMPLES))
    again = list(iter_articles(SAMPLES))
    assert ids(first) == ids(again)
    assert len(first) == count_items(SAMPLES) == 23
    formats = {item.format for item in first if isinstance(item, Article)}
    assert formats == {"text", "ritzau-xml", "nitf", "newsml-g2", "danewsroom-jsonl", "danewsroom-csv", "html"}
    assert "plain/cykelstier-aarhus.txt" in ids(first)  # no own id: the path inside the folder


def test_a_glob_selects_files(tmp_path: Path) -> None:
    items = list(iter_articles(str(SAMPLES / "ritzau-xml" / "*.xml")))
    assert sorted(ids(items)) == ["20250312091500-RB-2207", "20251014131100-RB-4471", "20251101101502-RB-5012"]
    with pytest.raises(WireError, match="intet passer til"):
        list(iter_articles(str(tmp_path / "*.xml")))


def test_a_missing_source_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WireError, match="filen eller mappen findes ikke"):
        list(iter_articles(tmp_path / "findes-ikke"))


def test_a_zip_is_read_member_by_member_including_jsonl_members(tmp_path: Path) -> None:
    archive = tmp_path / "arkiv.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(SAMPLES / "nitf/mink-erstatning.xml", "2025/06/mink.xml")
        zf.writestr("2025/06/havn.txt", STORY)
        zf.write(SAMPLES / "danewsroom/arkiv.jsonl", "rækker.jsonl")
        zf.writestr("__MACOSX/._havn.txt", b"\x00\x01")
        zf.writestr("billede.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    items = list(iter_articles(archive))
    assert ids(items)[:2] == ["RB-NITF-2025-000871", "arkiv.zip:2025/06/havn.txt"]
    assert len(items) == count_items(archive) == 2 + 5 + 1
    assert isinstance(items[-1], WireError) and items[-1].item_id == "arkiv.zip:billede.jpg"
    assert "ikke tekst" in str(items[-1])
    jsonl_error = items[2 + 3]
    assert isinstance(jsonl_error, WireError) and "arkiv.zip:rækker.jsonl:4" in str(jsonl_error)


def test_a_broken_zip_is_an_error_item_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "brudt.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    items = list(iter_articles(tmp_path / "brudt.zip"))
    assert len(items) == 1 and isinstance(items[0], WireError) and "ZIP" in str(items[0])


def test_rows_without_an_id_are_named_by_file_and_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"title": "Ny havn", "text": STORY}, ensure_ascii=False)
        + "\n\n"
        + "{ikke json\n"
        + json.dumps(["en", "liste"])
        + "\n",
        encoding="utf-8",
    )
    items = list(iter_articles(feed))
    assert ids(items) == ["feed.jsonl:1", "feed.jsonl:3", "feed.jsonl:4"]
    assert isinstance(items[1], WireError) and "ikke et JSON-objekt" in str(items[1])
    assert isinstance(items[2], WireError) and "forventede et JSON-objekt" in str(items[2])


def test_duplicate_ids_are_kept_apart_not_merged(tmp_path: Path) -> None:
    record = {"id": "RB-1", "title": "Ny havn", "text": STORY}
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(record, ensure_ascii=False) for _ in range(3)) + "\n", encoding="utf-8")
    items = list(iter_articles(feed))
    assert ids(items) == ["RB-1", "RB-1#2", "RB-1#3"]
    assert "findes mere end én gang" in items[1].warnings[-1]


def test_the_same_story_in_two_files_of_a_folder_gets_two_ids(tmp_path: Path) -> None:
    for name in ("a.xml", "b.xml"):
        shutil.copy(SAMPLES / "ritzau-xml/storm-vestkysten.xml", tmp_path / name)
    assert ids(list(iter_articles(tmp_path))) == ["20251014131100-RB-4471", "20251014131100-RB-4471#2"]


def test_hidden_files_and_excluded_paths_are_passed_over(tmp_path: Path) -> None:
    (tmp_path / "nyhed.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "results.jsonl").write_text('{"id": "x", "status": "ok"}\n', encoding="utf-8")
    assert ids(list(iter_articles(tmp_path, exclude=[tmp_path / "results.jsonl"]))) == ["nyhed.txt"]


def test_a_large_jsonl_is_streamed_not_loaded(tmp_path: Path) -> None:
    feed = tmp_path / "stor.jsonl"
    with open(feed, "w", encoding="utf-8") as handle:
        for number in range(2000):
            handle.write(json.dumps({"id": f"n{number}", "text": STORY}, ensure_ascii=False) + "\n")
    iterator = iter_articles(feed)
    first = next(iterator)
    assert first.id == "n0"
    assert sum(1 for _ in iterator) == 1999


def test_a_pretty_printed_json_record_is_one_item_not_many_broken_lines(tmp_path: Path) -> None:
    record = {"id": "rb-77", "title": "Ny havn", "summary": "Havnen udvides.", "text": STORY}
    (tmp_path / "nyhed.json").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    items = list(iter_articles(tmp_path))
    assert ids(items) == ["rb-77"] and items[0].headline == "Ny havn"


def test_a_jsonl_file_with_a_byte_order_mark_streams_every_row(tmp_path: Path) -> None:
    rows = [
        {"id": "bom1", "title": "Ny skole", "summary": "Odense bygger en ny skole.", "text": "Skolen åbner i 2028."},
        {"id": "bom2", "title": "Ny hal i Vejle", "summary": "Vejle bygger en ny hal.", "text": "Hallen åbner i 2029."},
    ]
    path = tmp_path / "excel-eksport.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode() + b"\n")
    items = list(iter_articles(path))
    assert [getattr(item, "id", item) for item in items] == ["bom1", "bom2"]
    assert count_items(path) == 2
