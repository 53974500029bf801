"""The architecture as a rule: data flows one way, and lower layers never import the layers above them.

    danish, options, article, summary          plain word lists and dataclasses
    text, trim, structure, wire, facts        reading and checking Danish copy
    headlines                                 the headline rules every engine's candidates pass
    engines                                   lead, extractive, seq2seq (import the layers above in this list)
    api, batch (a package), __main__          run engines on input
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
UPPER = ("summarizer.engines", "summarizer.api", "summarizer.batch", "summarizer.__main__")


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
                assert not names & {"engines", "api", "batch"}, f"{path.relative_to(ROOT)}: {names}"


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


# --------------------------------------------------------------------------- one way for each thing (issue 26)


def module_name(path: Path) -> str:
    """summarizer/wire/__init__.py → "summarizer.wire"; summarizer/api.py → "summarizer.api"."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


LIBRARY_MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def library_imports(path: Path) -> set[str]:
    """The library modules a file imports, at any depth. ``from summarizer.wire import danewsroom`` is an import of
    the submodule, not of the package's ``__init__`` (Python runs that first for every submodule anyway)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            submodules = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [m for m in submodules if m in LIBRARY_MODULES]
            if len(names) < len(submodules):  # some names come from the module itself
                names.append(node.module)
        else:
            continue
        for name in names:
            while name and name not in LIBRARY_MODULES:
                name = name.rpartition(".")[0]
            if name and name != "summarizer":
                found.add(name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_of_the_library_imports_itself_back_in_a_cycle() -> None:
    # Imports inside functions count: a lazy cycle is still two modules that cannot be read one after the other.
    graph = {name: library_imports(path) - {name} for name, path in LIBRARY_MODULES.items()}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_library_module_imports_eval_the_desk_or_the_app() -> None:
    for path in LIBRARY_MODULES.values():
        above = {m for m in imported_modules(path) if m.split(".")[0] in ("eval", "desk", "app")}
        assert not above, f"{path.relative_to(ROOT)} imports {sorted(above)}"


#: The command-line entry points: the only library files that may set environment variables (for child processes).
#: And Ray's start: Ray reads its loopback-only switch from the environment alone, at import (batch/ray.py says why).
ENTRY_POINTS = {"summarizer/__main__.py", "summarizer/cli.py", "summarizer/batch/cli.py", "summarizer/batch/ray.py"}


def environment_writes(path: Path) -> list[int]:
    """Lines that change ``os.environ`` (assignment, del, update, setdefault, pop, clear) or call ``os.putenv``."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else []
        if isinstance(node, ast.AugAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Subscript) and ast.unparse(target.value) in ("os.environ", "environ"):
                lines.append(node.lineno)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner, method = ast.unparse(node.func.value), node.func.attr
            if (
                owner in ("os.environ", "environ") and method in ("update", "setdefault", "pop", "popitem", "clear")
            ) or (owner == "os" and method in ("putenv", "unsetenv")):
                lines.append(node.lineno)
    return lines


def test_only_the_command_line_entry_points_write_the_environment() -> None:
    # A model reaches an engine as an argument; the environment is a default that the library only reads.
    for path in LIBRARY_MODULES.values():
        relative = str(path.relative_to(ROOT))
        if relative not in ENTRY_POINTS:
            assert environment_writes(path) == [], f"{relative} writes os.environ"


def test_the_environment_check_sees_every_kind_of_write(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nos.environ['A'] = '1'\nos.environ.setdefault('B', '2')\ndel os.environ['A']\nos.putenv('C', '3')\n"
        "x = os.environ.get('D')\n"
    )
    assert sorted(environment_writes(sample)) == [2, 3, 4, 5]


#: The settings whose defaults live in `summarizer.options` alone, the names they go by elsewhere, and their values
#: (a `limit` of 60 is someone else's; a `limit` of 70 is the headline length written twice).
OPTION_NAMES = {"n_headlines": {5}, "max_summary_words": {35}, "max_headline_chars": {70}, "headlines": {5},
                "words": {35}, "chars": {70}, "limit": {70}}  # fmt: skip
OPTION_FLAGS = {"--headlines", "--words", "--chars"}


def literal_defaults(path: Path) -> list[str]:
    """Where a file writes an option's default as a number: a parameter or field default, an argparse default,
    or a slider's bounds and value."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            args = node.args
            positional = [*args.posonlyargs, *args.args]
            pairs = list(zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True))
            pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None]
            for arg, default in pairs:
                if isinstance(default, ast.Constant) and default.value in OPTION_NAMES.get(arg.arg, ()):
                    found.append(f"{path.name}:{default.lineno} {arg.arg}={default.value}")
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if isinstance(node.value, ast.Constant) and node.value.value in OPTION_NAMES.get(node.target.id, ()):
                found.append(f"{path.name}:{node.lineno} {node.target.id}={node.value.value}")
        elif isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            first = node.args[0] if node.args else None
            is_flag = isinstance(first, ast.Constant) and first.value in OPTION_FLAGS
            if (called.endswith("add_argument") and is_flag) or called.endswith("Slider"):
                numbers = [a for a in node.args if isinstance(a, ast.Constant) and type(a.value) is int]
                numbers += [k.value for k in node.keywords if k.arg in ("default", "value", "minimum", "maximum")
                            and isinstance(k.value, ast.Constant) and type(k.value.value) is int]  # fmt: skip
                found += [f"{path.name}:{n.lineno} {called}({n.value})" for n in numbers]
    return found


def test_the_default_settings_are_written_once_in_options() -> None:
    files = [p for p in LIBRARY_MODULES.values() if p.name != "options.py"]
    files += sorted((ROOT / "desk").rglob("*.py")) + sorted((ROOT / "eval").rglob("*.py")) + [ROOT / "app.py"]
    found = [hit for path in files for hit in literal_defaults(path)]
    assert found == []


def test_the_default_check_sees_a_default_written_twice(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(text, limit: int = 70, *, n_headlines=5): ...\n"
        "class C:\n    max_summary_words: int = 35\n"
        "parser.add_argument('--chars', type=int, default=70)\n"
        "gr.Slider(30, 120, value=70)\n"
    )
    assert len(literal_defaults(sample)) == 7
