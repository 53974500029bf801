"""Danish morphology from Apertium: the lemma, part of speech and inflection of every word.

Debian's `apertium-dan-nor` ships a Danish analyser (lttoolbox) and a constraint-grammar disambiguator (VISL CG-3):
``lt-proc -w dan-nob.automorf.bin | cg-proc -w dan-nor.rlx.bin`` turns "USA og Rusland indgår aftale" into
``indgå<vblex><pres>``, ``aftale<n><ut><sg><ind>`` … and marks a word it does not know with ``*`` (``*fallet``).
This module owns that pipeline: one long-lived pair of processes in null-flush mode (``-z``: each request ends
with a NUL byte and so does its answer), never a process per sentence, and every text's analysis cached.

Without the package everything here still imports: `available()` is False, `status()` says why in one Danish
line, and `analyse` raises `MorphologyUnavailable`, which the editor's check turns into a visible warning.

>>> [t.lemma for t in analyse("Rusland indgår aftale")]  # doctest: +SKIP
['Rusland', 'indgå', 'aftale']
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Where Debian installs the pair's data; ``SUMMARIZER_APERTIUM_DIR`` points elsewhere (tests point it nowhere).
DEFAULT_DATA_DIR = "/usr/share/apertium/apertium-dan-nor"
ANALYSER = "dan-nob.automorf.bin"
DISAMBIGUATOR = "dan-nor.rlx.bin"
#: Texts whose analysis is kept (a headline or lead is a few hundred bytes: this is a few MB at most).
CACHE_SIZE = 20_000
#: A request longer than this is analysed in pieces (CG-3 windows are sentences; this only bounds one write).
MAX_REQUEST_CHARS = 100_000
#: What the editor sees when the analyser is missing.
UNAVAILABLE_MESSAGE = (
    "Grammatikkontrollen er slået fra: Apertiums danske ordbog (apertium-dan-nor, lttoolbox, cg3) er ikke "
    "installeret; scripts/setup.sh installerer den."
)

_ESCAPE_RE = re.compile(r"([\[\]{}^$/\\@<>])")
_UNIT_RE = re.compile(r"\^((?:\\.|[^$\\])*)\$")
_SPLIT_RE = re.compile(r"(?<!\\)/")
_TAG_RE = re.compile(r"<([^<>]+)>")
_UNESCAPE_RE = re.compile(r"\\(.)")
VERB_POS = frozenset({"vblex", "vbser", "vbhaver", "vbmod", "vaux"})


class MorphologyUnavailable(RuntimeError):
    """Apertium's Danish analyser is not installed here (the message is `UNAVAILABLE_MESSAGE`)."""


@dataclass(frozen=True)
class Reading:
    """One analysis of a word: ``aftale<n><ut><sg><ind>`` → lemma "aftale", tags ("n", "ut", "sg", "ind")."""

    lemma: str
    tags: tuple[str, ...]

    @property
    def pos(self) -> str:
        return self.tags[0] if self.tags else ""

    @property
    def is_finite_verb(self) -> bool:
        """Present or past tense of a verb ("indgår", "blev"), or an imperative: the mark of a clause."""
        return self.pos in VERB_POS and ("pres" in self.tags or "past" in self.tags)


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark as the analyser cut the text, with the readings left after disambiguation."""

    surface: str
    readings: tuple[Reading, ...]

    @property
    def known(self) -> bool:
        """False for a word the analyser does not know ("*fallet")."""
        return bool(self.readings)

    @property
    def lemma(self) -> str:
        return self.readings[0].lemma if self.readings else self.surface

    @property
    def pos(self) -> str:
        return self.readings[0].pos if self.readings else ""

    def has(self, *tags: str) -> bool:
        """Some reading carries every one of `tags`: ``token.has("n", "nt")``."""
        return any(all(tag in r.tags for tag in tags) for r in self.readings)

    @property
    def is_word(self) -> bool:
        return any(ch.isalpha() for ch in self.surface)


def escape(text: str) -> str:
    """Text for Apertium's stream format: its reserved characters with a backslash, no NUL, one line."""
    return _ESCAPE_RE.sub(r"\\\1", " ".join(text.replace("\0", " ").split()))


def parse_stream(stream: str) -> list[Token]:
    """Apertium's stream format → tokens. ``^indgår/indgå<vblex><pres><actv>$`` → Token("indgår", (Reading …,))."""
    tokens = []
    for unit in _UNIT_RE.findall(stream):
        surface, *analyses = _SPLIT_RE.split(unit)
        readings = []
        for analysis in analyses:
            if analysis.startswith(("*", "#", "@")) or "<guess>" in analysis:
                continue  # unknown to the analyser ("Soliga-" in "Soliga-politikere" is only guessed at)
            # A compound ("kampagne<n>…<cmp>+leder<n><ut><sg><ind>") inflects like its last part, its head.
            parts = re.split(r"(?<!\\)\+", analysis)
            lemma = "".join(_UNESCAPE_RE.sub(r"\1", part.split("<", 1)[0]) for part in parts)
            readings.append(Reading(lemma, tuple(_TAG_RE.findall(parts[-1]))))
        tokens.append(Token(_UNESCAPE_RE.sub(r"\1", surface), tuple(dict.fromkeys(readings))))
    return tokens


def data_dir() -> Path:
    return Path(os.environ.get("SUMMARIZER_APERTIUM_DIR", DEFAULT_DATA_DIR))


def status() -> str | None:
    """None when the analyser can run here; else one Danish line saying why not."""
    folder = data_dir()
    if shutil.which("lt-proc") is None or shutil.which("cg-proc") is None:
        return UNAVAILABLE_MESSAGE
    if not (folder / ANALYSER).is_file() or not (folder / DISAMBIGUATOR).is_file():
        return UNAVAILABLE_MESSAGE
    return None


def available() -> bool:
    return status() is None


class Analyser:
    """The long-lived ``lt-proc -z | cg-proc -z`` pipeline, one request at a time (a lock), restarted if it dies."""

    def __init__(self, folder: Path, *, compounds: bool = False) -> None:
        self.folder = folder
        #: ``lt-proc -e`` alone: analyses unknown words as compounds ("kampagne+leder"), no disambiguation.
        self.compounds = compounds
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[Token, ...]] = OrderedDict()

    def _start(self) -> subprocess.Popen[bytes]:
        if self.compounds:
            command = f"exec lt-proc -z -e -w '{self.folder / ANALYSER}'"
        elif os.environ.get("SUMMARIZER_NO_CG"):
            command = f"exec lt-proc -z -w '{self.folder / ANALYSER}'"
        else:
            command = (
                f"exec lt-proc -z -w '{self.folder / ANALYSER}' | exec cg-proc -z -w '{self.folder / DISAMBIGUATOR}'"
            )
        return subprocess.Popen(
            ["/bin/sh", "-c", command], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )

    def _ask(self, request: str) -> str:
        """One request (lines of escaped text) → the stream the pipeline gives back for it."""
        for attempt in (1, 2):
            if self._process is None or self._process.poll() is not None:
                self._process = self._start()
            process = self._process
            assert process.stdin is not None and process.stdout is not None
            try:
                # Written from a thread while the answer is read: a request larger than the pipes' buffers would
                # otherwise block both sides for ever.
                data = request.encode("utf-8") + b"\0"
                writer = threading.Thread(target=_write_all, args=(process, data), daemon=True)
                writer.start()
                chunks = []
                fd = process.stdout.fileno()
                while True:
                    chunk = os.read(fd, 65536)
                    if not chunk:
                        raise BrokenPipeError("the analyser stopped")
                    if chunk.endswith(b"\0"):
                        chunks.append(chunk[:-1])
                        break
                    chunks.append(chunk)
                writer.join()
                return b"".join(chunks).decode("utf-8", errors="replace")
            except (BrokenPipeError, OSError):
                self.close()
                if attempt == 2:
                    raise MorphologyUnavailable(UNAVAILABLE_MESSAGE) from None
        raise AssertionError("unreachable")

    def analyse_many(self, texts: Sequence[str]) -> list[tuple[Token, ...]]:
        """Every text's tokens, the texts not yet cached analysed together in one request.

        Each text goes on a line of its own followed by a full stop, so CG-3 reads it as a sentence of its own;
        that full stop is dropped from the answer again.
        """
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            start = 0
            while start < len(missing):
                size, end = 0, start
                while end < len(missing) and (end == start or size + len(missing[end]) < MAX_REQUEST_CHARS):
                    size += len(missing[end])
                    end += 1
                part = missing[start:end]
                answer = self._ask("\n".join(escape(t) + " ." for t in part))
                lines = answer.split("\n")
                if len(lines) != len(part):  # never seen; one by one rather than misalign
                    lines = [self._ask(escape(t) + " .") for t in part]
                for text, line in zip(part, lines, strict=True):
                    self._cache[text] = tuple(parse_stream(line)[:-1])
                    if len(self._cache) > CACHE_SIZE:
                        self._cache.popitem(last=False)
                start = end
            return [self._cache[t] for t in texts]

    def close(self) -> None:
        if self._process is not None:
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()
            self._process.kill()
            self._process.wait()
            self._process = None


def _write_all(process: subprocess.Popen[bytes], data: bytes) -> None:
    assert process.stdin is not None
    try:
        process.stdin.write(data)
        process.stdin.flush()
    except (BrokenPipeError, OSError, ValueError):
        pass  # the reader sees the pipeline end and restarts it


_analysers: dict[bool, Analyser] = {}
_analyser_lock = threading.Lock()


def analyser(*, compounds: bool = False) -> Analyser:
    """The shared pipeline (started on first use); `MorphologyUnavailable` when Apertium is not installed."""
    reason = status()
    if reason:
        raise MorphologyUnavailable(reason)
    with _analyser_lock:
        current = _analysers.get(compounds)
        if current is None or current.folder != data_dir():
            if current is not None:
                current.close()
            current = _analysers[compounds] = Analyser(data_dir(), compounds=compounds)
        return current


def analyse(text: str) -> tuple[Token, ...]:
    """The tokens of one text, disambiguated in context."""
    return analyser().analyse_many([text])[0]


def analyse_many(texts: Sequence[str]) -> list[tuple[Token, ...]]:
    """The tokens of several texts, in one request to the pipeline."""
    return analyser().analyse_many(texts)


def compounds(words: Sequence[str]) -> dict[str, Token]:
    """The `words` the analyser reads as compounds of words it knows ("kampagneleder" → kampagne + leder, inflected
    as "leder": common gender, singular), each as one token with its head's readings.

    Danish writes new compounds every day; a word is a non-word only when it is not even a compound.
    """
    if not words:
        return {}
    found = analyser(compounds=True).analyse_many(list(words))
    return {w: tokens[0] for w, tokens in zip(words, found, strict=True) if len(tokens) == 1 and tokens[0].known}
