"""Characters before words: mojibake repaired, invisible and control characters out, line ends unified.

>>> fix_mojibake("Regeringen og DF mÃ¸des i dag")
('Regeringen og DF mødes i dag', True)
"""

from __future__ import annotations

import re

#: Characters that carry no text: zero-width space, word joiner, BOM, soft hyphen, bidi marks.
_INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e]")
#: Control characters other than newline become spaces (tabs included). C1 controls (0x80-0x9F) go only
#: after the mojibake repair, which needs them ("Ã\x85" is a broken "Å").
_CONTROLS_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
_C1_CONTROLS_RE = re.compile("[\x80-\x9f]")
# UTF-8 read as Latin-1/cp1252: a lead byte (Â-ß, â-ä, ï) followed by a continuation byte (0x80-0xBF or
# its cp1252 glyph). Cheap pre-check so ftfy (about 1 ms an article) only runs when it may help.
_MOJIBAKE_HINT_RE = re.compile(
    "[\u00c2-\u00df\u00e2-\u00e4\u00ef][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160"
    "\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)


def fix_mojibake(text: str) -> tuple[str, bool]:
    """Repair UTF-8 that was read as Latin-1/cp1252 ("mÃ¸des" → "mødes"), line by line."""
    if not _MOJIBAKE_HINT_RE.search(text):
        return text, False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _MOJIBAKE_HINT_RE.search(line):
            lines[i] = _fix_mojibake_line(line)
    fixed = "\n".join(lines)
    return fixed, fixed != text


def _fix_mojibake_line(line: str) -> str:
    import ftfy  # lazy: 70 ms to import, and only needed for broken input

    # Fast path for the common case, a whole line read with the wrong codec: undo it in C.
    for codec in ("latin-1", "sloppy-windows-1252"):
        try:
            candidate = line.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if not _MOJIBAKE_HINT_RE.search(candidate):
            return candidate

    # Only the encoding repairs: quotes, ligatures and character widths are the editor's own.
    config = ftfy.TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        normalization=None,
    )
    return ftfy.fix_text(line, config=config)


def normalise_spaces(text: str, *, c1: bool = False) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A soft hyphen between digits stands for a dash ("4\xad5 mio. kr." is "4-5"); elsewhere it is invisible.
    if "\u00ad" in text:
        text = re.sub(r"(?<=\d)\u00ad(?=\d)", "-", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _CONTROLS_RE.sub(" ", text)
    return _C1_CONTROLS_RE.sub(" ", text) if c1 else text


#: A UTF-16 surrogate: never valid on its own in text that is written as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD (and a split pair joined), so it can be written as UTF-8.

    JSON allows ``"\\ud800"`` and Python reads it into a `str` that no UTF-8 file or socket will take.

    >>> valid_text("Aarhus \\ud800 Kommune") == "Aarhus \\ufffd Kommune"
    True
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def invalid_count(text: str) -> int:
    """How many characters `valid_text` replaces in `text`."""
    return valid_text(text).count("\ufffd") - text.count("\ufffd") if _SURROGATE.search(text) else 0
