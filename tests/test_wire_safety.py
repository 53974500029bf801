"""Untrusted XML: entity bombs, external entities and DTD tricks are refused with one clear line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.wire import WireError, iter_articles, read_article

MALICIOUS = Path(__file__).parent / "malicious"


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("billion-laughs.xml", "lol"),
        ("quadratic-blowup.xml", "'a'"),
        ("xxe-local-file.xml", "file:///etc/passwd"),
        ("xxe-remote-url.xml", "http://angriber.example"),
        ("parameter-entity-remote-dtd.xml", "http://angriber.example/ond.dtd"),
    ],
)
def test_entity_declarations_are_refused_quickly_and_clearly(name: str, entity: str) -> None:
    started = time.perf_counter()
    with pytest.raises(WireError) as caught:
        read_article(MALICIOUS / name)
    assert time.perf_counter() - started < 2  # refused, not expanded
    message = str(caught.value)
    assert "usikker XML afvist" in message and entity in message
    assert "\n" not in message
    assert "root:" not in message  # nothing of /etc/passwd leaks into the message


def test_xinclude_is_not_followed() -> None:
    article = read_article(MALICIOUS / "xinclude-local-file.xml")
    assert article.body == "Kommunen har vedtaget budgettet for 2026."
    assert "root:" not in article.body


def test_a_doctype_that_only_names_a_dtd_is_allowed_and_never_fetched() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "http://angriber.example/nitf.dtd">\n'
        b"<nitf><body><body.content><p>Havnen udvides for 300 mio. kr.</p></body.content></body></nitf>"
    )
    assert read_article(data, name="nitf").body == "Havnen udvides for 300 mio. kr."


def test_a_feed_folder_with_malicious_items_records_each_as_an_error_and_reads_the_rest(tmp_path: Path) -> None:
    for path in MALICIOUS.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "god.xml").write_text(
        "<RBNews><NewsID>god-1</NewsID><content>&lt;p&gt;Broen åbner i dag kl. 13.11.&lt;/p&gt;</content></RBNews>",
        encoding="utf-8",
    )
    items = list(iter_articles(tmp_path))
    errors = {item.item_id: str(item) for item in items if isinstance(item, WireError)}
    assert len(items) == 7
    assert set(errors) == {
        "billion-laughs.xml",
        "quadratic-blowup.xml",
        "xxe-local-file.xml",
        "xxe-remote-url.xml",
        "parameter-entity-remote-dtd.xml",
    }
    assert all("usikker XML afvist" in message for message in errors.values())
    assert [item.id for item in items if not isinstance(item, WireError)] == ["god-1", "urn:ondsindet:4"]


def test_deeply_nested_xml_is_an_error_not_a_crash() -> None:
    data = b"<RBNews><content>" + b"<b>" * 200_000 + b"dybt" + b"</b>" * 200_000 + b"</content></RBNews>"
    try:
        read_article(data, name="dyb.xml")
    except WireError as error:
        assert "dyb.xml" in str(error)


def test_badly_broken_html_is_read_as_text_in_linear_time() -> None:
    # html.parser takes minutes on thousands of unclosed "<p " (quadratic); the reader must not.
    started = time.perf_counter()
    article = read_article(b"<html><body><p>Havnen i Esbjerg udvides. " + b"<p " * 50_000)
    assert time.perf_counter() - started < 10
    assert "Havnen i Esbjerg udvides" in article.body
    assert any("badly broken" in warning for warning in article.warnings)


def test_a_page_of_unclosed_paragraphs_does_not_nest_them() -> None:
    started = time.perf_counter()
    article = read_article(
        ("<html><body><h1>Ny bro over Limfjorden</h1>" + "<p>Broen skal stå klar i 2031. " * 20_000).encode()
    )
    assert time.perf_counter() - started < 20
    assert article.headline == "Ny bro over Limfjorden"
    assert article.body.count("Broen skal stå klar i 2031.") == 20_000


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4000))
def test_read_article_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    try:
        article = read_article(data, name="upload")
    except WireError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(article.body, str)


def test_random_bytes_without_nul_are_refused_as_binary() -> None:
    noise = bytes(range(1, 256)) * 40
    with pytest.raises(WireError, match="ikke tekst"):
        read_article(noise, name="billede.jpg")


def test_a_ritzau_item_whose_escaped_body_is_broken_html_is_read_in_linear_time() -> None:
    content = "&lt;p&gt;Havnen i Esbjerg udvides.&lt;/p&gt;" + "&lt;p " * 50_000
    item = (
        '<?xml version="1.0" encoding="utf-8"?><RBNews><NewsID>RB-brudt</NewsID>'
        f"<headline>Havn udvides</headline><content>{content}</content></RBNews>"
    ).encode()
    started = time.perf_counter()
    article = read_article(item, name="brudt.xml")
    assert time.perf_counter() - started < 10
    assert "Havnen i Esbjerg udvides" in article.body
