"""Dense vector search behind a small Protocol; the real one is a FAISS inner-product index.

Vectors are L2-normalised, so inner product equals cosine similarity.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np


class VectorIndex(Protocol):
    dimension: int

    def __len__(self) -> int: ...

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row ids of the k nearest rows, best first."""
        ...

    def save(self, path: Path) -> None: ...


class FaissVectorIndex:
    def __init__(self, index) -> None:
        self._index = index
        self.dimension = int(index.d)

    @classmethod
    def build(cls, vectors: np.ndarray) -> FaissVectorIndex:
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        return cls(index)

    @classmethod
    def load(cls, path: Path) -> FaissVectorIndex:
        import faiss

        return cls(faiss.read_index(str(path)))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, len(self))
        if k == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        scores, ids = self._index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), k)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def all_vectors(self) -> np.ndarray:
        """Every stored row, in order (to reuse them in the next build)."""
        return self._index.reconstruct_n(0, len(self))

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))
