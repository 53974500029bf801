"""Who may use the desk: a file of users and scrypt password hashes (never plain passwords).

The file (``--auth FILE`` / ``DESK_AUTH``) has one ``user:hash`` line per editor; ``#`` starts a
comment. Add or change a user with::

    python -m desk.auth users.txt mette            # asks for the password twice
    printf '%s\\n' "$PW" | python -m desk.auth users.txt mette --password-stdin

A hash reads ``scrypt$N$r$p$salt$digest`` (hex), checked in constant time.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

from summarizer.errors import SummarizerError

_N, _R, _P = 2**14, 8, 1


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
        raise AuthError(f"cannot read the users file {path}: {error.strerror}") from None
    users: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, sep, stored = line.partition(":")
        if not sep or not user.strip() or not stored.startswith("scrypt$"):
            raise AuthError(f"{path}:{number}: expected 'user:scrypt$...' (make it with python -m desk.auth)")
        users[user.strip()] = stored.strip()
    if not users:
        raise AuthError(f"the users file {path} has no users; add one with python -m desk.auth {path} NAME")
    return users


def checker(users: dict[str, str]) -> Callable[[str, str], bool]:
    """The ``auth`` callable Gradio's login asks: (user, password) → allowed."""
    dummy = hash_password("")

    def check(user: str, password: str) -> bool:
        stored = users.get(user)
        ok = verify(password, stored or dummy)  # same work for an unknown user: no timing hint
        return stored is not None and ok

    return check


def set_user(path: str | os.PathLike[str], user: str, password: str) -> None:
    """Add `user` to the file (or change its password), keeping the other lines."""
    if not user or ":" in user or user != user.strip():
        raise AuthError("a user name must be non-empty, without ':' or surrounding spaces")
    if len(password) < 8:
        raise AuthError("the password must have at least 8 characters")
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    kept = [line for line in lines if line.partition(":")[0].strip() != user]
    kept.append(f"{user}:{hash_password(password)}")
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    os.chmod(path, 0o600)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desk.auth", description="Add a desk user or change a password.")
    parser.add_argument("file")
    parser.add_argument("user")
    parser.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    args = parser.parse_args(argv)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.user}: ")
        if getpass.getpass("again: ") != password:
            print("error: the passwords differ", file=sys.stderr)
            return 2
    try:
        set_user(args.file, args.user, password)
    except AuthError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{args.user} saved in {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
