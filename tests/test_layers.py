"""The architecture as a rule: data flows one way, and lower layers never import the layers above them.

    danish, options, article, summary          plain word lists and dataclasses
    text, trim, structure, wire, facts        reading and checking Danish copy
    headlines                                 the headline rules every engine's candidates pass
    engines                                   lead, extractive, seq2seq (import the layers above in this list)
    api, batch, ray_batch, __main__           run engines on input
    eval, desk                                score and show results

See docs/architecture.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "summarizer"

#: Modules (or packages) that must not import the engines, the API or the batch runners.
LOWER = ["danish", "options", "article", "summary", "errors", "text", "trim", "structure", "wire", "facts", "headlines"]
UPPER = ("summarizer.engines", "summarizer.api", "summarizer.batch", "summarizer.ray_batch", "summarizer.__main__")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def files_of(name: str) -> list[Path]:
    folder = PACKAGE / name
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{name}.py"]


@pytest.mark.parametrize("layer", LOWER)
def test_a_lower_layer_never_imports_the_engines_or_what_runs_them(layer: str) -> None:
    files = files_of(layer)
    assert files and all(f.exists() for f in files), layer
    for path in files:
        upward = {m for m in imported_modules(path) if m.startswith(UPPER) or m == "summarizer.engines"}
        upward |= {m for m in imported_modules(path) if m == "summarizer" or m.startswith("summarizer.engines")}
        upward.discard("summarizer")  # `from summarizer import X` is checked by name below
        assert not upward, f"{path.relative_to(ROOT)} imports {sorted(upward)}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "summarizer":
                names = {alias.name for alias in node.names}
                assert not names & {"engines", "api", "batch", "ray_batch"}, f"{path.relative_to(ROOT)}: {names}"


def test_the_headline_rules_need_nothing_above_the_text_layer() -> None:
    # Morphology is text-level too: Apertium's analysis of words, which headline form (Hedge Trimmer) trims by.
    allowed = (
        "summarizer.danish",
        "summarizer.text",
        "summarizer.trim",
        "summarizer.article",
        "summarizer.options",
        "summarizer.morphology",
    )
    for path in files_of("headlines"):
        ours = {m for m in imported_modules(path) if m.startswith("summarizer.")}
        ours = {m for m in ours if not m.startswith("summarizer.headlines")}
        stray = {m for m in ours if not m.startswith(allowed)}
        assert not stray, f"{path.relative_to(ROOT)} imports {sorted(stray)}"


def test_every_word_list_the_rules_share_is_defined_once() -> None:
    # A word list assigned in two modules drifts apart: the shared ones live in summarizer/danish.py.
    shared = {"PREPOSITIONS", "DETERMINERS", "PRONOUNS", "AUXILIARIES", "MODALS", "NUMBER_WORDS", "DANGLING",
              "FUNCTION_WORDS", "STOPWORDS", "SAYING_VERBS", "SAYING", "WEEKDAY", "MONTHS", "MONTH_NUMBERS",
              "PARTS_OF_DAY", "DANISH_STOPWORDS", "ENGLISH_STOPWORDS"}  # fmt: skip
    where: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id.lstrip("_") in shared:
                    where.setdefault(target.id.lstrip("_"), []).append(str(path.relative_to(ROOT)))
    assert set(where) == shared
    assert all(places == ["summarizer/danish.py"] for places in where.values()), where


def test_the_month_pattern_reads_every_month_the_date_reader_knows() -> None:
    import re

    from summarizer.danish import MONTH_NUMBERS, MONTHS

    assert all(re.fullmatch(MONTHS, name) and re.fullmatch(MONTHS, name + ".") for name in MONTH_NUMBERS)
    assert sorted(set(MONTH_NUMBERS.values())) == list(range(1, 13))
