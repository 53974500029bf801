"""Fact-flag benchmark: false flags on extractive-style text, planted wrong facts caught, real leads flagged.

    .venv/bin/python -m scripts.bench_facts [DEV.jsonl] [--articles N]
"""

from __future__ import annotations

import sys

# The benchmark reads the fact flags' internals on purpose, each from the module that defines it.
from summarizer.facts import _in_words, _number_supported, check, index
from summarizer.facts.names import _Scan, name_key
from summarizer.facts.numbers import extract_numbers
from summarizer.facts.quotes import _joined_words, extract_quotes
from summarizer.text import WORD_RE as _WORD_RE


def _perturbation_recall(rows: list[dict[str, str]]) -> None:  # pragma: no cover - a benchmark, run by hand
    """Plant one wrong fact in real body sentences and count how often exactly that span is flagged.

    Numbers: one digit of a figure changed (145 → 146). Names: a mid-sentence name replaced by a name
    from another article that this source lacks. Quotes: one word inside a quote replaced by another
    word. A planted fact counts as caught when a flag of the right kind covers the changed span.
    """
    import random

    from summarizer.text import split_sentences

    rng = random.Random(0)
    # Replacement names: capitalised words found inside sentences of the other articles.
    pool = sorted(
        {
            w
            for r in rows
            for _, _, w, first in _Scan.of(r["text"]).caps
            if not first and w.isalpha() and len(w) > 4 and w[1:].islower()
        }
    )
    caught = {"number": [0, 0], "name": [0, 0], "sentence-initial name": [0, 0], "quote": [0, 0]}
    for row in rows:
        source = row["text"]
        idx = index(source)
        for sent in split_sentences(source):
            numbers = [m for m in extract_numbers(sent) if any(k[0] == "n" for k in m.keys)]
            if numbers:
                m = rng.choice(numbers)
                digits = [i for i in range(m.start, m.end) if sent[i].isdigit()]
                if digits:
                    i = digits[-1]
                    new = sent[:i] + str((int(sent[i]) + 1) % 10) + sent[i + 1 :]
                    planted = extract_numbers(new)
                    if not any(p.start == m.start and _number_supported(p, idx) for p in planted):
                        caught["number"][1] += 1
                        caught["number"][0] += any(
                            f.kind == "number" and f.start <= i < f.end for f in check(new, source)
                        )
            # A name to replace: the first word of the sentence when the source uses it as a name inside a
            # sentence, and the first capitalised word inside the sentence.
            caps = _Scan.of(sent).caps
            targets = [("sentence-initial name", c) for c in caps[:1] if c[3] and name_key(c[2]) in idx.name_keys] + [
                ("name", c) for c in caps if not c[3]
            ][:1]
            for kind, (start, end, word, _) in targets:
                if not (word.isalpha() and len(word) > 3):
                    continue
                other = rng.choice(pool)
                if not _in_words(other, idx):
                    new = sent[:start] + other + sent[end:]
                    caught[kind][1] += 1
                    flags = check(new, source)
                    caught[kind][0] += any(f.kind == "name" and f.start <= start < f.end for f in flags)
            for qa, qb in extract_quotes(sent):
                words = list(_WORD_RE.finditer(sent, qa, qb))
                if len(words) >= 4:
                    w = words[len(words) // 2]
                    other = rng.choice(pool).lower()
                    new = sent[: w.start()] + other + sent[w.end() :]
                    if _joined_words(new[qa : qb - len(w.group()) + len(other)]) in idx.text:
                        continue
                    caught["quote"][1] += 1
                    caught["quote"][0] += any(
                        f.kind == "quote" and f.start <= w.start() < f.end for f in check(new, source)
                    )
    for kind, (hit, total) in caught.items():
        print(f"planted wrong {kind}s caught: {hit}/{total} ({100 * hit / max(total, 1):.1f}%)")


def _flag_rate(pairs: list[tuple[str, str]]) -> str:  # pragma: no cover - a benchmark, run by hand
    """ "n/N (p%), flags by kind {...}" for (output, source) pairs."""
    n_flagged = 0
    kinds: dict[str, int] = {}
    for output, source in pairs:
        flags = check(output, source)
        n_flagged += bool(flags)
        for f in flags:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
    return f"{n_flagged}/{len(pairs)} ({100 * n_flagged / max(len(pairs), 1):.2f}%), flags by kind {kinds}"


def _measure(path: str, n_articles: int) -> None:  # pragma: no cover - a benchmark, run by hand
    import html
    import json
    import time

    from summarizer.text import split_sentences

    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            # DaNewsroom keeps some HTML entities ("b&#229;de"); the desk's cleaning unescapes them, so do we.
            rows.append({k: html.unescape(v) if isinstance(v, str) else v for k, v in row.items()})
    sample = rows[:n_articles]
    sentences = [(sent, row["text"]) for row in sample for sent in split_sentences(row["text"])]
    print(f"extractive: body sentences of {len(sample)} articles flagged: {_flag_rate(sentences)}")
    # The real extractive engine through summarise_many(), which calls check() on its summary and headlines.
    from summarizer.api import summarise_many

    n_out = n_flag = 0
    for result in summarise_many([r["text"] for r in rows], engine="extractive", errors="yield"):
        if isinstance(result, Exception):
            continue
        n_out += 1 + len(result.headlines)
        n_flag += len(result.flags)
    print(f"extractive engine, all {len(rows)} articles: {n_flag} flags on {n_out} summaries and headlines")
    for field in ("summary", "title"):
        pairs = [(row[field], row["text"]) for row in rows if row.get(field)]
        print(f"real {field}s flagged against their body: {_flag_rate(pairs)}")
    _perturbation_recall(sample)
    # Speed: one summary and 5 headlines per article, as summarise() does; the index is built once per source.
    # CPU time of this process, so that other jobs on a shared machine do not count.
    index.cache_clear()
    t0, c0 = time.perf_counter(), time.process_time()
    for row in rows:
        check(row["summary"], row["text"], "summary")
        for k in range(5):
            check(row["title"], row["text"], f"headline:{k}")
    cpu, wall = (time.process_time() - c0) / len(rows), (time.perf_counter() - t0) / len(rows)
    print(
        f"speed: {1000 * cpu:.3f} ms CPU ({1000 * wall:.3f} ms wall) per article (1 summary + 5 headlines checked, "
        f"{len(rows)} articles, mean body {sum(len(r['text']) for r in rows) / len(rows):.0f} chars)"
    )
    corpus = " ".join(r["text"] for r in rows)
    for size in (50_000, 100_000, 200_000):
        index.cache_clear()
        c0 = time.process_time()
        check(rows[0]["summary"], corpus[:size])
        print(f"speed: {1000 * (time.process_time() - c0):.1f} ms CPU for one check against a {size:,}-char source")


def main() -> int:
    args = sys.argv[1:]
    n = 200
    if "--articles" in args:
        i = args.index("--articles")
        n = int(args[i + 1])
        del args[i : i + 2]
    _measure(args[0] if args else "../shared/data/danewsroom-dev.jsonl", n)
    return 0


if __name__ == "__main__":
    from scripts import benchdoc

    sys.exit(benchdoc.run(main, "facts", "Fact flags: false flags, planted errors caught, real leads flagged"))
