"""The README and docs/ stay true: the set-up commands, the length, every link and every file they name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", ROOT / "data" / "README.md", *DOCS]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation out (not - or _), spaces to hyphens."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = page.read_text(encoding="utf-8")
    return {slug(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+)$", text, re.MULTILINE)}


def test_the_readme_opens_with_the_two_setup_commands_that_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash\n", 1)[1].split("```", 1)[0]
    assert "./scripts/setup.sh && .venv/bin/python app.py" in first_block
    assert "./scripts/setup.sh --test && .venv/bin/python -m pytest" in first_block
    assert "./scripts/setup.sh --test && .venv/bin/python -m pytest" in (ROOT / ".ci" / "run").read_text()


def test_the_readme_is_short_enough_to_read_in_one_sitting() -> None:
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_points_at_a_file_and_heading_that_exist(page: Path) -> None:
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.exists(), f"{page.name}: link to missing {target}"
        if anchor and file.suffix == ".md":
            assert anchor in anchors(file), f"{page.name}: no heading #{anchor} in {file.name}"


def test_every_module_the_architecture_page_names_exists() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:summarizer|eval|desk|tests|scripts)/[\w/]+(?:\.py)?)`", text))
    assert len(named) > 20
    missing = [name for name in sorted(named) if not (ROOT / name).exists()]
    assert not missing


def test_every_benchmark_script_has_its_section_in_benchmarks_md() -> None:
    text = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    for script in sorted((ROOT / "scripts").glob("bench_*.py")):
        m = re.search(r'benchdoc\.run\(main, "([\w-]+)"', script.read_text(encoding="utf-8"))
        assert m, f"{script.name} does not write its section (benchdoc.run)"
        section = re.search(rf"<!-- begin {m.group(1)} -->(.*?)<!-- end {m.group(1)} -->", text, re.DOTALL)
        assert section, f"no section {m.group(1)} in docs/benchmarks.md"
        # Written by `.venv/bin/python -m scripts.NAME` (how the scripts run) or, before they were modules, by path.
        written_by = (f"-m scripts.{script.stem} ", f"-m scripts.{script.stem}`", f"scripts/{script.name}")
        assert any(w in section.group(1) for w in written_by), f"section {m.group(1)} was not written by {script.name}"


def test_benchdoc_replaces_a_section_and_leaves_the_rest(tmp_path: Path) -> None:
    from scripts import benchdoc

    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nintro\n\n<!-- begin a -->\nold\n<!-- end a -->\n\ntail\n", encoding="utf-8")
    benchdoc.write("a", "<!-- begin a -->\nnew\n<!-- end a -->", doc)
    benchdoc.write("b", benchdoc.section("b", "B", "python b.py", "R1 19.57\n", 0), doc)
    text = doc.read_text(encoding="utf-8")
    assert "old" not in text and "new" in text and "intro" in text and "tail" in text
    assert text.rstrip().endswith("<!-- end b -->") and "```text\nR1 19.57\n```" in text
