"""Dense vector search behind a small Protocol; the real one is a FAISS inner-product index.

Vectors are L2-normalised, so inner product equals cosine similarity. Up to a size limit
the index is exact (a flat matrix, scored in one product); beyond it, an HNSW graph finds
the nearest rows in far less time than scanning them all. Both keep the vectors
themselves, so the exact score of any row is always at hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

# Links per node, build effort and search effort of the HNSW graph: at 128,000 units,
# search effort 512 keeps recall@10 >= 0.99 against exact search (docs/benchmarks.md).
HNSW_LINKS = 32
HNSW_BUILD_EFFORT = 200
HNSW_SEARCH_EFFORT = 512


def single_threaded_blas() -> None:
    """Score vectors on one BLAS thread. After each question is encoded, torch's OpenMP
    threads keep spinning for a while; a two-thread BLAS product then fights them for the
    same cores and runs 2-10x slower (bench/scale.py). One thread is faster, and
    encoding is no slower."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class VectorIndex(Protocol):
    dimension: int
    approximate: bool  # True when `search` may miss some of the truly nearest rows

    def __len__(self) -> int: ...

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row ids of (about) the k nearest rows, best first."""
        ...

    def scores(self, query: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Exact cosine of the query with each of `rows` (every row when None)."""
        ...

    def all_vectors(self, copy: bool = True) -> np.ndarray: ...

    def save(self, path: Path) -> None: ...


def _flat_matrix(index) -> np.ndarray:
    """The stored vectors of a flat (or HNSW-over-flat) FAISS index, without a copy."""
    import faiss

    flat = faiss.downcast_index(index.storage) if hasattr(index, "hnsw") else index
    n, d = int(flat.ntotal), int(flat.d)
    if n == 0:
        return np.zeros((0, d), dtype=np.float32)
    return faiss.rev_swig_ptr(flat.get_xb(), n * d).reshape(n, d)


class FaissVectorIndex:
    def __init__(self, index, search_effort: int = HNSW_SEARCH_EFFORT) -> None:
        self._index = index
        self.dimension = int(index.d)
        self.approximate = hasattr(index, "hnsw")
        self.search_effort = search_effort
        self._matrix = _flat_matrix(index)  # a view: lives as long as self._index

    @classmethod
    def build(cls, vectors: np.ndarray, approximate: bool = False) -> FaissVectorIndex:
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if approximate:
            index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_LINKS, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_BUILD_EFFORT
        else:
            index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        return cls(index)

    @classmethod
    def load(cls, path: Path, search_effort: int = HNSW_SEARCH_EFFORT) -> FaissVectorIndex:
        import faiss

        return cls(faiss.read_index(str(path)), search_effort)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, len(self))
        if k == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        query = np.asarray(query, dtype=np.float32).reshape(1, -1)
        if self.approximate:
            import faiss

            params = faiss.SearchParametersHNSW(efSearch=max(self.search_effort, k))
            scores, ids = self._index.search(query, k, params=params)
        else:
            scores, ids = self._index.search(query, k)
        keep = ids[0] >= 0  # FAISS pads with -1 when it finds fewer than k
        return scores[0][keep], ids[0][keep]

    def scores(self, query: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        query = np.asarray(query, dtype=np.float32).reshape(-1)
        if rows is None or len(rows) > len(self) // 8:
            # Past a few rows, gathering them costs more than scoring them all.
            every = self._matrix @ query
            return every if rows is None else every[rows]
        return self._matrix[rows] @ query

    def all_vectors(self, copy: bool = True) -> np.ndarray:
        """Every stored row, in order. Without `copy`, a read-only view into FAISS's memory
        that is valid only while this index is (saves a copy of every vector)."""
        if copy:
            return self._matrix.copy()
        view = self._matrix.view()
        view.flags.writeable = False
        return view

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))
