"""Ritzau's webservice feed (XMLNewsQueuedResponse → ListOfRBNews → RBNews): read as its items, everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk import handlers
from summarizer.batch import main as batch_main
from summarizer.wire import WireError, count_items, iter_articles, read_article

FEED = Path(__file__).resolve().parent.parent / "data/samples/ritzau-feed/webservice-feed.xml"
IDS = ["20251120083000-RB-6101", "20251120091500-RB-6102", "20251120101000-RB-6103"]


def test_iter_articles_yields_every_item_of_the_feed_with_its_own_id() -> None:
    items = list(iter_articles(FEED))
    assert [a.id for a in items] == IDS and count_items(FEED) == 3
    assert items[2].headline == "Æblehøsten i Sønderjylland blev den største i ti år"
    assert items[0].lead.startswith("Broen ved Filosofgangen står klar 24. februar")
    assert "kl. 13.11" in items[0].body and items[0].format == "ritzau-xml"
    assert items[0].where == "webservice-feed.xml:1"


def test_read_article_on_a_feed_says_how_many_items_it_holds_and_how_to_read_them() -> None:
    with pytest.raises(WireError, match="indeholder 3 artikler; læs den med iter_articles"):
        read_article(FEED)


def test_an_empty_feed_is_an_error_item_not_silence(tmp_path: Path) -> None:
    empty = tmp_path / "tom.xml"
    empty.write_text('<?xml version="1.0"?><XMLNewsQueuedResponse><ListOfRBNews/></XMLNewsQueuedResponse>')
    items = list(iter_articles(empty))
    assert len(items) == 1 and isinstance(items[0], WireError) and "indeholder ingen RBNews-artikler" in str(items[0])


def test_batch_summarises_each_item_of_the_feed(tmp_path: Path) -> None:
    out = tmp_path / "ud.jsonl"
    assert batch_main([str(FEED), "--out", str(out), "--engine", "extractive", "--quiet"]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == IDS and all(line["status"] == "ok" for line in lines)
    assert lines[1]["real_headline"] == "Færre unge ryger: Andelen er halveret på ti år"


def test_the_desk_lists_the_feeds_items_to_pick_from_and_loads_the_one_picked() -> None:
    items = handlers.list_items(FEED)
    assert [i.label for i in items] == ["1. Ny cykelbro over Odense Å åbner før tid",
                                        "2. Færre unge ryger: Andelen er halveret på ti år",
                                        "3. Æblehøsten i Sønderjylland blev den største i ti år"]  # fmt: skip
    assert "vælg en anden i listen" in handlers.load_file(FEED).notice
    picked = handlers.load_item(FEED, 2)
    assert picked.headline.startswith("Æblehøsten") and "5200 ton" in picked.text
    single = FEED.parent.parent / "ritzau-xml/storm-vestkysten.xml"
    assert handlers.list_items(single) == []  # one item: nothing to pick
