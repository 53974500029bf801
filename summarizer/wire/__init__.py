"""Read what agencies and archives deliver: one reader per wire format, sniffed from the content.

>>> from summarizer.wire import read_article, iter_articles
>>> article = read_article("data/samples/ritzau-xml/storm-vestkysten.xml")  # doctest: +SKIP
>>> for item in iter_articles("data/samples"):  # doctest: +SKIP
...     print(item.id if not isinstance(item, WireError) else f"fejl: {item}")

Formats: plain text (``plain_text.py``), Ritzau XML (``ritzau_xml.py``), NITF 3.x (``nitf.py``),
NewsML-G2 (``newsml_g2.py``), DaNewsroom JSONL/CSV (``danewsroom.py``), simple HTML
(``html_page.py``); ``sniff.py`` tells them apart, ``encoding.py`` decodes and repairs,
``xmlsafe.py`` parses XML with defusedxml. See ``docs/formats.md``.
"""

from summarizer.wire.errors import WireError
from summarizer.wire.iterate import count_items, iter_articles
from summarizer.wire.read import read_article, read_document
from summarizer.wire.sniff import FORMATS, sniff

__all__ = ["FORMATS", "WireError", "count_items", "iter_articles", "read_article", "read_document", "sniff"]
