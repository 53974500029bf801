"""Encodings of Danish wire copy: UTF-8, cp1252/Latin-1 (declared or not), BOMs, and mojibake repair."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.messages import code_of
from summarizer.wire import read_article
from summarizer.wire.encoding import decode, repair

SAMPLES = Path(__file__).parent.parent / "data/samples"


def ritzau(encoding: str, content: str) -> str:
    return f'<?xml version="1.0" encoding="{encoding}"?><RBNews><NewsID>1</NewsID><content>{content}</content></RBNews>'


STORY = "Færgen til Ærø sejler igen kl. 13.11 – »endelig«, siger borgmesteren."


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_danish_letters_survive_every_common_encoding(codec: str) -> None:
    text = STORY if codec != "latin-1" else STORY.replace("–", "-")  # Latin-1 has no en dash
    decoded, _ = decode(text.encode(codec), name="x")
    assert decoded == text


def test_undeclared_cp1252_is_detected_and_reported() -> None:
    article = read_article(SAMPLES / "plain/faerge-samsoe-cp1252.txt")
    assert article.headline == "Samsø får ny færge til 210 mio. kr."
    assert "ca. 70 minutter – det samme som i dag –" in article.body
    assert any("cp1252" in warning for warning in article.warnings)


def test_an_xml_declaration_saying_iso_8859_1_is_honoured_with_cp1252_dashes() -> None:
    article = read_article(SAMPLES / "ritzau-xml/ulv-ringkoebing-latin1.xml")
    assert article.headline == "Ulv set ved skole i Ringkøbing – forældre er utrygge"
    assert "Karina Mølgaard" in article.body
    assert article.warnings == []  # declared, so nothing was guessed


def test_an_xml_declaration_of_another_single_byte_encoding_is_used() -> None:
    xml = ritzau("iso-8859-15", "Prisen er 5 € for æbler.")
    assert read_article(xml.encode("iso-8859-15"), name="x").body == "Prisen er 5 € for æbler."


def test_xml_declared_utf8_but_written_in_cp1252_is_read_with_a_warning() -> None:
    xml = ritzau("UTF-8", "Søren købte æbler.")
    article = read_article(xml.encode("cp1252"), name="x")
    assert article.body == "Søren købte æbler."
    assert any("angivet som UTF-8, men er det ikke" in warning for warning in article.warnings)


def test_xml_declared_cp1252_but_written_in_utf8_is_not_turned_into_mojibake() -> None:
    xml = ritzau("windows-1252", "Blåbær – »gode«.")
    assert read_article(xml.encode("utf-8"), name="x").body == "Blåbær – »gode«."


def test_mojibake_is_repaired_with_a_warning() -> None:
    broken = STORY.encode("utf-8").decode("cp1252")  # 'FÃ¦rgen til Ã†rÃ¸ ...'
    assert broken != STORY
    article = read_article(broken.encode("utf-8"), name="x")
    assert article.body == STORY
    assert any(code_of(warning) == "input.mojibake" for warning in article.warnings)


def test_repair_leaves_correct_danish_punctuation_alone() -> None:
    text = "Han sagde: »Det er bl.a. 2,5 mio. kr.« – og gik. “Citat” ‘enkelt’"
    assert repair(text) == (text, False)


def test_bytes_outside_cp1252_do_not_crash() -> None:
    decoded, warnings = decode(b"Kommunen \x81\x8d sparer p\xe5 vejene", name="x")
    assert decoded.startswith("Kommunen") and "på vejene" in decoded
    assert warnings
