"""Format sniffing: content decides, the file name only breaks ties; ambiguous input stays readable."""

from __future__ import annotations

import pytest

from summarizer.wire import read_article, sniff
from summarizer.wire.sniff import UnknownFormat


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<?xml version="1.0"?>\n<!-- Ritzau -->\n<RBNews><NewsID>1</NewsID></RBNews>', "ritzau-xml"),
        ('<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "nitf-3-5.dtd">\n<nitf><body/></nitf>', "nitf"),
        ('<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g"/>', "newsml-g2"),
        ('<g2:newsMessage xmlns:g2="http://iptc.org/std/nar/2006-10-01/"/>', "newsml-g2"),
        ("<!DOCTYPE html>\n<html><body><p>Hej</p></body></html>", "html"),
        ('{"title": "Ny bro", "summary": "Kort", "text": "Broen åbner."}\n{"title": "', "danewsroom-jsonl"),
        ("id;title;summary;text\n1;Ny bro;Kort;Broen åbner.", "danewsroom-csv"),
        ("Regeringen vil bruge 2 mia. kr.\n\nDet siger ministeren.", "text"),
    ],
)
def test_each_format_is_recognised_from_its_content(head: str, expected: str) -> None:
    assert sniff(head) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Prose that mentions a format's markers is still prose.
        "Ritzau leverer sine nyheder som <RBNews>-elementer, forklarer it-chefen.\n\nSystemet er fra 2009.",
        # A brace at the start that is not JSON (an editor's note).
        "{Rettelse} Tallet er 2,1 mia. kr., ikke 1,2 mia. kr.\n\nVi beklager fejlen.",
        # Commas in the first line, but no DaNewsroom header.
        "Aarhus, Odense, Aalborg og København får nye letbaner, text og title til trods.\n\nDet koster 9 mia. kr.",
        # A JSON object without a text field.
        '{"besked": "Kl. 13.11 udsendte Ritzau en rettelse"}',
        # Arrows and less-than signs in a quote.
        "<<< Breaking >>> Statsministeren: - Vi går til valg.\n\nValget holdes den 2. december.",
    ],
)
def test_ambiguous_prose_stays_plain_text(text: str) -> None:
    assert sniff(text) == "text"
    assert read_article(text.encode(), name="note").format == "text"


def test_content_beats_the_file_name() -> None:
    assert sniff("<RBNews><NewsID>1</NewsID></RBNews>", name="nyhed.txt") == "ritzau-xml"
    assert sniff("Kommunen sparer 3 mio. kr. på vejene.", name="nyhed.xml") == "text"


def test_the_html_extension_breaks_the_tie_for_a_fragment_without_a_known_root() -> None:
    assert sniff("<font>Kommunen sparer</font> <b>3 mio. kr.</b>", name="side.html") == "html"
    assert sniff("<font>Kommunen sparer</font> <b>3 mio. kr.</b>") == "text"


def test_unknown_xml_is_refused_by_name_not_read_as_prose() -> None:
    with pytest.raises(UnknownFormat, match="<rss>"):
        sniff('<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
