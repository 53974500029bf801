"""`--markdown`: a benchmark script writes its own section of docs/benchmarks.md.

Every benchmark script ends with ``sys.exit(benchdoc.run(main, "name", "Title"))``. Run with
``--markdown`` (``.venv/bin/python -m scripts.bench_core --markdown``), the script's output is shown as usual
and also written, with the command, the commit, the date and the machine, between ``<!-- begin name -->`` and
``<!-- end name -->`` in docs/benchmarks.md (a section not there yet is added at the end). So a figure in the
docs is always one a script printed, and rerunning the script is how the docs are updated.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import os
import platform
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"


class _Tee(io.TextIOBase):
    """Writes to the terminal and keeps a copy."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self.stream, self.copy = stream, io.StringIO()

    def write(self, text: str) -> int:
        self.stream.write(text)
        self.stream.flush()
        return self.copy.write(text)

    def flush(self) -> None:
        self.stream.flush()


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()  # fmt: skip
        return out.stdout.strip() + (" with uncommitted changes" if dirty else "") if out.returncode == 0 else "?"
    except OSError:
        return "?"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _invocation() -> list[str]:
    """How this script was started: ``-m scripts.NAME`` for a module (the way they run), else its path."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    if spec is not None and spec.name:
        return ["-m", spec.name]
    return [os.path.relpath(sys.argv[0], ROOT)]


def section(name: str, title: str, command: str, output: str, status: int, *, fenced: bool = True) -> str:
    """The Markdown section for one run of a benchmark."""
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = f"```text\n{output.rstrip()}\n```" if fenced else output.strip()
    return (
        f"<!-- begin {name} -->\n## {title}\n\n"
        f"Written by `{command}` (exit status {status}) on {when}, commit {_commit()}, "
        f"{_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}.\n\n{body}\n<!-- end {name} -->"
    )


def write(name: str, text: str, doc: Path = DOC) -> None:
    """Put `text` in place of the section `name` in `doc` (or at its end)."""
    old = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"<!-- begin {re.escape(name)} -->.*?<!-- end {re.escape(name)} -->", re.DOTALL)
    new = pattern.sub(lambda _: text, old) if pattern.search(old) else old.rstrip() + "\n\n" + text + "\n"
    doc.write_text(new, encoding="utf-8")


def run(
    main: Callable[[], int | None], name: str, title: str, *, script_reads_markdown: bool = False, raw: bool = False
) -> int:
    """Run a benchmark's `main`; with ``--markdown`` also write its section of docs/benchmarks.md.

    `script_reads_markdown`: the script takes ``--markdown`` itself and prints Markdown tables, so its
    output goes in as it is rather than in a text block. `raw`: the script prints Markdown without
    taking the flag (the eval runner's own tables).
    """
    wanted = "--markdown" in sys.argv[1:]
    if wanted and not script_reads_markdown:
        sys.argv.remove("--markdown")
    if not wanted:
        return int(main() or 0)
    command = " ".join([".venv/bin/python", *_invocation(), *sys.argv[1:],
                        *([] if script_reads_markdown else ["--markdown"])])  # fmt: skip
    tee = _Tee(sys.stdout)
    with contextlib.redirect_stdout(tee):
        status = int(main() or 0)
    write(name, section(name, title, command, tee.copy.getvalue(), status, fenced=not (script_reads_markdown or raw)))
    print(f"(written to {os.path.relpath(DOC, ROOT)}, section {name})")
    return status
