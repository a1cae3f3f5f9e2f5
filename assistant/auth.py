"""Optional sign-in: a file of users and scrypt password hashes (never plain text).

Each line of the file is `name:scrypt$n$r$p$salt$hash` (salt and hash in base64); blank
lines and lines starting with '#' are ignored. `assistant user add NAME` writes lines.
`hash_password` and `verify` are pure; `read_users` and `add_user` touch the file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from pathlib import Path

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_NAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")


class AuthFileError(ValueError):
    """The sign-in file cannot be used; the message names the file and the line."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify(password: str, stored: str) -> bool:
    """Does the password match the stored hash? Constant-time; a malformed hash never does."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest, validate=True)
        found = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt, validate=True),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=2**26,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found, expected)


def read_users(path: Path) -> dict[str, str]:
    """Name -> stored hash. A missing file, a bad line or a plain-text password is an error,
    so a mistyped file never leaves the app open."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise AuthFileError(f"the sign-in file {path} cannot be read ({exc})") from exc
    users: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, stored = line.partition(":")
        if not _NAME.match(name) or not stored.startswith("scrypt$") or stored.count("$") != 5:
            raise AuthFileError(
                f"{path}, line {number}: expected 'name:scrypt$…' (a password hash, written "
                "by `assistant user add NAME`), not a plain password"
            )
        users[name] = stored
    if not users:
        raise AuthFileError(f"the sign-in file {path} lists no users")
    return users


def add_user(path: Path, name: str, password: str) -> None:
    """Add or replace one user's line, keeping the others (written atomically)."""
    if not _NAME.match(name):
        raise AuthFileError("a user name is 1-64 letters, digits or . _ @ -")
    if len(password) < 8:
        raise AuthFileError("a password needs at least 8 characters")
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    kept = [line for line in lines if line.partition(":")[0].strip() != name]
    kept.append(f"{name}:{hash_password(password)}")
    staging = path.with_name(path.name + ".tmp")
    staging.write_text("\n".join(kept) + "\n", encoding="utf-8")
    os.chmod(staging, 0o600)
    os.replace(staging, path)


def checker(users: dict[str, str]):
    """A Gradio `auth` callable: True only for a listed user with the right password."""

    def check(name: str, password: str) -> bool:
        stored = users.get(name)
        if stored is None:
            # Spend the same time on unknown names, so they cannot be told apart.
            verify(password, hash_password("", salt=b"\0" * 16))
            return False
        return verify(password, stored)

    return check
