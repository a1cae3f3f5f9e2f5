"""Hybrid retrieval: dense (FAISS) and keyword (BM25) rankings fused by reciprocal rank.

`reciprocal_rank_fusion` and `is_off_topic` are pure; `Retriever` holds the loaded index
and the encoder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .encoder import Encoder
from .index_store import LoadedIndex
from .models import ScoredChunk
from .settings import RetrievalSettings


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]], weights: Sequence[float], k: float
) -> dict[int, float]:
    """score(d) = sum over rankings of weight / (k + rank of d), ranks starting at 1."""
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, row in enumerate(ranking, start=1):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank)
    return fused


def is_off_topic(best_dense: float, best_keyword: float, settings: RetrievalSettings) -> bool:
    """Nothing in the corpus is close in meaning, and no strong keyword match rescues it."""
    return best_dense < settings.min_dense_score and best_keyword < settings.min_keyword_score


@dataclass(frozen=True)
class Retrieval:
    hits: tuple[ScoredChunk, ...]
    best_dense: float
    best_keyword: float
    off_topic: bool


class Retriever:
    def __init__(self, index: LoadedIndex, encoder: Encoder, settings: RetrievalSettings) -> None:
        self.index = index
        self.encoder = encoder
        self.settings = settings

    def search(self, question: str, k: int | None = None) -> Retrieval:
        s = self.settings
        k = k or s.max_citations
        n = len(self.index.chunks)
        query = self.encoder.encode([question])[0]
        dense_scores, dense_rows = self.index.vectors.search(query, min(s.candidates, n))
        keyword_all = self.index.keywords.scores(question)
        keyword_rows = [
            int(r) for r in np.argsort(-keyword_all, kind="stable") if keyword_all[r] > 0
        ]
        keyword_rows = keyword_rows[: s.candidates]
        fused = reciprocal_rank_fusion(
            [[int(r) for r in dense_rows], keyword_rows],
            [s.dense_weight, s.keyword_weight],
            s.rrf_k,
        )
        dense_by_row = {int(r): float(v) for r, v in zip(dense_rows, dense_scores, strict=True)}
        order = sorted(fused, key=lambda r: (-fused[r], r))[:k]
        hits = tuple(
            ScoredChunk(
                chunk=self.index.chunks[row],
                score=fused[row],
                dense_score=dense_by_row.get(row, 0.0),
                keyword_score=float(keyword_all[row]),
            )
            for row in order
        )
        best_dense = float(dense_scores[0]) if len(dense_scores) else 0.0
        best_keyword = float(keyword_all.max()) if n else 0.0
        return Retrieval(hits, best_dense, best_keyword, is_off_topic(best_dense, best_keyword, s))
