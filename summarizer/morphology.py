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

    def __init__(self, folder: Path, *, compounds: bool = False, disambiguate: bool = True) -> None:
        self.folder = folder
        #: ``lt-proc -e`` alone: analyses unknown words as compounds ("kampagne+leder"), no disambiguation.
        self.compounds = compounds
        #: False: ``lt-proc`` alone, every reading kept (about 20 times faster than with CG-3).
        self.disambiguate = disambiguate
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[Token, ...]] = OrderedDict()

    def _start(self) -> subprocess.Popen[bytes]:
        if self.compounds:
            command = f"exec lt-proc -z -e -w '{self.folder / ANALYSER}'"
        elif os.environ.get("SUMMARIZER_NO_CG") or not self.disambiguate:
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
            # Answers of this call are kept here too: a call larger than the cache would evict its own first texts.
            found = {t: self._cache[t] for t in texts if t in self._cache}
            missing = list(dict.fromkeys(t for t in texts if t not in found))
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
                    self._cache[text] = found[text] = tuple(parse_stream(line)[:-1])
                    if len(self._cache) > CACHE_SIZE:
                        self._cache.popitem(last=False)
                start = end
            return [found[t] for t in texts]

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


_analysers: dict[tuple[bool, bool], Analyser] = {}
_analyser_lock = threading.Lock()


def analyser(*, compounds: bool = False, disambiguate: bool = True) -> Analyser:
    """The shared pipeline (started on first use); `MorphologyUnavailable` when Apertium is not installed."""
    reason = status()
    if reason:
        raise MorphologyUnavailable(reason)
    with _analyser_lock:
        key = (compounds, disambiguate)
        current = _analysers.get(key)
        if current is None or current.folder != data_dir():
            if current is not None:
                current.close()
            current = _analysers[key] = Analyser(data_dir(), compounds=compounds, disambiguate=disambiguate)
        return current


def analyse(text: str) -> tuple[Token, ...]:
    """The tokens of one text, disambiguated in context."""
    return analyser().analyse_many([text])[0]


def readings(text: str) -> tuple[Token, ...]:
    """Every reading of every word, not disambiguated: for rules that ask "can this word be a participle?" and
    must be cheap (headline form runs on every candidate sentence)."""
    return analyser(disambiguate=False).analyse_many([text])[0]


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


#: Apertium's Danish generator (Norwegian→Danish pair, Danish side): a lexical form → its surface form.
GENERATOR = "nor-dan.autogen.bin"
#: Tags the analyser adds that are not part of a word's paradigm (compound marks).
_NOT_PARADIGM = frozenset({"compound-R", "compound-only-L", "cmp", "guess"})


class Generator:
    """The long-lived ``lt-proc -z -g`` generator: ``aftale<n><ut><pl><def>`` → "aftalerne" ("" when the dictionary
    has no such form). One request at a time; every lexical form's answer cached."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._cache: dict[str, str] = {}

    def _ask(self, lines: list[str]) -> list[str]:
        for attempt in (1, 2):
            if self._process is None or self._process.poll() is not None:
                self._process = subprocess.Popen(
                    ["lt-proc", "-z", "-g", str(self.folder / GENERATOR)],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                )  # fmt: skip
            process = self._process
            assert process.stdin is not None and process.stdout is not None
            try:
                # A blank before the NUL: the generator flushes only after one.
                data = "\n".join(lines).encode("utf-8") + b"\n\0"
                writer = threading.Thread(target=_write_all, args=(process, data), daemon=True)
                writer.start()
                chunks, fd = [], process.stdout.fileno()
                while True:
                    chunk = os.read(fd, 65536)
                    if not chunk:
                        raise BrokenPipeError("the generator stopped")
                    if not chunks:
                        chunk = chunk.lstrip(b"\0")  # a flush mark left over from the request before
                    chunks.append(chunk)
                    if chunk.endswith(b"\0"):
                        break
                writer.join()
                answer = b"".join(chunks).rstrip(b"\0").decode("utf-8", errors="replace").removesuffix("\n").split("\n")
                if len(answer) != len(lines):
                    raise BrokenPipeError("the generator's answer does not line up")
                return answer
            except (BrokenPipeError, OSError):
                if self._process is not None:
                    self._process.kill()
                    self._process.wait()
                    self._process = None
                if attempt == 2:
                    raise MorphologyUnavailable(UNAVAILABLE_MESSAGE) from None
        raise AssertionError("unreachable")

    def generate(self, forms: Sequence[str]) -> list[str]:
        """The surface form of each lexical form (``lemma<tag><tag>``), "" where the dictionary has none."""
        with self._lock:
            missing = [f for f in dict.fromkeys(forms) if f not in self._cache]
            for start in range(0, len(missing), 2000):
                part = missing[start : start + 2000]
                answer = self._ask([f"^{escape_lemma(f)}$" for f in part])
                for form, surface in zip(part, answer, strict=True):
                    surface = surface.strip()
                    ok = surface and not surface.startswith(("#", "*", "@")) and "<" not in surface
                    self._cache[form] = surface if ok else ""
            return [self._cache[f] for f in forms]


def escape_lemma(form: str) -> str:
    """A lexical form's lemma escaped for the stream format, its tags left as they are."""
    lemma, sep, tags = form.partition("<")
    return escape(lemma) + sep + tags


_generator: Generator | None = None


def generator() -> Generator:
    """The shared generator; `MorphologyUnavailable` when Apertium (or its Danish generator) is not here."""
    global _generator
    reason = status()
    if reason or not (data_dir() / GENERATOR).is_file():
        raise MorphologyUnavailable(reason or UNAVAILABLE_MESSAGE)
    with _analyser_lock:
        if _generator is None or _generator.folder != data_dir():
            _generator = Generator(data_dir())
        return _generator


def paradigm(reading: Reading) -> list[str]:
    """Lexical forms of the other inflections of `reading`'s lemma: a noun's number, definiteness and genitive, a
    verb's tenses, voices and participles, an adjective's gender, number, definiteness and degree, a name's
    genitive. Other parts of speech have none here ([])."""
    tags = [t for t in reading.tags if t not in _NOT_PARADIGM]
    pos = tags[0] if tags else ""
    lemma = reading.lemma
    if not lemma or " " in lemma or pos not in ("n", "np", "vblex", "adj"):
        return []
    if pos == "np":
        base = "".join(f"<{t}>" for t in tags if t != "gen")
        return [f"{lemma}{base}", f"{lemma}{base}<gen>"]
    lemma = lemma.lower()
    if pos == "n":
        gender = next((t for t in tags if t in ("ut", "nt", "m", "f")), "ut")
        return [
            f"{lemma}<n><{gender}><{n}><{d}>{g}" for n in ("sg", "pl") for d in ("ind", "def") for g in ("", "<gen>")
        ]
    if pos == "vblex":
        forms = [f"{lemma}<vblex><{t}><{v}>" for t in ("inf", "pres", "past") for v in ("actv", "pasv")]
        return forms + [f"{lemma}<vblex><pp>", f"{lemma}<vblex><imp>", f"{lemma}<adj><pp><sg>", f"{lemma}<adj><pp><pl>"]
    sint = "<sint>" if "sint" in tags else ""
    return [f"{lemma}<adj>{sint}{rest}" for rest in (
        "<pst><ut><sg><ind>", "<pst><nt><sg><ind>", "<pst><un><sp><def>", "<pst><un><pl><ind>", "<comp>",
        "<sup><un><sp><ind>", "<sup><un><sp><def>",
    )]  # fmt: skip


def inflections(tokens: Sequence[Token]) -> frozenset[str]:
    """Every inflected form (lower-cased) of the lemmas of `tokens`, from Apertium's generator: the words an
    engine may write about a text without leaving its vocabulary ("aftalen" → "aftaler", "aftalerne" …)."""
    forms = sorted({f for t in tokens for r in t.readings for f in paradigm(r)})
    if not forms:
        return frozenset()
    return frozenset(s.lower() for s in generator().generate(forms) if s)
