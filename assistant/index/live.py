"""The live index: load it, or rebuild it (saying why) when it is missing, stale or corrupt.

The policy of `assistant index` and of every start of the app and the CLI.
"""

from __future__ import annotations

import contextlib
import logging

from assistant.index.build import PreviousBuild, build_index, build_lock, read_previous
from assistant.index.encoders.base import Encoder
from assistant.index.store import IndexInvalid, LoadedIndex, load_index
from assistant.ingest.collection import load_corpus
from assistant.models import ChunkKind, IndexReport
from assistant.settings import Settings

log = logging.getLogger(__name__)


def ensure_index(settings: Settings, encoder: Encoder, *, full: bool = False) -> LoadedIndex:
    """Load the index, rebuilding it (and saying why) when missing, stale or corrupt.

    A rebuild parses and embeds only what changed since the live build, unless `full`."""
    where = (settings.index_dir, settings.corpus_dir, encoder, settings.max_file_bytes)
    if not full:
        try:
            return load_index(*where)
        except IndexInvalid as exc:
            log.warning("rebuilding the index: %s", exc)
    with build_lock(settings.index_dir):
        if not full:  # another process may have rebuilt it while we waited
            with contextlib.suppress(IndexInvalid):
                return load_index(*where)
        previous = read_previous(settings.index_dir, encoder)
        corpus = load_corpus(
            settings.corpus_dir,
            previous.sources,
            settings.max_file_bytes,
            reuse=previous.parses_current and not full,
        )
        if full:
            previous = PreviousBuild(previous.sources, {}, {}, parses_current=False)
        return build_index(
            corpus, encoder, settings.index_dir, previous, settings.exact_search_limit
        )


def index_report(index: LoadedIndex) -> IndexReport:
    """What the index holds, and what building it did if this process built it."""
    counts = index.manifest.counts
    stats = index.stats
    changes = {}
    if stats is not None:
        c = stats.changes
        changes = dict(
            added=c.added,
            changed=c.changed,
            removed=c.removed,
            unchanged=c.unchanged,
            embedded=stats.embedded,
            reused=stats.reused,
        )
    return IndexReport(
        path=str(index.path),
        files=len(index.manifest.corpus_files),
        reviews=counts["reviews"],
        learning_points=counts.get(ChunkKind.LEARNING_POINT, 0),
        next_steps=counts.get(ChunkKind.NEXT_STEP, 0),
        summaries=counts.get(ChunkKind.SUMMARY, 0),
        units=counts["chunks"],
        built=stats is not None,
        failed=tuple(s.error for s in index.sources if s.error),
        dropped=sum(s.dropped for s in index.sources),
        warnings=tuple(w for s in index.sources for w in s.warnings),
        **changes,
    )
