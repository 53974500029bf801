"""The web desk: ``python app.py [--host H] [--port P] [--db FILE] [--auth FILE] [--preload] [--model NAME]``.

Serves on 127.0.0.1:7860 by default (env ``DESK_HOST`` / ``DESK_PORT``), fully offline: no
analytics, no outside fonts or CDN. Prints which engines and models are available at start-up;
the seq2seq model loads on first use (or now, with ``--preload``), once, shared by every editor.

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
from typing import NoReturn

# Before gradio is imported anywhere: the desk never phones home.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

ROOT = Path(__file__).resolve().parent
SAMPLES = ROOT / "data" / "samples"


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line (no usage block), exit status 2."""

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
    parser = _Parser(prog="python app.py", description="Nyhedsdesken: the Gradio web desk.")
    parser.add_argument("--host", default=os.environ.get("DESK_HOST", "127.0.0.1"),
                        help="address to listen on (env DESK_HOST; default 127.0.0.1)")  # fmt: skip
    parser.add_argument("--port", help="port (env DESK_PORT; default 7860)")
    parser.add_argument("--preload", action="store_true", help="load the seq2seq model now, not on first use")
    parser.add_argument("--model", default=None,  # fmt: skip
                        help="seq2seq checkpoint: folder or cached Hub name (default: SUMMARIZER_MODEL)")
    parser.add_argument("--concurrency", help="requests computed at once; the rest wait in the queue"
                        " (env DESK_CONCURRENCY; default 2)")  # fmt: skip
    parser.add_argument("--db", default=None,
                        help="choices database (env DESK_DB; default under ~/.local/share/nyhedsdesken/)")  # fmt: skip
    parser.add_argument("--auth", default=os.environ.get("DESK_AUTH"),
                        help="users file with password hashes (env DESK_AUTH; see python -m desk.auth)")  # fmt: skip
    parser.add_argument("--insecure", action="store_true",
                        help="allow serving another address than this machine without --auth")  # fmt: skip
    parser.add_argument("--max-upload-mb", help="largest upload in MB (env DESK_MAX_UPLOAD_MB; default 10)")
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
    from desk.store import Store, StoreError, default_path

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
    handlers.MAX_UPLOAD_BYTES = int(args.max_upload_mb * 1024 * 1024)
    db = Path(args.db) if args.db else default_path()
    try:
        store = Store(db)
    except StoreError as error:
        print(f"python app.py: {error}", file=sys.stderr)
        return 2
    if store.warning:  # read-only: the desk still serves, but the operator hears it now, not at the first save
        print(f"python app.py: advarsel: {store.warning}", file=sys.stderr, flush=True)
    try:
        saved = f"{store.count()} saved"
    except StoreError as error:
        saved = "cannot be read"
        print(f"python app.py: advarsel: {error}", file=sys.stderr, flush=True)

    infos = handlers.engine_status(args.model)
    print("Nyhedsdesken — engines:", flush=True)
    for info in infos:
        state = "available" if info.available else f"unavailable: {info.note}"
        extra = ""
        if info.name == "seq2seq" and info.available:
            extra = f" ({handlers.describe(info.name, args.model)}, loaded {'now' if args.preload else 'on first use'})"
        print(f"  {info.name:<11} {state}{extra}", flush=True)
    if args.preload:
        if not any(info.name == "seq2seq" and info.available for info in infos):
            print("  --preload: no seq2seq model here, nothing to load", flush=True)
        for info in infos:
            if info.name == "seq2seq" and info.available:
                try:
                    print(f"  seq2seq model loaded in {handlers.preload('seq2seq', args.model):.1f} s", flush=True)
                except Exception as error:  # the desk still serves the other engines
                    print(f"  seq2seq model could not be loaded: {handlers.one_line(error)}", flush=True)

    samples = handlers.find_samples(SAMPLES)
    batch_samples = handlers.find_batch_samples(SAMPLES)
    print(f"  {len(samples)} sample articles and {len(batch_samples)} batch files from data/samples/", flush=True)
    print(f"  choices database: {db} ({saved}{', read-only' if store.warning else ''})", flush=True)
    print(f"  access: {f'{len(users)} users from {args.auth}' if users else 'no login (this machine only)'};"
          f" uploads up to {args.max_upload_mb:g} MB", flush=True)  # fmt: skip

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


if __name__ == "__main__":
    sys.exit(main())
