"""Embedding models behind the `Encoder` protocol, chosen by name: ONNX Runtime by default
(`onnx`), torch through sentence-transformers (`torch`) as the setting or the fallback.

`make_encoder` is the one place the CLI, the app and the benchmarks get an encoder (tests
swap it for a fake).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from assistant.index.encoders.base import Encoder
from assistant.settings import Settings

log = logging.getLogger(__name__)


def _torch(settings: Settings) -> Encoder:
    from assistant.index.encoders.torch import SentenceTransformerEncoder

    return SentenceTransformerEncoder(settings.embedding_model, batch_size=settings.batch_size)


def _onnx(settings: Settings) -> Encoder:
    from assistant.index.encoders.onnx import OnnxEncoder, OnnxUnsupported

    try:
        return OnnxEncoder(settings.embedding_model, settings.encoder_dir, settings.batch_size)
    except OnnxUnsupported as exc:
        log.warning("embedding with torch: ONNX Runtime cannot run this model (%s)", exc)
    return _torch(settings)


# Settings.encoder_backend names one of these.
BACKENDS: dict[str, Callable[[Settings], Encoder]] = {"onnx": _onnx, "torch": _torch}


def make_encoder(settings: Settings) -> Encoder:
    """The configured encoder."""
    return BACKENDS[settings.encoder_backend](settings)
