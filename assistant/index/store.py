"""Load and check the index folder: FAISS vectors, BM25, chunks, reviews, manifest.

Layout of `index/`:
    CURRENT            name of the live build (replaced atomically)
    builds/<name>/     manifest.json, vectors.faiss (units in context),
                       vectors_local.faiss (units under their heading), bm25/,
                       chunks.jsonl, sources.json (what each corpus file yielded)

A build is written to a temporary folder and only then named in CURRENT, so a crash
mid-build leaves the previous index usable. Loading checks the manifest against the
configured model and the corpus on disk, and every file against its sha256.

Writing builds (incrementally) is `build`; loading or rebuilding as needed is `live`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from assistant.hashing import sha256_file
from assistant.index.encoders.base import Encoder
from assistant.index.keywords import KeywordIndex
from assistant.index.units import CHUNKER_VERSION
from assistant.index.vectors import FaissVectorIndex, VectorIndex
from assistant.ingest.collection import (
    DEFAULT_MAX_FILE_BYTES,
    Changes,
    assemble,
    fingerprint_files,
    hash_files,
)
from assistant.models import Chunk, IndexManifest, ParsedSource, Review
from assistant.text import JoinedTexts

log = logging.getLogger(__name__)

FORMAT_VERSION = 4
# Older formats whose vectors a new build still reuses (4 only stopped storing the context
# text, which is derived from fields still stored), so an upgrade embeds nothing again.
REUSABLE_FORMATS = frozenset({3, FORMAT_VERSION})
CURRENT = "CURRENT"
REQUIRED_FILES = frozenset(
    {
        "vectors.faiss",
        "vectors_local.faiss",
        "chunks.jsonl",
        "sources.json",
        "bm25/params.index.json",
    }
)
BUILDS = "builds"
sources_adapter = TypeAdapter(tuple[ParsedSource, ...])


class IndexInvalid(RuntimeError):
    """The index folder cannot be used as it is; the message says why."""


@dataclass(frozen=True)
class BuildStats:
    """What a build did, for the summary the CLI prints."""

    changes: Changes
    embedded: int  # texts sent to the model
    reused: int  # texts whose vectors came from the previous build
    seconds: float


@dataclass(frozen=True)
class LoadedIndex:
    manifest: IndexManifest
    chunks: tuple[Chunk, ...]
    sources: tuple[ParsedSource, ...]
    vectors: VectorIndex  # units in context: "title › heading: text"
    local_vectors: VectorIndex  # units under their heading only: "heading: text"
    keywords: KeywordIndex
    path: Path
    stats: BuildStats | None = None  # set when this process built it

    @cached_property
    def reviews(self) -> tuple[Review, ...]:
        return assemble(self.sources)

    @cached_property
    def unit_texts(self) -> JoinedTexts:
        """Every unit's text, joined for one-pass pattern searches (built on first use)."""
        return JoinedTexts.of([c.text for c in self.chunks])


# The package whose source decides how files become units (tests point it at a copy).
PACKAGE = Path(__file__).resolve().parent.parent


def reader_files(package: Path) -> list[Path]:
    """Every module that turns a file into units: all of `ingest/` (readers, outline, cues,
    metadata...), the unit builder, and the models and text helpers they fill."""
    found = sorted((package / "ingest").rglob("*.py"))
    return [*found, package / "index" / "units.py", package / "models.py", package / "text.py"]


def readers_digest(package: Path) -> str:
    """A hash of the readers' source, names included (a moved module counts as a change)."""
    digest = hashlib.sha256()
    for path in reader_files(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def pipeline_version() -> str:
    """CHUNKER_VERSION plus a hash of the readers' source, so a changed reader (or a changed
    section-name cue) re-reads unchanged files without anyone bumping a number."""
    return f"{CHUNKER_VERSION}+{readers_digest(PACKAGE)[:12]}"


def current_build(index_dir: Path) -> Path:
    return _current(index_dir)[0]


def _current(index_dir: Path) -> tuple[Path, str]:
    """The live build's folder and its manifest's sha256, from CURRENT."""
    pointer = index_dir / CURRENT
    try:
        name, _, manifest_sha = pointer.read_text(encoding="utf-8").strip().partition("\n")
    except FileNotFoundError as exc:
        raise IndexInvalid(f"no index has been built in {index_dir}") from exc
    except (OSError, UnicodeError) as exc:
        raise IndexInvalid(f"{pointer} cannot be read") from exc
    folder = index_dir / BUILDS / name
    if not name or "/" in name or name.startswith(".") or not folder.is_dir():
        raise IndexInvalid(f"{pointer} names a build that does not exist ({name[:40]!r})")
    return folder, manifest_sha.strip()


def read_manifest(folder: Path) -> IndexManifest:
    try:
        return IndexManifest.model_validate_json((folder / "manifest.json").read_bytes())
    except FileNotFoundError as exc:
        raise IndexInvalid("manifest.json is missing") from exc
    except (ValidationError, ValueError, OSError) as exc:
        raise IndexInvalid("manifest.json is corrupt") from exc


def check_manifest(
    manifest: IndexManifest, *, model_id: str, model_fingerprint: str, corpus_fingerprint: str
) -> None:
    """Raise IndexInvalid naming the first way the index differs from what is configured."""
    expected = {
        "index format": (manifest.format_version, FORMAT_VERSION),
        "document readers": (manifest.chunker_version, pipeline_version()),
        "embedding model": (manifest.model_id, model_id),
        "embedding model weights": (manifest.model_fingerprint, model_fingerprint),
        "corpus": (manifest.corpus_fingerprint, corpus_fingerprint),
    }
    for what, (found, wanted) in expected.items():
        if found != wanted:
            raise IndexInvalid(f"the {what} changed since the index was built")


def verify_files(folder: Path, manifest: IndexManifest) -> None:
    """Every artifact is listed, present and intact, and nothing else is in the build."""
    on_disk = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    for name in sorted(REQUIRED_FILES - on_disk):
        raise IndexInvalid(f"index file {name} is missing")
    for name in sorted(set(manifest.files) ^ on_disk):
        state = "missing" if name in manifest.files else "not in the manifest"
        raise IndexInvalid(f"index file {name} is {state}")
    for name, digest in manifest.files.items():
        if sha256_file(folder / name) != digest:
            raise IndexInvalid(f"index file {name} is corrupt (checksum mismatch)")


def open_build(
    index_dir: Path, corpus_dir: Path, encoder: Encoder, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> tuple[Path, IndexManifest]:
    """The live build and its manifest, checked against the model, corpus and checksums."""
    folder, manifest_sha = _current(index_dir)
    if not manifest_sha:  # CURRENT written before it held the manifest's checksum
        raise IndexInvalid("the index format changed since the index was built")
    try:
        found = sha256_file(folder / "manifest.json")
    except FileNotFoundError as exc:
        raise IndexInvalid("manifest.json is missing") from exc
    except OSError as exc:
        raise IndexInvalid("manifest.json is corrupt") from exc
    if found != manifest_sha:
        # Also catches a manifest that still parses after a flipped bit ("reviews": 7).
        raise IndexInvalid("manifest.json is corrupt (checksum mismatch)")
    manifest = read_manifest(folder)
    check_manifest(
        manifest,
        model_id=encoder.model_id,
        model_fingerprint=encoder.fingerprint(),
        corpus_fingerprint=fingerprint_files(hash_files(corpus_dir, max_bytes)),
    )
    verify_files(folder, manifest)
    return folder, manifest


def is_stale(
    index_dir: Path, corpus_dir: Path, encoder: Encoder, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> str | None:
    """Why the index must be rebuilt, or None when it is current. Cheap: no model load."""
    try:
        open_build(index_dir, corpus_dir, encoder, max_bytes)
    except IndexInvalid as exc:
        return str(exc)
    return None


def read_chunks(folder: Path, format_version: int = FORMAT_VERSION) -> tuple[Chunk, ...]:
    """Line by line: reading the whole file first would hold it twice more at the peak
    (at 128,000 units, a few hundred MB the process keeps)."""
    with (folder / "chunks.jsonl").open(encoding="utf-8") as lines:
        if format_version == 3:  # stored each unit's context text, now derived
            return tuple(
                Chunk.model_validate(
                    {k: v for k, v in json.loads(line).items() if k != "context_text"}
                )
                for line in lines
                if line.strip()
            )
        return tuple(Chunk.model_validate_json(line) for line in lines if line.strip())


def load_index(
    index_dir: Path, corpus_dir: Path, encoder: Encoder, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> LoadedIndex:
    """Load the live build, or raise IndexInvalid saying why it cannot be used."""
    folder, manifest = open_build(index_dir, corpus_dir, encoder, max_bytes)
    try:
        chunks = read_chunks(folder)
        sources = sources_adapter.validate_json((folder / "sources.json").read_bytes())
        vectors = FaissVectorIndex.load(folder / "vectors.faiss")
        local_vectors = FaissVectorIndex.load(folder / "vectors_local.faiss")
        keywords = KeywordIndex.load(folder / "bm25")
    except Exception as exc:  # any unreadable artifact means: rebuild
        raise IndexInvalid(f"an index file could not be read ({type(exc).__name__})") from exc
    sizes = {len(vectors), len(local_vectors), manifest.counts.get("chunks"), len(chunks)}
    if len(sizes) != 1:
        raise IndexInvalid("index files disagree on the number of units")
    if {vectors.dimension, local_vectors.dimension} != {manifest.dimension}:
        raise IndexInvalid("vector dimension does not match the manifest")
    return LoadedIndex(manifest, chunks, sources, vectors, local_vectors, keywords, folder)
