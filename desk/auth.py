"""Who may use the desk: a file of users and scrypt password hashes (never plain passwords).

The file (``--auth FILE`` / ``DESK_AUTH``) has one ``user:hash`` line per editor; ``#`` starts a
comment. Add or change a user with::

    python -m desk.auth users.txt mette            # asks for the password twice
    printf '%s\\n' "$PW" | python -m desk.auth users.txt mette --password-stdin

A hash reads ``scrypt$N$r$p$salt$digest`` (hex), checked in constant time.

Logins (`login_options`, what ``app.py`` hands Gradio) are throttled per user name and per client
address: after a few wrong passwords a name or an address is locked for a time that doubles with each
further failure (`Throttle`), and a locked attempt is refused at once, without running scrypt. The
scrypt check runs in a small thread pool, never on Gradio's event loop, so a flood of logins does not
slow the editors who are already in.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import hashlib
import hmac
import logging
import os
import secrets
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import SummarizerError

_N, _R, _P = 2**14, 8, 1

log = logging.getLogger("desk.auth")

AUTH_MESSAGE = ("Nyhedsdesken: log ind med dit brugernavn. Efter flere forkerte kodeord skal du vente lidt, "
                "før du kan prøve igen.")  # fmt: skip


class AuthError(SummarizerError):
    """The users file is missing or malformed (one line naming the file and line)."""


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(digest) // 2)  # fmt: skip
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def load_users(path: str | os.PathLike[str]) -> dict[str, str]:
    """user → hash from the file; `AuthError` when it cannot be read or a line is not ``user:scrypt$...``."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise AuthError(f"kan ikke læse brugerfilen {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise AuthError(f"brugerfilen {path} er ikke UTF-8-tekst") from None
    users: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, sep, stored = line.partition(":")
        if not sep or not user.strip() or not stored.startswith("scrypt$"):
            raise AuthError(f"{path}:{number}: forventede 'bruger:scrypt$...' (lav linjen med python -m desk.auth)")
        users[user.strip()] = stored.strip()
    if not users:
        raise AuthError(f"brugerfilen {path} har ingen brugere; tilføj en med python -m desk.auth {path} NAVN")
    return users


def checker(users: dict[str, str]) -> Callable[[str, str], bool]:
    """(user, password) → allowed: the bare scrypt check, unthrottled and blocking (`LoginGuard` wraps it)."""
    dummy = hash_password("")

    def check(user: str, password: str) -> bool:
        stored = users.get(user)
        ok = verify(password, stored or dummy)  # same work for an unknown user: no timing hint
        return stored is not None and ok

    return check


# --------------------------------------------------------------------------- throttled logins

#: The caller's address during a request, set by `ClientAddress`: Gradio's ``auth`` callable is given
#: only the user name and password, never the request.
CLIENT_ADDRESS: ContextVar[str | None] = ContextVar("desk_client_address", default=None)


class ClientAddress:
    """ASGI middleware that puts the client's address in `CLIENT_ADDRESS` for the login check.

    Behind a reverse proxy on the same machine uvicorn already replaces the proxy's address with the one
    in ``X-Forwarded-For`` (it trusts 127.0.0.1 by default; ``FORWARDED_ALLOW_IPS`` names other proxies),
    so the throttle sees the editor's machine, not the proxy.
    """

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = CLIENT_ADDRESS.set(str(client[0]) if client else None)
        try:
            await self.app(scope, receive, send)
        finally:
            CLIENT_ADDRESS.reset(token)


@dataclass
class _Count:
    failures: int = 0
    pending: int = 0  # checks running now: counted before they end, so a burst cannot outrun the limit
    locked_until: float = 0.0
    last: float = 0.0


class Throttle:
    """Failed logins per user name and per client address, with a lockout that doubles.

    A name may fail `per_user` times and an address `per_address` times (an address tries many names
    when it sprays passwords, so it gets more); each failure from then on locks that name or address
    for ``base * 2**(failures - limit)`` seconds, at most `cap`. A locked attempt is refused at once
    and does not count (it cannot be checked, so it tells the caller nothing). A right password clears
    its name's count; an address's count, and a name's, are forgotten after `forget` seconds without a
    failure. Unknown names are counted like real ones, so a lockout says nothing about who exists.
    """

    def __init__(
        self,
        *,
        per_user: int = 5,
        per_address: int = 20,
        base: float = 1.0,
        cap: float = 900.0,
        forget: float = 3600.0,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = {"user": per_user, "address": per_address}
        self.base, self.cap, self.forget, self.max_keys, self.clock = base, cap, forget, max_keys, clock
        self._counts: dict[tuple[str, str], _Count] = {}
        self._lock = threading.Lock()

    def _keys(self, user: str, address: str | None) -> list[tuple[str, str]]:
        keys = [("user", user[:256])]  # a long name must not make a big key
        if address:
            keys.append(("address", address))
        return keys

    def admit(self, user: str, address: str | None) -> float:
        """0 when the attempt may be checked (and it is counted as running); else the seconds to wait."""
        now = self.clock()
        with self._lock:
            counts = [(self.limits[key[0]], self._count(key, now)) for key in self._keys(user, address)]
            wait = max(count.locked_until - now for _, count in counts)
            if wait > 0:
                return wait
            # Past its free attempts a key allows one check at a time: the next failure locks it again.
            if any(count.pending and count.failures + count.pending >= limit for limit, count in counts):
                return self.base
            for _, count in counts:
                count.pending += 1
            return 0.0

    def done(self, user: str, address: str | None, ok: bool) -> None:
        """Record the end of an admitted check."""
        now = self.clock()
        with self._lock:
            for key in self._keys(user, address):
                count = self._count(key, now)
                count.pending = max(0, count.pending - 1)
                if ok:
                    if key[0] == "user":
                        count.failures, count.locked_until = 0, 0.0
                        if not count.pending:
                            del self._counts[key]
                    continue
                count.failures += 1
                count.last = now
                limit = self.limits[key[0]]
                if count.failures >= limit:
                    delay = min(self.cap, self.base * 2.0 ** min(count.failures - limit, 64))
                    count.locked_until = now + delay
                    log.warning("login: %s %r locked for %.0f s after %d failed attempts (last: user %r from %s)",
                                key[0], key[1], delay, count.failures, user, address or "?")  # fmt: skip

    def _count(self, key: tuple[str, str], now: float) -> _Count:
        count = self._counts.get(key)
        if count is not None and not count.pending and now >= count.locked_until and now - count.last > self.forget:
            count = None  # quiet long enough: start afresh
        if count is None:
            if len(self._counts) >= self.max_keys:
                self._prune(now)
            count = self._counts[key] = _Count(last=now)
        return count

    def _prune(self, now: float) -> None:
        """Keep the table bounded when many names are tried: drop the quiet keys, then the oldest."""
        for key in [k for k, c in self._counts.items() if not c.pending and now >= c.locked_until]:
            del self._counts[key]
        if len(self._counts) >= self.max_keys:
            for key in sorted(self._counts, key=lambda k: self._counts[k].last)[: len(self._counts) // 2]:
                del self._counts[key]


class LoginGuard:
    """What Gradio's login asks: throttled, with the scrypt check in a thread pool.

    `check` is a coroutine function, so Gradio awaits it on its event loop; the loop only waits for the
    pool, and a refused attempt (locked name or address) costs no scrypt at all. The pool is small, so a
    flood from many addresses takes at most `workers` cores from the summarising.
    """

    def __init__(self, users: dict[str, str], throttle: Throttle | None = None, *, workers: int = 2) -> None:
        self.verify = checker(users)
        self.throttle = throttle or Throttle()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="desk-login")

    async def check(self, user: str, password: str) -> bool:
        address = CLIENT_ADDRESS.get()
        wait = self.throttle.admit(user, address)
        if wait > 0:
            log.info("login refused without a check: user %r from %s is locked for %.0f s more",
                     user, address or "?", wait)  # fmt: skip
            return False
        ok = False
        try:
            ok = await asyncio.get_running_loop().run_in_executor(self._pool, self.verify, user, password)
        finally:  # a cancelled check counts as a failure: it must not free a slot for free
            self.throttle.done(user, address, ok)
        if not ok:
            log.info("login failed: user %r from %s", user, address or "?")
        return ok

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def login_options(users: dict[str, str], throttle: Throttle | None = None) -> dict[str, Any]:
    """The `Blocks.launch` keywords for a desk with logins: the guarded check, the Danish login message,
    and the middleware that tells the check who is calling."""
    from starlette.middleware import Middleware

    guard = LoginGuard(users, throttle)
    middleware = [Middleware(ClientAddress)]
    return {"auth": guard.check, "auth_message": AUTH_MESSAGE, "app_kwargs": {"middleware": middleware}}


# --------------------------------------------------------------------------- the command


def set_user(path: str | os.PathLike[str], user: str, password: str) -> None:
    """Add `user` to the file (or change its password), keeping the other lines."""
    if not user or ":" in user or user != user.strip():
        raise AuthError("et brugernavn må ikke være tomt, have ':' i sig eller starte eller slutte med mellemrum")
    if len(password) < 8:
        raise AuthError("kodeordet skal have mindst 8 tegn")
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        kept = [line for line in lines if line.partition(":")[0].strip() != user]
        kept.append(f"{user}:{hash_password(password)}")
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
        os.chmod(path, 0o600)
    except OSError as error:
        raise AuthError(f"kan ikke skrive brugerfilen {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise AuthError(f"brugerfilen {path} er ikke UTF-8-tekst") from None


def _has_terminal() -> bool:
    """Whether getpass can ask without echo; without one it would read standard input and fail on EOF."""
    if os.name != "posix":
        return True
    try:
        with open("/dev/tty", "rb"):
            return True
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desk.auth", description="Tilføj en bruger eller skift et kodeord.")
    parser.add_argument("file")
    parser.add_argument("user")
    parser.add_argument("--password-stdin", action="store_true", help="læs kodeordet fra standardinput")
    args = parser.parse_args(argv)
    prog = parser.prog
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not _has_terminal():
            print(f"{prog}: der er ingen terminal at spørge om kodeordet i; giv det på standardinput med "
                  "--password-stdin", file=sys.stderr)  # fmt: skip
            return 2
        try:
            password = getpass.getpass(f"kodeord for {args.user}: ")
            again = getpass.getpass("igen: ")
        except (EOFError, KeyboardInterrupt):
            print(f"\n{prog}: afbrudt; intet er gemt", file=sys.stderr)
            return 2
        if again != password:
            print(f"{prog}: kodeordene er forskellige; intet er gemt", file=sys.stderr)
            return 2
    try:
        set_user(args.file, args.user, password)
    except AuthError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 2
    print(f"{args.user} er gemt i {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
