"""Read the corpus folder: find review documents, hash them and parse them into reviews.

Bad files never stop the others: each problem becomes a warning naming the file.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from .hashing import sha256_file
from .models import Review
from .parsing import parse_document, unique_id

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md")
MAX_FILE_BYTES = 20 * 1024 * 1024


class CorpusError(RuntimeError):
    """The corpus folder is missing or holds no usable review."""


@dataclass(frozen=True)
class Corpus:
    reviews: tuple[Review, ...]
    file_hashes: dict[str, str]
    warnings: tuple[str, ...]

    @property
    def fingerprint(self) -> str:
        return fingerprint_files(self.file_hashes)


def corpus_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise CorpusError(f"Corpus folder {folder} does not exist. Put review documents there.")
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
    )


def hash_files(folder: Path) -> dict[str, str]:
    """sha256 of each readable corpus document, keyed by its path relative to the folder."""
    hashes = {}
    for path in corpus_files(folder):
        try:
            hashes[path.relative_to(folder).as_posix()] = sha256_file(path)
        except OSError:
            continue  # load_corpus reports it; an unreadable file is not indexed
    return hashes


def fingerprint_files(file_hashes: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(file_hashes):
        digest.update(f"{name}\0{file_hashes[name]}\n".encode())
    return digest.hexdigest()


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _looks_binary(data: bytes) -> bool:
    if data.startswith(UTF16_BOMS):
        return False
    sample = data[:8192]
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in sample)
    return b"\0" in sample or controls > len(sample) * 0.05


def _decode(data: bytes) -> tuple[str, str | None]:
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "is not UTF-8; read it as Windows-1252"


def load_corpus(folder: Path) -> Corpus:
    reviews: list[Review] = []
    warnings: list[str] = []
    hashes: dict[str, str] = {}
    seen_ids: set[str] = set()
    for path in corpus_files(folder):
        name = path.relative_to(folder).as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            warnings.append(f"{name}: could not be read ({exc.strerror}); skipped")
            continue
        hashes[name] = hashlib.sha256(data).hexdigest()
        if len(data) > MAX_FILE_BYTES:
            warnings.append(f"{name}: larger than {MAX_FILE_BYTES // 2**20} MiB; skipped")
            continue
        if _looks_binary(data):
            warnings.append(f"{name}: looks like a binary file, not text; skipped")
            continue
        text, problem = _decode(data)
        if problem:
            warnings.append(f"{name}: {problem}")
        parsed = parse_document(text, name)
        warnings.extend(parsed.warnings)
        if not parsed.reviews:
            warnings.append(
                f"{name}: no review found (expected a title followed by Themes, "
                "Summary or Key learning); skipped"
            )
        for review in parsed.reviews:
            if review.id in seen_ids:
                review = _renamed(review, f"{review.id}-{path.stem.lower()}", seen_ids)
            seen_ids.add(review.id)
            reviews.append(review)
    for warning in warnings:
        log.warning("corpus: %s", warning)
    if not reviews:
        raise CorpusError(f"No reviews could be read from {folder}.")
    return Corpus(reviews=tuple(reviews), file_hashes=hashes, warnings=tuple(warnings))


def _renamed(review: Review, base: str, seen: set[str]) -> Review:
    """Give a review whose title repeats another file's a distinct id (and unit ids)."""
    new_id = unique_id(base, set(seen))

    def swap(unit_id: str) -> str:
        return new_id + unit_id.removeprefix(review.id)

    return review.model_copy(
        update={
            "id": new_id,
            "summary_id": swap(review.summary_id) if review.summary_id else "",
            "sections": tuple(
                s.model_copy(
                    update={
                        "points": tuple(p.model_copy(update={"id": swap(p.id)}) for p in s.points)
                    }
                )
                for s in review.sections
            ),
            "next_steps": tuple(n.model_copy(update={"id": swap(n.id)}) for n in review.next_steps),
        }
    )
