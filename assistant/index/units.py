"""Turn reviews into citable chunks: one per learning point, next step and summary.

Pure. A chunk's id is the id of the unit it quotes, which hashes the unit's text, so an
unchanged corpus gives identical ids and an edited bullet changes only its own id.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice

from assistant.models import (
    SUMMARY_HEADING,
    Chunk,
    ChunkKind,
    Review,
    Role,
)

# Bump when parsing or chunking changes what gets indexed; a stale index is then rebuilt
# and every corpus file is parsed again.
CHUNKER_VERSION = "3"
# Word overlap (Jaccard) at which units of two reviews are the same learning.
TWIN_SIMILARITY = 0.8
# Twins kept per unit (in corpus order).
MAX_TWINS = 20


def chunk_review(review: Review) -> list[Chunk]:
    common = {
        "review_id": review.id,
        "review_title": review.title,
        "review_kind": review.kind,
    }
    chunks: list[Chunk] = []
    if review.summary:
        chunks.append(
            Chunk(
                id=review.summary_id,
                kind=ChunkKind.SUMMARY,
                role=Role.BACKGROUND,
                section=SUMMARY_HEADING,
                position=1,
                text=review.summary,
                source=review.source,
                **common,
            )
        )
    for section in review.sections:
        for point in section.points:
            chunks.append(
                Chunk(
                    id=point.id,
                    kind=ChunkKind.LEARNING_POINT,
                    role=section.role,
                    section=section.heading,
                    position=point.position,
                    text=point.text,
                    source=point.source,
                    **common,
                )
            )
    for step in review.next_steps:
        chunks.append(
            Chunk(
                id=step.id,
                kind=ChunkKind.NEXT_STEP,
                role=Role.ACTION,
                section=review.next_steps_heading,
                position=step.position,
                number=step.number,
                text=step.text,
                source=step.source,
                **common,
            )
        )
    return chunks


def chunk_reviews(reviews: Iterable[Review]) -> list[Chunk]:
    chunks = [chunk for review in reviews for chunk in chunk_review(review)]
    return link_twins(chunks, TWIN_SIMILARITY)


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def _prefix_length(size: int, threshold: float) -> int:
    """Tokens of a set's prefix that any set with Jaccard >= threshold must share one of."""
    return size - math.ceil(threshold * size - 1e-9) + 1


def similar_pairs(sets: Sequence[frozenset[str]], threshold: float) -> Iterator[tuple[int, int]]:
    """Every pair (i < j) of sets whose Jaccard similarity is at least `threshold`.

    Exact, without comparing all pairs (prefix filtering, as in Bayardo et al.'s
    All-Pairs): with tokens ordered rarest first, two such sets share a token among the
    first few of each, so only sets meeting in an inverted list of prefixes are compared."""
    frequency = Counter(t for s in sets for t in s)
    rank = {t: r for r, (t, _) in enumerate(sorted(frequency.items(), key=lambda x: (x[1], x[0])))}
    postings: dict[str, list[int]] = defaultdict(list)
    starts: dict[str, int] = defaultdict(int)
    order = sorted(range(len(sets)), key=lambda i: len(sets[i]))
    for j in order:  # shortest first, so each set meets only shorter or equal ones
        size = len(sets[j])
        if not size:
            continue
        tokens = sorted(sets[j], key=rank.__getitem__)
        seen: set[int] = set()
        shortest = math.ceil(threshold * size - 1e-9)
        for token in tokens[: _prefix_length(size, threshold)]:
            found = postings[token]
            # Lists grow in size order and sizes only rise from here: sets too short now
            # are too short for good, so each list's start only moves forward.
            start = starts[token]
            while start < len(found) and len(sets[found[start]]) < shortest:
                start += 1
            starts[token] = start
            for k in range(start, len(found)):
                i = found[k]
                if i in seen:
                    continue
                seen.add(i)
                if len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= threshold:
                    yield (i, j) if i < j else (j, i)
        # A set meets only sets at least its size later, so a shorter prefix of it is
        # enough to be found: it must share 2t/(1+t) of its own tokens with such a set.
        for token in tokens[: _prefix_length(size, 2 * threshold / (1 + threshold))]:
            postings[token].append(j)


def link_twins(chunks: list[Chunk], threshold: float, most: int = MAX_TWINS) -> list[Chunk]:
    """Mark units of the same kind in different reviews whose words overlap (Jaccard) at
    least `threshold`: the joint-inspection briefs repeat whole sections almost verbatim.

    Each unit keeps its first `most` twins in corpus order: an answer cites that many
    reviews for one piece of learning, not hundreds."""
    # Units with the same words are joined as one: a large collection repeats whole
    # points, and joining each copy made the join quadratic in the copies (at 122,000
    # units, 66,000 distinct word sets). Summaries describe different reviews even when
    # they share boilerplate, and a unit without words has no twins.
    groups: dict[frozenset[str], list[int]] = defaultdict(list)  # corpus order within each
    for i, c in enumerate(chunks):
        if c.kind != ChunkKind.SUMMARY and (words := _words(c.text)):
            groups[words].append(i)
    members = list(groups.values())
    near: dict[int, list[int]] = defaultdict(list)
    for a, b in similar_pairs(list(groups), threshold):
        near[a].append(b)
        near[b].append(a)
    twins: dict[int, tuple[str, ...]] = {}
    for g, group in enumerate(members):
        pool = sorted(chain(group, *(members[h] for h in near[g]))) if near[g] else group
        if len(pool) < 2:
            continue
        for i in group:
            unit = chunks[i]
            found = (
                chunks[j].id
                for j in pool
                if chunks[j].kind == unit.kind and chunks[j].review_id != unit.review_id
            )
            if first := tuple(islice(found, most)):
                twins[i] = first
    return [
        c.model_copy(update={"twins": twins[i]}) if i in twins else c for i, c in enumerate(chunks)
    ]
