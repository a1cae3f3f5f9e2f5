"""sha256 of files, read in blocks so large files do not load into memory."""

from __future__ import annotations

import hashlib
from pathlib import Path

BLOCK = 1 << 20


def update_from_file(digest, path: Path) -> None:
    """Feed a file's bytes into a running hash."""
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(BLOCK), b""):
            digest.update(block)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    update_from_file(digest, path)
    return digest.hexdigest()
