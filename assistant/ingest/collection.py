"""Read the corpus folder: find review documents, hash them and parse the new or changed ones.

Every file is keyed by the sha256 of its bytes (and of its sidecar `.yaml`, if any). A
file whose key matches the previous build's is not parsed again: its reviews come from
that build. Bad files never stop the others: each problem is one line naming the file.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from assistant import messages
from assistant.hashing import sha256_file
from assistant.ingest.draft import unique_id
from assistant.ingest.files import FORMATS, SIDECAR_SUFFIXES, parse_source
from assistant.models import ParsedSource, Review

log = logging.getLogger(__name__)

DEFAULT_MAX_FILE_BYTES = 40 * 2**20
READ_LATER = "; it will be tried again at the next index"
# Files about the folder itself, not reviews.
SKIPPED_NAMES = frozenset({"readme.md", "readme.txt", "readme"})


class CorpusError(RuntimeError):
    """The corpus folder is missing or holds no usable review."""


@dataclass(frozen=True)
class CorpusFile:
    name: str  # relative to the corpus folder, with forward slashes
    path: Path
    key: str  # sha256 of the file and its sidecar; or a size stamp for a file too big to read
    sidecar: Path | None = None
    too_big: bool = False


@dataclass(frozen=True)
class Changes:
    """How the corpus differs from the previous build."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0


@dataclass(frozen=True)
class Corpus:
    sources: tuple[ParsedSource, ...]
    reviews: tuple[Review, ...]
    file_hashes: dict[str, str]
    changes: Changes = field(default_factory=Changes)

    @property
    def fingerprint(self) -> str:
        return fingerprint_files(self.file_hashes)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(
            w for s in self.sources for w in (*s.warnings, *([s.error] if s.error else []))
        )

    @property
    def failed(self) -> tuple[ParsedSource, ...]:
        return tuple(s for s in self.sources if s.error)


def _sidecar(path: Path) -> Path | None:
    for base in (path.name, path.stem):
        for suffix in SIDECAR_SUFFIXES:
            candidate = path.with_name(base + suffix)
            if candidate.is_file():
                return candidate
    return None


def _visible(path: Path, folder: Path) -> bool:
    parts = path.relative_to(folder).parts
    # Hidden files, parked drafts ("_draft.md") and Word's lock files ("~$brief.docx").
    return not any(p.startswith((".", "_", "~$")) for p in parts)


def scan(folder: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[CorpusFile]:
    """Every document in the folder (sidecars, READMEs and hidden files aside), keyed."""
    if not folder.is_dir():
        raise CorpusError(messages.corpus_missing(folder))
    found = []
    for path in sorted(folder.rglob("*")):
        suffix = path.suffix.lower()
        if (
            not path.is_file()
            or not _visible(path, folder)
            or suffix in SIDECAR_SUFFIXES
            or path.name.lower() in SKIPPED_NAMES
        ):
            continue
        name = path.relative_to(folder).as_posix()
        try:
            size = path.stat().st_size
            if size > max_bytes or suffix not in FORMATS:
                # Not read at all, so not hashed: a stamp notices when it changes.
                stamp = f"unread:{size}:{path.stat().st_mtime_ns}"
                found.append(CorpusFile(name, path, stamp, too_big=size > max_bytes))
                continue
            key = sha256_file(path)
            sidecar = _sidecar(path)
            if sidecar is not None:
                key = hashlib.sha256(f"{key}+{sha256_file(sidecar)}".encode()).hexdigest()
        except OSError:
            key, sidecar = "unreadable", None
        found.append(CorpusFile(name, path, key, sidecar))
    return found


def hash_files(folder: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> dict[str, str]:
    """Each corpus document's key, by its path relative to the folder."""
    return {f.name: f.key for f in scan(folder, max_bytes)}


def fingerprint_files(file_hashes: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(file_hashes):
        digest.update(f"{name}\0{file_hashes[name]}\n".encode())
    return digest.hexdigest()


def read_source(file: CorpusFile, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> ParsedSource:
    if file.too_big:
        return ParsedSource(
            file=file.name,
            key=file.key,
            error=f"{file.name}: is larger than the {max_bytes // 2**20} MB limit; skipped",
        )
    try:
        data = file.path.read_bytes()
        sidecar = None
        if file.sidecar is not None:
            sidecar = (file.sidecar.name, file.sidecar.read_bytes())
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return ParsedSource(
            file=file.name, key=file.key, error=f"{file.name}: cannot be read ({reason})"
        )
    return parse_source(file.name, data, key=file.key, sidecar=sidecar)


def load_corpus(
    folder: Path,
    previous: Mapping[str, ParsedSource] | None = None,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    *,
    reuse: bool = True,
) -> Corpus:
    """Parse the corpus, reusing `previous` results (by file name) whose key still matches,
    unless `reuse` is off; changes are reported against `previous` either way."""
    previous = previous or {}
    files = scan(folder, max_bytes)
    sources, added, changed = [], [], []
    for file in files:
        cached = previous.get(file.name)
        # A file that could not be read (locked, mid-copy) is tried again next time.
        if cached is not None and cached.key == file.key and not cached.error.endswith(READ_LATER):
            sources.append(cached if reuse else read_source(file, max_bytes))
            continue
        (changed if cached is not None else added).append(file.name)
        sources.append(read_source(file, max_bytes))
    names = {f.name for f in files}
    changes = Changes(
        added=tuple(added),
        changed=tuple(changed),
        removed=tuple(sorted(set(previous) - names)),
        unchanged=len(files) - len(added) - len(changed),
    )
    corpus = Corpus(
        sources=tuple(sources),
        reviews=assemble(sources),
        file_hashes={f.name: f.key for f in files},
        changes=changes,
    )
    for warning in corpus.warnings:
        log.warning("corpus: %s", warning)
    if not corpus.reviews:
        raise CorpusError(messages.no_reviews_read(folder))
    return corpus


def assemble(sources: list[ParsedSource] | tuple[ParsedSource, ...]) -> tuple[Review, ...]:
    """All reviews in file order; a title repeated in a later file gets a distinct id."""
    reviews: list[Review] = []
    seen: set[str] = set()
    for source in sources:
        for review in source.reviews:
            if review.id in seen:
                stem = Path(source.file).stem.lower()
                review = _renamed(review, unique_id(f"{review.id}-{stem}", seen))
            seen.add(review.id)
            reviews.append(review)
    return tuple(reviews)


def _renamed(review: Review, new_id: str) -> Review:
    """The review under another id, with its units' ids to match."""

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
