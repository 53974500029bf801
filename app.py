"""The web desk: ``python app.py [--host H] [--port P] [--db FILE] [--auth FILE] [--preload] [--model NAME]``.

Serves on 127.0.0.1:7860 by default (env ``DESK_HOST`` / ``DESK_PORT``), fully offline: no
analytics, no outside fonts or CDN. Prints (in Danish) which engines and models are installed at start-up;
an engine's model (seq2seq, generative) loads on first use (or now, with ``--preload``), once, shared by every
editor.

The editors' choices go to a SQLite database (``--db`` / ``DESK_DB``; default under the user's
data folder, created on first start). ``--auth FILE`` (``DESK_AUTH``) asks every editor to log in
(users and scrypt hashes, made with ``python -m desk.auth``; logins are throttled per user and per
address). Without it the desk serves only this machine: another address is refused unless
``--insecure`` is given. A bad flag or environment value is one Danish line and exit status 2.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

# Before gradio is imported anywhere: the desk never phones home.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

from summarizer.cli import Parser  # noqa: E402  (after the analytics switch: it imports no gradio)

if TYPE_CHECKING:
    from summarizer.engines import EngineInfo

ROOT = Path(__file__).resolve().parent
SAMPLES = ROOT / "data" / "samples"


class _Parser(Parser):
    """The command lines' Danish argparse (`summarizer.cli.Parser`); a mistake is one line, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (se {self.prog} --help)\n")


def _port(text: str) -> int:
    port = int(text)
    if not 1 <= port <= 65535:
        raise ValueError(text)
    return port


def _positive_int(text: str) -> int:
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


def _megabytes(text: str) -> float:
    number = float(text.replace(",", "."))  # "2,5" as a Dane writes it
    if not math.isfinite(number) or number <= 0:
        raise ValueError(text)
    return number


# option: (environment variable, default, converter, what a valid value is, in Danish)
NUMBERS: dict[str, tuple[str, str, Callable[[str], float], str]] = {
    "port": ("DESK_PORT", "7860", _port, "et portnummer; brug et helt tal fra 1 til 65535"),
    "concurrency": ("DESK_CONCURRENCY", "2", _positive_int, "et antal samtidige kørsler; brug et helt tal fra 1"),
    "max_upload_mb": ("DESK_MAX_UPLOAD_MB", "10", _megabytes, "en uploadgrænse; brug et positivt tal i MB, fx 10"),
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = _Parser(prog="python app.py", description="Nyhedsdesken: redaktionens desk i browseren.")
    parser.add_argument("--host", default=os.environ.get("DESK_HOST", "127.0.0.1"),
                        help="adressen, der lyttes på (env DESK_HOST; standard 127.0.0.1)")  # fmt: skip
    parser.add_argument("--port", help="porten (env DESK_PORT; standard 7860)")
    parser.add_argument("--preload", action="store_true", help="indlæs motorernes modeller nu, ikke ved første brug")
    parser.add_argument("--model", default=None,
                        help="en model (en mappe eller et hentet Hub-navn) til den motor, der kan køre den: resumé- "
                        "eller sprogmodellen (standard: SUMMARIZER_MODEL, SUMMARIZER_GENERATIVE_MODEL)")  # fmt: skip
    parser.add_argument("--concurrency", help="kørsler ad gangen; resten venter i kø"
                        " (env DESK_CONCURRENCY; standard 2)")  # fmt: skip
    parser.add_argument("--db", default=None,
                        help="databasen med valgene (env DESK_DB; standard ~/.local/share/nyhedsdesken/)")  # fmt: skip
    parser.add_argument("--auth", default=os.environ.get("DESK_AUTH"),
                        help="brugerfil med kodeords-hashes (env DESK_AUTH; se python -m desk.auth)")  # fmt: skip
    parser.add_argument("--insecure", action="store_true",
                        help="servér på en anden adresse end denne maskine uden --auth")  # fmt: skip
    parser.add_argument("--max-upload-mb", help="største upload i MB (env DESK_MAX_UPLOAD_MB; standard 10)")
    args = parser.parse_args(argv)
    # Converted here, not by argparse or at import: a bad value names the flag or variable it came from,
    # in one line, instead of a traceback (DESK_PORT=abc) or a crash deep in the server (--port 99999).
    for name, (env, default, convert, meaning) in NUMBERS.items():
        given = getattr(args, name)
        source = f"--{name.replace('_', '-')} {given}" if given is not None else f"{env}={os.environ.get(env)}"
        text = given if given is not None else (os.environ.get(env) or default)
        try:
            setattr(args, name, convert(text.strip()))
        except ValueError:
            parser.exit(2, f"{parser.prog}: {source} er ikke {meaning}\n")
    return args


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    for noisy in ("httpx", "httpcore", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    from desk import handlers
    from desk.auth import AuthError, load_users, login_options
    from desk.handlers import files
    from desk.store import Store, StoreError, default_path
    from summarizer import engines

    users = None
    if args.auth:
        try:
            users = load_users(args.auth)
        except AuthError as error:
            print(f"python app.py: {error}", file=sys.stderr)
            return 2
    elif args.host not in LOOPBACK and not args.insecure:
        print(f"python app.py: vil ikke servere på {args.host} uden --auth (alle, der kan nå porten, kunne bruge"
              " desken); giv --auth FIL, eller --insecure for at gøre det alligevel", file=sys.stderr)  # fmt: skip
        return 2
    files.MAX_UPLOAD_BYTES = int(args.max_upload_mb * 1024 * 1024)
    db = Path(args.db) if args.db else default_path()
    try:
        store = Store(db)
    except StoreError as error:
        print(f"python app.py: {error}", file=sys.stderr)
        return 2
    if store.warning:  # read-only: the desk still serves, but the operator hears it now, not at the first save
        print(f"python app.py: advarsel: {store.warning}", file=sys.stderr, flush=True)
    try:
        count = store.count()
        saved = f"{count} {'gemt' if count == 1 else 'gemte'} valg"
    except StoreError as error:
        saved = "kan ikke læses"
        print(f"python app.py: advarsel: {error}", file=sys.stderr, flush=True)

    infos = engines.engine_status(args.model)
    print("Nyhedsdesken — motorer:", flush=True)
    for info in infos:
        state = "klar" if info.available else info.note
        extra = ""
        if info.takes_model and info.available:  # an engine with a model says which, and when it loads
            when = "nu" if args.preload else "ved første brug"
            extra = f" ({engines.describe_model(info.name, args.model)}, indlæses {when})"
        print(f"  {info.name:<11} {info.label}: {state}{extra}", flush=True)
    if args.preload:
        _preload(infos, args.model)

    samples = handlers.find_samples(SAMPLES)
    batch_samples = handlers.find_batch_samples(SAMPLES)
    print(f"  {len(samples)} eksempler og {len(batch_samples)} batchfiler fra data/samples/", flush=True)
    print(f"  database med valg: {db} ({saved}{', skrivebeskyttet' if store.warning else ''})", flush=True)
    login = "intet login (kun denne maskine)"
    if users:
        login = f"{len(users)} {'bruger' if len(users) == 1 else 'brugere'} fra {args.auth}"
    limit = f"{args.max_upload_mb:g}".replace(".", ",")
    print(f"  adgang: {login}; uploads op til {limit} MB", flush=True)

    from desk.ui import build_demo, launch_options

    demo = build_demo(infos, samples, args.model, batch_samples, store)
    demo.queue(default_concurrency_limit=max(1, args.concurrency), max_size=64)
    login = login_options(users) if users else {}  # throttled, with the scrypt check off the event loop
    try:
        demo.launch(server_name=args.host, server_port=args.port, **launch_options(), **login)
    except OSError as error:  # port taken, address not on this machine: one line, not a traceback
        print(f"python app.py: kan ikke servere på {args.host}:{args.port}: {handlers.one_line(error)}",
              file=sys.stderr)  # fmt: skip
        return 2
    return 0


def _preload(infos: list[EngineInfo], model: str | None) -> None:
    """``--preload``: load the model of every installed engine that runs one now, not at its first use; one that
    fails is one line, and the desk still serves the others."""
    from desk.handlers import one_line
    from summarizer import engines

    loading = [info for info in infos if info.takes_model and info.available]
    if not loading:
        print("  --preload: ingen model her, intet at indlæse", flush=True)
    for info in loading:
        try:
            seconds = f"{engines.preload(info.name, model):.1f}".replace(".", ",")
            print(f"  {info.label}: modellen er indlæst på {seconds} s", flush=True)
        except Exception as error:  # the desk still serves the other engines
            print(f"  {info.label}: modellen kunne ikke indlæses: {one_line(error)}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
