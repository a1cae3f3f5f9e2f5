"""Write a new build of the index: embed what changed, write every artifact to a staging
folder, and name it in CURRENT atomically. Reading and checking builds is `store`.

Builds are incremental: a new build takes from the live one the parsed reviews of every
unchanged file and the vector of every unit whose embedded text is unchanged, so only
new or edited text is embedded.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import secrets
import shutil
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
from tqdm import tqdm

from assistant.hashing import sha256_file
from assistant.index import store
from assistant.index.encoders.base import Encoder
from assistant.index.keywords import KeywordIndex
from assistant.index.store import (
    BUILDS,
    CURRENT,
    FORMAT_VERSION,
    REUSABLE_FORMATS,
    BuildStats,
    LoadedIndex,
    current_build,
    read_chunks,
    read_manifest,
    sources_adapter,
    verify_files,
)
from assistant.index.units import chunk_reviews
from assistant.index.vectors import FaissVectorIndex
from assistant.ingest.collection import Corpus
from assistant.models import IndexManifest, ParsedSource

log = logging.getLogger(__name__)


@dataclass
class PreviousBuild:
    """What the live build lends a new one: parsed files and vectors by embedded text."""

    sources: dict[str, ParsedSource]
    vectors: dict[str, np.ndarray]
    local_vectors: dict[str, np.ndarray]
    # False when the code that reads files changed since: every file is parsed again
    # (its vectors are still reused wherever the text comes out the same).
    parses_current: bool = True


def read_previous(index_dir: Path, encoder: Encoder) -> PreviousBuild:
    """The live build's reusable parts; empty where it is missing, corrupt or incompatible."""
    empty = PreviousBuild({}, {}, {})
    try:
        folder = current_build(index_dir)
        manifest = read_manifest(folder)
        verify_files(folder, manifest)
        if manifest.format_version not in REUSABLE_FORMATS:
            return empty
        sources = sources_adapter.validate_json((folder / "sources.json").read_bytes())
        current = manifest.chunker_version == store.pipeline_version()
        previous = PreviousBuild({s.file: s for s in sources}, {}, {}, current)
        same_model = (manifest.model_id, manifest.model_fingerprint) == (
            encoder.model_id,
            encoder.fingerprint(),
        )
        if same_model:
            chunks = read_chunks(folder, manifest.format_version)
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


# Texts per encode call. The model library gathers a call's vectors in a list and then
# joins them, holding them twice; slices into one matrix hold them once (at 250,000 texts
# that is 370 MB less at the peak of a build).
ENCODE_SLICE = 8192


def _encode_in_slices(texts: list[str], encoder: Encoder) -> np.ndarray:
    if len(texts) <= ENCODE_SLICE:
        return encoder.encode(texts, progress=True) if texts else np.zeros((0, 0), np.float32)
    out = np.empty((len(texts), encoder.dimension), dtype=np.float32)
    with tqdm(total=len(texts), unit=" texts", desc="Embedding") as bar:
        for start in range(0, len(texts), ENCODE_SLICE):
            part = texts[start : start + ENCODE_SLICE]
            out[start : start + len(part)] = encoder.encode(part)
            bar.update(len(part))
    return out


def _embed(
    columns: list[tuple[list[str], dict[str, np.ndarray]]], encoder: Encoder
) -> tuple[list[np.ndarray], int, int]:
    """A matrix of vectors for each (texts, known vectors) column, embedding only texts
    not known, all in one call (the model batches texts of like length together); and
    how many distinct texts were embedded and how many reused."""
    missing: dict[str, None] = {}
    reused = 0
    for texts, known in columns:
        distinct = dict.fromkeys(texts)
        reused += sum(t in known for t in distinct)
        missing.update((t, None) for t in distinct if t not in known)
    fresh = _encode_in_slices(list(missing), encoder)
    row = {t: i for i, t in enumerate(missing)}
    matrices = [
        np.stack([known[t] if t in known else fresh[row[t]] for t in texts])
        for texts, known in columns
    ]
    return matrices, len(missing), reused


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
    corpus: Corpus,
    encoder: Encoder,
    index_dir: Path,
    previous: PreviousBuild | None = None,
    exact_limit: int = 10_000,
) -> LoadedIndex:
    """Index every unit of the corpus, embedding only text that `previous` lacks, then
    swap the new build in atomically. Vector search is exact up to `exact_limit` units."""
    started = time.perf_counter()
    previous = previous or PreviousBuild({}, {}, {})
    chunks = chunk_reviews(corpus.reviews)
    texts = [c.context_text for c in chunks]
    log.info("indexing %d units from %d reviews", len(chunks), len(corpus.reviews))
    (vectors, local), embedded, reused = _embed(
        [(texts, previous.vectors), ([c.local_text for c in chunks], previous.local_vectors)],
        encoder,
    )
    approximate = len(chunks) > exact_limit
    faiss_index = FaissVectorIndex.build(vectors, approximate)
    local_index = FaissVectorIndex.build(local, approximate)
    dimension = int(vectors.shape[1])
    del vectors, local  # FAISS holds its own copy; at 100,000 units each is 150 MB
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
        (staging / "sources.json").write_bytes(sources_adapter.dump_json(corpus.sources))
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
            dimension=dimension,
            corpus_fingerprint=corpus.fingerprint,
            corpus_files=corpus.file_hashes,
            chunker_version=store.pipeline_version(),
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
    _point_current_to(index_dir, final.name, sha256_file(final / "manifest.json"))
    _prune(builds, keep=final.name)
    log.info("index built: %s", final)
    stats = BuildStats(
        changes=corpus.changes,
        embedded=embedded,
        reused=reused,
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


def _point_current_to(index_dir: Path, name: str, manifest_sha: str) -> None:
    """Name the live build, with its manifest's checksum (the manifest holds every other
    file's, so one flipped bit anywhere is caught)."""
    tmp = index_dir / f".{CURRENT}.tmp"
    tmp.write_text(f"{name}\n{manifest_sha}\n", encoding="utf-8")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)


def _prune(builds: Path, keep: str) -> None:
    for child in builds.iterdir():
        if child.name != keep:
            shutil.rmtree(child, ignore_errors=True)
