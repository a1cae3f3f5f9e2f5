"""The encoder that runs the model on torch, through sentence-transformers.

With `onnx`, the only module that imports torch; the fallback when ONNX Runtime cannot run
the model.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence

import numpy as np

from assistant.index.encoders.base import resolve_model_dir, weights_fingerprint

log = logging.getLogger(__name__)


class SentenceTransformerEncoder:
    """The real encoder. Loading is lazy so that staleness checks stay cheap."""

    def __init__(self, model: str, batch_size: int = 32) -> None:
        self.model_id = model
        self.model_dir = resolve_model_dir(model)
        self.batch_size = batch_size
        self._model = None
        self._fingerprint: str | None = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:  # the web app may ask from several threads at once
            return self._load_unlocked()

    def _load_unlocked(self):
        if self._model is None:
            # Belt and braces: never let a library reach for the network.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # a weights bar on every question
            log.info("loading embedding model from %s", self.model_dir)
            self._model = SentenceTransformer(str(self.model_dir), device="cpu")
        return self._model

    @property
    def dimension(self) -> int:
        return int(self._load().get_embedding_dimension())

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        vectors = self._load().encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = weights_fingerprint(self.model_dir)
        return self._fingerprint
