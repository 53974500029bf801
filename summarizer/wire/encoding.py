"""Bytes → text for Danish wire copy: UTF-8, or the Latin-1/cp1252 of old feeds; mojibake repaired.

Order of trust: a byte-order mark, then an XML declaration's ``encoding`` (when the bytes really
decode with it), then strict UTF-8, then cp1252. ISO-8859-1 is read as cp1252, as browsers do
(WHATWG): old Danish feeds labelled Latin-1 often carry cp1252 dashes and quotes in 0x80–0x9F.
Text that was decoded wrongly *before* it reached us ("SÃ¸ren" for "Søren") is repaired with ftfy.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy

from summarizer.messages import message
from summarizer.wire.errors import WireError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_LATIN1_LABELS = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}
# Characters that (almost) only occur in Danish text as mojibake: UTF-8 read as cp1252/Latin-1.
_MOJIBAKE_HINT = re.compile(
    "[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)


def declared_encoding(data: bytes) -> str | None:
    """The ``encoding`` of an XML declaration at the start of `data`, if any."""
    match = _XML_DECL.match(data[:200])
    return match.group(1).decode("ascii").lower() if match else None


def decode(data: bytes, *, name: str = "input") -> tuple[str, list[str]]:
    """Decode one item's bytes; returns the text and warnings about what was guessed or repaired.

    >>> decode("Søren købte æbler".encode("cp1252"))[0]
    'Søren købte æbler'
    """
    warnings: list[str] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(codec), warnings)
            except UnicodeDecodeError:
                raise WireError(code="wire.bad_bom", name=name, codec=codec) from None
    if b"\x00" in data[:8192]:
        raise WireError(code="wire.binary_nul", name=name)
    declared = declared_encoding(data)
    if declared and declared not in ("utf-8", "utf8") and declared not in _LATIN1_LABELS:
        try:
            return _finish(data.decode(declared), warnings)
        except LookupError:
            warnings.append(message("wire.unknown_declared", name=name, declared=repr(declared)))
        except UnicodeDecodeError:
            warnings.append(message("wire.not_as_declared", name=name, declared=declared))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_8bit(data)
        if _mostly_controls(text):
            raise WireError(code="wire.binary", name=name) from None
        if declared in ("utf-8", "utf8"):
            warnings.append(message("wire.declared_utf8_not", name=name))
        elif not declared:
            warnings.append(message("wire.not_utf8", name=name))
    return _finish(text, warnings)


def _mostly_controls(text: str) -> bool:
    """cp1252 decodes almost any bytes; real text has next to no control characters."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > 0.01 * len(sample)


def decode_line(data: bytes) -> str:
    """One line of a JSONL/CSV file: UTF-8, else cp1252 (line by line, so files stream).

    A byte-order mark (only ever on the first line) is dropped, as `decode` drops it for whole files.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decode_8bit(data)


def repair(text: str) -> tuple[str, bool]:
    """Repair mojibake ("SÃ¸ren" → "Søren") and normalise to NFC; says whether anything was repaired.

    ftfy is asked only for the encoding fix: it must not straighten »guillemets« or dashes.
    """
    repaired = False
    if _MOJIBAKE_HINT.search(text):
        fixed = ftfy.fix_encoding(text)
        repaired = fixed != text
        text = fixed
    return unicodedata.normalize("NFC", text), repaired


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in cp1252: keep them as their Latin-1 code points.
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("summarizer-latin1", _latin1_fallback)


def _decode_8bit(data: bytes) -> str:
    return data.decode("cp1252", errors="summarizer-latin1")


def _finish(text: str, warnings: list[str]) -> tuple[str, list[str]]:
    text = text.lstrip("\ufeff")
    text, repaired = repair(text)
    if repaired:
        warnings.append(message("input.mojibake"))
    return text, warnings
