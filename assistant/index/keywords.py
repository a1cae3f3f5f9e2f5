"""BM25 keyword scoring over the same units as the vector index (bm25s + Snowball stemming)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

# bm25s logs at INFO on every load; keep the CLI quiet.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_STEMMER = Stemmer.Stemmer("english")


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    return bm25s.tokenize(
        list(texts),
        stopwords="en",
        stemmer=_STEMMER,
        return_ids=False,
        show_progress=False,
    )


@lru_cache(maxsize=4096)
def terms_of(text: str) -> tuple[str, ...]:
    """One text's stemmed terms. Each question is tokenised several times (search,
    coverage, glossary words), and bm25s's tokenizer has a fixed cost per call."""
    return tuple(tokenize([text])[0])


class KeywordIndex:
    def __init__(self, bm25: bm25s.BM25) -> None:
        self._bm25 = bm25

    @classmethod
    def build(cls, texts: Sequence[str]) -> KeywordIndex:
        bm25 = bm25s.BM25()
        bm25.index(tokenize(texts), show_progress=False)
        return cls(bm25)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        return cls(bm25s.BM25.load(str(folder), show_progress=False))

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every stemmed term of the indexed units."""
        return frozenset(self._bm25.vocab_dict)

    def document_frequency(self) -> dict[str, int]:
        """How many units use each stemmed term."""
        per_id = np.diff(self._bm25.scores["indptr"])
        return {t: int(per_id[i]) for t, i in self._bm25.vocab_dict.items() if i < len(per_id)}

    def known_terms(self, query: str) -> list[str]:
        """The query's stemmed terms that occur somewhere in the indexed units."""
        vocab = self._bm25.vocab_dict
        return [t for t in terms_of(query) if t in vocab]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed unit for the query (zeros when no term is known)."""
        terms = self.known_terms(query)
        if not terms:
            return np.zeros(self._bm25.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
