"""Which wire format is this? Decided from the content; the file name only breaks ties.

>>> sniff('<?xml version="1.0"?><RBNews><NewsID>1</NewsID></RBNews>')
'ritzau-xml'
>>> sniff("Regeringen vil bruge 2 mia. kr. på cykelstier.\\n\\nDet siger ministeren.")
'text'
"""

from __future__ import annotations

import csv
import json
import re

#: Formats `sniff` can return.
FORMATS = ("text", "ritzau-xml", "nitf", "newsml-g2", "html", "danewsroom-jsonl", "danewsroom-csv")

_PROLOG = re.compile(r"^\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>\s*)*", re.S | re.I)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_HTML_TAGS = {"html", "head", "body", "article", "main", "section", "div", "p", "h1", "h2", "header", "title", "meta"}
#: Ritzau's webservice feed: ``XMLNewsQueuedResponse`` holding ``ListOfRBNews`` with several ``RBNews``.
_RITZAU_FEED_ROOTS = {"xmlnewsqueuedresponse", "listofrbnews"}
_NEWSML_ROOTS = {"newsitem", "newsmessage", "packageitem"}
_DANEWSROOM_FIELDS = {"text", "title", "summary"}


class UnknownFormat(ValueError):
    """XML whose root is none of the formats read here (`root` names it, for the reader's Danish message)."""

    def __init__(self, message: str, root: str = "") -> None:
        super().__init__(message)
        self.root = root


def root_name(head: str) -> str | None:
    """The local name of the first element, skipping the XML declaration, comments and DOCTYPE."""
    match = _ROOT.match(head, _PROLOG.match(head).end())
    return match.group(1).rsplit(":", 1)[-1] if match else None


def sniff(head: str, *, name: str | None = None) -> str:
    """The format of a document from its first few kilobytes of text (see `FORMATS`).

    Content beats the file name: a ``.txt`` that holds a Ritzau XML item is read as XML, and
    plain text that merely mentions ``<RBNews>`` or starts with a brace stays text.
    Raises `UnknownFormat` for well-marked XML of an unknown kind.
    """
    stripped = head.lstrip("\ufeff \t\r\n")
    lowered_name = (name or "").lower()
    if stripped.startswith("<"):
        root = root_name(stripped)
        if root is not None:
            key = root.lower()
            if key == "rbnews" or key.startswith("rbnews") or key in _RITZAU_FEED_ROOTS:
                return "ritzau-xml"
            if key == "nitf":
                return "nitf"
            if key in _NEWSML_ROOTS:
                return "newsml-g2"
            if key in _HTML_TAGS or re.match(r"\s*<!DOCTYPE\s+html", stripped, re.I):
                return "html"
            if stripped.startswith("<?xml") or lowered_name.endswith(".xml"):
                raise UnknownFormat(f"XML with root <{root}> is none of: Ritzau RBNews, NITF, NewsML-G2", root)
    if stripped.startswith("{") and _looks_like_json_record(stripped):
        return "danewsroom-jsonl"
    if _looks_like_csv(stripped):
        return "danewsroom-csv"
    if lowered_name.endswith((".html", ".htm")) and "<" in stripped:
        return "html"
    return "text"


def _looks_like_json_record(text: str) -> bool:
    first = text.split("\n", 1)[0]
    for candidate in (first, text):
        try:
            record = json.loads(candidate)
        except ValueError:
            continue
        return isinstance(record, dict) and "text" in record
    # A first line cut short by the sniffing window still counts if it clearly has the fields.
    return bool(re.match(r'\{\s*"[^"]+"\s*:', first)) and '"text"' in first


def _looks_like_csv(text: str) -> bool:
    first = text.split("\n", 1)[0].strip("\r")
    if not first:
        return False
    for delimiter in (",", ";", "\t"):
        if delimiter not in first:
            continue
        try:
            row = next(csv.reader([first], delimiter=delimiter))
        except csv.Error:  # a stray carriage return or NUL: not a CSV header
            return False
        fields = {field.strip().lower() for field in row}
        # The header must name the body column and another DaNewsroom column; prose never does.
        if "text" in fields and fields & {"title", "summary"}:
            return True
    return False
