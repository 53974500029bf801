"""The web desk: ``python app.py [--host H] [--port P] [--db FILE] [--auth FILE] [--preload] [--model NAME]``.

Serves on 127.0.0.1:7860 by default (env ``DESK_HOST`` / ``DESK_PORT``), fully offline: no
analytics, no outside fonts or CDN. Prints which engines and models are available at start-up;
the seq2seq model loads on first use (or now, with ``--preload``), once, shared by every editor.

The editors' choices go to a SQLite database (``--db`` / ``DESK_DB``; default under the user's
data folder, created on first start). ``--auth FILE`` (``DESK_AUTH``) asks every editor to log in
(users and scrypt hashes, made with ``python -m desk.auth``). Without it the desk serves only this
machine: another address is refused unless ``--insecure`` is given.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

# Before gradio is imported anywhere: the desk never phones home.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

ROOT = Path(__file__).resolve().parent
SAMPLES = ROOT / "data" / "samples"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python app.py", description="Nyhedsdesken: the Gradio web desk.")
    parser.add_argument("--host", default=os.environ.get("DESK_HOST", "127.0.0.1"),
                        help="address to listen on (env DESK_HOST; default 127.0.0.1)")  # fmt: skip
    parser.add_argument("--port", type=int, default=int(os.environ.get("DESK_PORT", "7860")),
                        help="port (env DESK_PORT; default 7860)")  # fmt: skip
    parser.add_argument("--preload", action="store_true", help="load the seq2seq model now, not on first use")
    parser.add_argument("--model", default=None,  # fmt: skip
                        help="seq2seq checkpoint: folder or cached Hub name (default: SUMMARIZER_MODEL)")
    parser.add_argument("--concurrency", type=int, default=int(os.environ.get("DESK_CONCURRENCY", "2")),
                        help="requests computed at once; the rest wait in the queue (default 2)")  # fmt: skip
    parser.add_argument("--db", default=None,
                        help="choices database (env DESK_DB; default under ~/.local/share/nyhedsdesken/)")  # fmt: skip
    parser.add_argument("--auth", default=os.environ.get("DESK_AUTH"),
                        help="users file with password hashes (env DESK_AUTH; see python -m desk.auth)")  # fmt: skip
    parser.add_argument("--insecure", action="store_true",
                        help="allow serving another address than this machine without --auth")  # fmt: skip
    parser.add_argument("--max-upload-mb", type=float, default=float(os.environ.get("DESK_MAX_UPLOAD_MB", "10")),
                        help="largest upload in MB (env DESK_MAX_UPLOAD_MB; default 10)")  # fmt: skip
    return parser.parse_args(argv)


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    for noisy in ("httpx", "httpcore", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    from desk import handlers
    from desk.auth import AuthError, checker, load_users
    from desk.store import Store, StoreError, default_path

    users = None
    if args.auth:
        try:
            users = load_users(args.auth)
        except AuthError as error:
            print(f"python app.py: {error}", file=sys.stderr)
            return 2
    elif args.host not in LOOPBACK and not args.insecure:
        print(f"python app.py: refusing to serve {args.host} without --auth (anyone who reaches the port could use"
              " the desk); give --auth FILE, or --insecure to do it anyway", file=sys.stderr)  # fmt: skip
        return 2
    if args.max_upload_mb <= 0:
        print("python app.py: --max-upload-mb must be positive", file=sys.stderr)
        return 2
    handlers.MAX_UPLOAD_BYTES = int(args.max_upload_mb * 1024 * 1024)
    db = Path(args.db) if args.db else default_path()
    try:
        store = Store(db)
    except StoreError as error:
        print(f"python app.py: {error}", file=sys.stderr)
        return 2

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
    print(f"  choices database: {db} ({store.count()} saved)", flush=True)
    print(f"  access: {f'{len(users)} users from {args.auth}' if users else 'no login (this machine only)'};"
          f" uploads up to {args.max_upload_mb:g} MB", flush=True)  # fmt: skip

    from desk.ui import build_demo, launch_options

    demo = build_demo(infos, samples, args.model, batch_samples, store)
    demo.queue(default_concurrency_limit=max(1, args.concurrency), max_size=64)
    login = {"auth": checker(users), "auth_message": "Nyhedsdesken: log ind med dit brugernavn."} if users else {}
    try:
        demo.launch(server_name=args.host, server_port=args.port, **launch_options(), **login)
    except OSError as error:  # port taken, address not on this machine: one line, not a traceback
        print(f"python app.py: cannot serve on {args.host}:{args.port}: {handlers.one_line(error)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
