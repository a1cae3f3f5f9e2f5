"""Optional sign-in: a file of users and scrypt password hashes (never plain text).

Each line of the file is `name:scrypt$n$r$p$salt$hash` (salt and hash in base64); blank
lines and lines starting with '#' are ignored. `assistant user add NAME` writes lines.
`hash_password` and `verify` are pure; `read_users` and `add_user` touch the file.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import re
import tempfile
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


def _params_ok(n: int, r: int, p: int) -> bool:
    """At least as costly as ours, and not so costly that one sign-in can exhaust memory."""
    return SCRYPT_N <= n <= 2**17 and (n & (n - 1)) == 0 and 8 <= r <= 16 and 1 <= p <= 4


def verify(password: str, stored: str) -> bool:
    """Does the password match the stored hash? Constant-time; a malformed hash never does."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or not _params_ok(int(n), int(r), int(p)):
            return False
        expected = base64.b64decode(digest, validate=True)
        found = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt, validate=True),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=2**29,
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
        parts = stored.split("$")
        if (
            not _NAME.match(name)
            or len(parts) != 6
            or parts[0] != "scrypt"
            or not all(x.isdigit() for x in parts[1:4])
        ):
            raise AuthFileError(
                f"{path}, line {number}: expected 'name:scrypt$…' (a password hash, written "
                "by `assistant user add NAME`), not a plain password"
            )
        if not _params_ok(*(int(x) for x in parts[1:4])):
            raise AuthFileError(
                f"{path}, line {number}: the scrypt cost is outside {SCRYPT_N}-2^20"
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
    # Private from the first byte: created 0600 under a name no one can guess.
    fd, staging = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(kept) + "\n")
        os.replace(staging, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staging)
        raise


def checker(users: dict[str, str]):
    """A Gradio `auth` callable: True only for a listed user with the right password."""

    # Unknown names are checked against a hash too, so they take as long as known ones.
    decoy = hash_password(os.urandom(16).hex())

    def check(name: str, password: str) -> bool:
        stored = users.get(name)
        matched = verify(password, stored if stored is not None else decoy)
        return matched and stored is not None

    return check
