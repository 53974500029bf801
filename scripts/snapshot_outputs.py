"""Every output of the offline pipeline on a data set, to show that a refactoring changed nothing.

    .venv/bin/python -m scripts.snapshot_outputs --out before.jsonl          # before the change
    .venv/bin/python -m scripts.snapshot_outputs --out after.jsonl           # after it
    .venv/bin/python -m scripts.snapshot_outputs --compare before.jsonl after.jsonl

Each article goes through two paths, for the `lead` and `extractive` engines:
- "article": the reader's `Article` (headline, lead, body) straight to the engine;
- "pasted": headline, lead and body pasted as one text, so that cleaning (`summarizer.text`) and
  `structure.parse` run too.
A line holds what the parser made of the input and everything `summarise` returned: summary,
ranked headlines, fact flags and warnings. The sample wire files in data/samples go through the
same paths. The `generative` engine (seeded, so its sampled alternatives repeat) runs on the "article"
path of the first `--generative N` articles and of the samples, where its model is installed: it
takes seconds an article. `--compare` prints how many lines differ and the first differences.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from summarizer import engines
from summarizer.api import summarise_many
from summarizer.article import Article
from summarizer.errors import SummarizerError
from summarizer.wire import iter_articles

ROOT = Path(__file__).resolve().parents[1]

DEV = ROOT.parent / "shared" / "data" / "danewsroom-dev.jsonl"
ENGINES = ("lead", "extractive")


def inputs(sources: list[Path]) -> Iterator[tuple[str, str | Article]]:
    for source in sources:
        for item in iter_articles(source):
            if not isinstance(item, Article):
                yield f"{source.name}:{item}", str(item)
                continue
            key = f"{source.name}:{item.id}"
            yield key + ":article", item
            yield key + ":pasted", "\n\n".join(part for part in (item.headline, item.lead, item.body) if part)


def generative_items(sources: list[Path], limit: int) -> list[tuple[str, str | Article]]:
    """The "article" inputs the generative engine is snapshotted on: the first `limit` of each source."""
    chosen: list[tuple[str, str | Article]] = []
    for source in sources:
        own = [(key, text) for key, text in inputs([source]) if not key.endswith(":pasted")]
        chosen.extend(own[:limit])
    return chosen


def snapshot(sources: list[Path], out: Path, generative: int = 24) -> int:
    items = list(inputs(sources))
    runs: list[tuple[str, list[tuple[str, str | Article]]]] = [(engine, items) for engine in ENGINES]
    if generative and engines.engine_class("generative").is_available():
        runs.append(("generative", generative_items(sources, generative)))
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for engine, items in runs:
            results = summarise_many((text for _, text in items), engine=engine, errors="yield")
            for (key, _), result in zip(items, results, strict=True):
                if isinstance(result, SummarizerError):
                    line = {"key": key, "engine": engine, "error": str(result)}
                else:
                    a = result.article
                    line = {
                        "key": key,
                        "engine": engine,
                        "parsed": [a.headline, a.lead, a.body],
                        "summary": result.summary,
                        "headlines": result.headlines,
                        "flags": [[f.kind, f.text, f.where, f.start, f.end] for f in result.flags],
                        "warnings": result.warnings,
                    }
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
                count += 1
    return count


def compare(old: Path, new: Path, show: int = 5) -> int:
    a = old.read_text(encoding="utf-8").splitlines()
    b = new.read_text(encoding="utf-8").splitlines()
    differ = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
    print(f"{len(a)} lines before, {len(b)} after, {len(differ)} differ")
    for x, y in differ[:show]:
        print("-", x[:400])
        print("+", y[:400])
    return int(bool(differ) or len(a) != len(b))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--data", type=Path, action="append", help=f"data sets (default: {DEV.name} and data/samples)")
    parser.add_argument("--generative", type=int, default=24, metavar="N",
                        help="articles per data set for the generative engine (0: none)")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        parser.error("--out or --compare is needed")
    sources = args.data or [DEV, ROOT / "data" / "samples"]
    missing = [str(s) for s in sources if not s.exists()]
    if missing:
        parser.error(f"not found: {', '.join(missing)}")
    print(f"{snapshot(sources, args.out, args.generative)} lines written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
