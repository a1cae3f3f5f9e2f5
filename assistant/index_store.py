"""Build, save and load the index folder: FAISS vectors, BM25, chunks, reviews, manifest.

Layout of `index/`:
    CURRENT            name of the live build (replaced atomically)
    builds/<name>/     manifest.json, vectors.faiss (units in context),
                       vectors_local.faiss (units under their heading), bm25/,
                       chunks.jsonl, sources.json (what each corpus file yielded)

A build is written to a temporary folder and only then named in CURRENT, so a crash
mid-build leaves the previous index usable. Loading checks the manifest against the
configured model and the corpus on disk, and every file against its sha256.

Builds are incremental: a new build takes from the live one the parsed reviews of every
unchanged file and the vector of every unit whose embedded text is unchanged, so only
new or edited text is embedded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import logging
import os
import secrets
import shutil
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path

import numpy as np
from pydantic import TypeAdapter, ValidationError

from .chunking import CHUNKER_VERSION, chunk_reviews
from .corpus import DEFAULT_MAX_FILE_BYTES, Changes, Corpus, assemble, fingerprint_files, hash_files
from .encoder import Encoder
from .hashing import sha256_file
from .keyword_index import KeywordIndex
from .models import Chunk, IndexManifest, ParsedSource, Review
from .vector_index import FaissVectorIndex, VectorIndex

log = logging.getLogger(__name__)

FORMAT_VERSION = 3
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
_sources_adapter = TypeAdapter(tuple[ParsedSource, ...])


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


@dataclass
class PreviousBuild:
    """What the live build lends a new one: parsed files and vectors by embedded text."""

    sources: dict[str, ParsedSource]
    vectors: dict[str, np.ndarray]
    local_vectors: dict[str, np.ndarray]
    # False when the code that reads files changed since: every file is parsed again
    # (its vectors are still reused wherever the text comes out the same).
    parses_current: bool = True


@cache
def pipeline_version() -> str:
    """CHUNKER_VERSION plus a hash of the source of every module that turns files into
    units, so an upgraded reader re-reads unchanged files without anyone bumping a number."""
    root = Path(__file__).resolve().parent
    names = ("ingest", "outline", "drafts", "metadata", "parsing", "chunking", "models")
    digest = hashlib.sha256()
    for path in [*(root / f"{n}.py" for n in names), *sorted((root / "formats").glob("*.py"))]:
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return f"{CHUNKER_VERSION}+{digest.hexdigest()[:12]}"


def read_previous(index_dir: Path, encoder: Encoder) -> PreviousBuild:
    """The live build's reusable parts; empty where it is missing, corrupt or incompatible."""
    empty = PreviousBuild({}, {}, {})
    try:
        folder = current_build(index_dir)
        manifest = read_manifest(folder)
        _verify_files(folder, manifest)
        if manifest.format_version != FORMAT_VERSION:
            return empty
        sources = _sources_adapter.validate_json((folder / "sources.json").read_bytes())
        current = manifest.chunker_version == pipeline_version()
        previous = PreviousBuild({s.file: s for s in sources}, {}, {}, current)
        same_model = (manifest.model_id, manifest.model_fingerprint) == (
            encoder.model_id,
            encoder.fingerprint(),
        )
        if same_model:
            chunks = _read_chunks(folder)
            for name, texts, target in (
                ("vectors.faiss", [c.context_text for c in chunks], previous.vectors),
                ("vectors_local.faiss", [c.local_text for c in chunks], previous.local_vectors),
            ):
                matrix = FaissVectorIndex.load(folder / name).all_vectors()
                if len(matrix) == len(texts):
                    target.update(zip(texts, matrix, strict=True))
        return previous
    except Exception as exc:  # anything unreadable: build from scratch
        log.info("previous build not reused: %s", exc)
        return empty


def _embed(
    texts: list[str], known: dict[str, np.ndarray], encoder: Encoder
) -> tuple[np.ndarray, int]:
    """Vectors for `texts`, embedding only those not in `known`; and how many distinct
    texts were embedded and how many reused."""
    distinct = list(dict.fromkeys(texts))
    missing = [t for t in distinct if t not in known]
    if missing:
        known.update(zip(missing, encoder.encode(missing, progress=True), strict=True))
    matrix = np.stack([known[t] for t in texts]).astype(np.float32)
    return matrix, len(missing), len(distinct) - len(missing)


def _versions() -> dict[str, str]:
    names = ("faiss-cpu", "bm25s", "sentence-transformers", "safeguarding-review-assistant")
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "unknown"
    return found


@contextmanager
def build_lock(index_dir: Path):
    """One build at a time per index folder, across processes."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build_index(
    corpus: Corpus, encoder: Encoder, index_dir: Path, previous: PreviousBuild | None = None
) -> LoadedIndex:
    """Index every unit of the corpus, embedding only text that `previous` lacks, then
    swap the new build in atomically."""
    started = time.perf_counter()
    previous = previous or PreviousBuild({}, {}, {})
    chunks = chunk_reviews(corpus.reviews)
    texts = [c.context_text for c in chunks]
    log.info("indexing %d units from %d reviews", len(chunks), len(corpus.reviews))
    vectors, new, old = _embed(texts, previous.vectors, encoder)
    local, new_local, old_local = _embed(
        [c.local_text for c in chunks], previous.local_vectors, encoder
    )
    faiss_index = FaissVectorIndex.build(vectors)
    local_index = FaissVectorIndex.build(local)
    keywords = KeywordIndex.build(texts)

    builds = index_dir / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=builds))
    staging.chmod(0o755)  # mkdtemp makes it private; the app may run as another user
    try:
        faiss_index.save(staging / "vectors.faiss")
        local_index.save(staging / "vectors_local.faiss")
        keywords.save(staging / "bm25")
        (staging / "chunks.jsonl").write_text(
            "".join(c.model_dump_json() + "\n" for c in chunks), encoding="utf-8"
        )
        (staging / "sources.json").write_bytes(_sources_adapter.dump_json(corpus.sources))
        files = {
            p.relative_to(staging).as_posix(): sha256_file(p)
            for p in sorted(staging.rglob("*"))
            if p.is_file()
        }
        kinds = Counter(str(c.kind) for c in chunks)
        manifest = IndexManifest(
            format_version=FORMAT_VERSION,
            model_id=encoder.model_id,
            model_fingerprint=encoder.fingerprint(),
            dimension=int(vectors.shape[1]),
            corpus_fingerprint=corpus.fingerprint,
            corpus_files=corpus.file_hashes,
            chunker_version=pipeline_version(),
            counts={"reviews": len(corpus.reviews), "chunks": len(chunks), **kinds},
            files=files,
            built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            versions=_versions(),
        )
        (staging / "manifest.json").write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
        _fsync_tree(staging)
        stamp = manifest.built_at.replace(":", "").replace("+0000", "Z")
        # A random part keeps two builds in one second from colliding with the live one.
        final = builds / f"{stamp}-{manifest.corpus_fingerprint[:8]}-{secrets.token_hex(3)}"
        staging.rename(final)
        _fsync_dir(builds)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point_current_to(index_dir, final.name)
    _prune(builds, keep=final.name)
    log.info("index built: %s", final)
    stats = BuildStats(
        changes=corpus.changes,
        embedded=new + new_local,
        reused=old + old_local,
        seconds=time.perf_counter() - started,
    )
    return LoadedIndex(
        manifest, tuple(chunks), corpus.sources, faiss_index, local_index, keywords, final, stats
    )


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make a rename inside the folder durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _point_current_to(index_dir: Path, name: str) -> None:
    tmp = index_dir / f".{CURRENT}.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)


def _prune(builds: Path, keep: str) -> None:
    for child in builds.iterdir():
        if child.name != keep:
            shutil.rmtree(child, ignore_errors=True)


def current_build(index_dir: Path) -> Path:
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError as exc:
        raise IndexInvalid(f"no index has been built in {index_dir}") from exc
    except (OSError, UnicodeError) as exc:
        raise IndexInvalid(f"{pointer} cannot be read") from exc
    folder = index_dir / BUILDS / name
    if not name or "/" in name or name.startswith(".") or not folder.is_dir():
        raise IndexInvalid(f"{pointer} names a build that does not exist ({name[:40]!r})")
    return folder


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


def _verify_files(folder: Path, manifest: IndexManifest) -> None:
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
    folder = current_build(index_dir)
    manifest = read_manifest(folder)
    check_manifest(
        manifest,
        model_id=encoder.model_id,
        model_fingerprint=encoder.fingerprint(),
        corpus_fingerprint=fingerprint_files(hash_files(corpus_dir, max_bytes)),
    )
    _verify_files(folder, manifest)
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


def _read_chunks(folder: Path) -> tuple[Chunk, ...]:
    return tuple(
        Chunk.model_validate_json(line)
        for line in (folder / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    )


def load_index(
    index_dir: Path, corpus_dir: Path, encoder: Encoder, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> LoadedIndex:
    """Load the live build, or raise IndexInvalid saying why it cannot be used."""
    folder, manifest = open_build(index_dir, corpus_dir, encoder, max_bytes)
    try:
        chunks = _read_chunks(folder)
        sources = _sources_adapter.validate_json((folder / "sources.json").read_bytes())
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
