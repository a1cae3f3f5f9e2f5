"""The default encoder: the same sentence-transformers model, run by ONNX Runtime.

On two cores ONNX Runtime encodes a question about 3.5 times faster than torch, with the
same vectors (docs/benchmarks.md), and serving never imports torch, which saves start-up
time and memory. The ONNX file is exported once, offline, from the local weights (torch
is imported only then) and kept under `Settings.encoder_dir`. Each export records
the file's sha256 and a few probe vectors computed by torch: a damaged file is exported
again, and if an export fails or does not reproduce the probes, the encoder says so in
the log and runs the model on torch instead.

Only plain Transformer + mean Pooling (+ Normalize) models are exported: anything else
(a Dense layer, CLS pooling) stays on torch.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.hashing import sha256_file
from assistant.index.encoders.base import resolve_model_dir, weights_fingerprint
from assistant.index.encoders.torch import SentenceTransformerEncoder

log = logging.getLogger(__name__)

# Raise when the export itself changes, so existing files are exported again.
EXPORT_VERSION = 1
# Texts whose torch vectors every exported file must reproduce; the last one is longer
# than the model's window, so truncation is checked too.
PROBES = (
    "forced marriage",
    "What did reviews say about domestic abuse in teenage relationships?",
    "Practitioners should be professionally curious. " * 60,
)
PROBE_MIN_COSINE = 0.9999
PLAIN_MODULES = ("Transformer", "Pooling", "Normalize")


class OnnxUnsupported(RuntimeError):
    """This model cannot be run by ONNX Runtime here; use the torch encoder."""


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OnnxUnsupported(f"cannot read {path.name}: {exc}") from exc


def _pooling(model_dir: Path) -> dict:
    """The pooling module's settings, once the model is known to be a plain one."""
    modules = _read_json(model_dir / "modules.json")
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if kinds[:2] != list(PLAIN_MODULES[:2]) or any(k not in PLAIN_MODULES for k in kinds):
        raise OnnxUnsupported(f"modules {kinds} are not Transformer + Pooling (+ Normalize)")
    return _read_json(model_dir / modules[1].get("path", "1_Pooling") / "config.json")


def window_of(model_dir: Path) -> int:
    """The model's token window, once it is known to be a plain mean-pooled model."""
    pooling = _pooling(model_dir)
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
    if modes != {"pooling_mode_mean_tokens"}:
        raise OnnxUnsupported(f"pooling {sorted(modes)} is not mean pooling")
    if not (model_dir / "tokenizer.json").is_file():
        raise OnnxUnsupported("the model has no tokenizer.json")
    config = _read_json(model_dir / "sentence_bert_config.json")
    return int(config.get("max_seq_length") or 512)


def export(model_dir: Path, target: Path) -> np.ndarray:
    """Write the model as ONNX to `target` (atomically); return torch's probe vectors."""
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu")

    class LastHidden(torch.nn.Module):
        def __init__(self, transformer) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = model.tokenizer(["an example question"], return_tensors="pt")
    if set(names) - set(sample):
        raise OnnxUnsupported("the tokenizer does not give token type ids")
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with warnings.catch_warnings():  # the exporter's notes are for its developers
            warnings.simplefilter("ignore")
            torch.onnx.export(
                LastHidden(model[0].auto_model.eval()),
                tuple(sample[n] for n in names),
                str(partial),
                input_names=names,
                output_names=["hidden"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "hidden"]},
                opset_version=17,
                dynamo=False,
            )
        os.replace(partial, target)
    except Exception as exc:
        raise OnnxUnsupported(f"the ONNX export failed: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return model.encode(
        list(PROBES), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )


class OnnxEncoder:
    """Tokenise with the model's own tokenizer.json, run the graph, mean-pool, normalise."""

    def __init__(self, model: str, cache_dir: Path, batch_size: int = 32) -> None:
        if importlib.util.find_spec("onnxruntime") is None:
            raise OnnxUnsupported("onnxruntime is not installed")
        self.model_id = model
        self.model_dir = resolve_model_dir(model)
        self.window = window_of(self.model_dir)
        self.cache_dir = cache_dir
        self.batch_size = batch_size
        self.dimension = int(_pooling(self.model_dir)["word_embedding_dimension"])
        self._fingerprint: str | None = None
        self._session = None
        self._tokenizer = None
        self._torch: SentenceTransformerEncoder | None = None  # when ONNX cannot be used
        self._lock = threading.Lock()

    def fingerprint(self) -> str:
        # The weights' hash, as for the torch encoder: both give the same vectors, so an
        # index built by either stays current.
        if self._fingerprint is None:
            self._fingerprint = weights_fingerprint(self.model_dir)
        return self._fingerprint

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        texts = list(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Longest first, as sentence-transformers does: batches pad to similar lengths.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        with self._lock:  # one session, used by the web app's threads in turn
            self._load()
            if self._torch is not None:
                return self._torch.encode(texts, progress=progress)
            starts = range(0, len(texts), self.batch_size)
            if progress and len(texts) > self.batch_size:
                from tqdm import tqdm

                starts = tqdm(starts, desc="Embedding", unit="batch")
            for start in starts:
                rows = order[start : start + self.batch_size]
                out[rows] = self._run([texts[i] for i in rows])
        return out

    def _run(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        feed = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        hidden = self._session.run(None, feed)[0]
        mask = feed["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled / norms

    def _load(self) -> None:
        if self._session is not None or self._torch is not None:
            return
        try:
            self._load_session()
        # Whatever stops ONNX (a broken install, a read-only folder, an export that fails),
        # torch gives the same vectors.
        except Exception as exc:
            log.warning("embedding with torch: ONNX Runtime cannot run this model (%s)", exc)
            self._torch = SentenceTransformerEncoder(self.model_id, self.batch_size)

    def _load_session(self) -> None:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        padding = tokenizer.padding or {}
        # tokenizer.json may carry a shorter window and fixed-length padding; the model's
        # own settings (sentence_bert_config.json) are what sentence-transformers uses.
        tokenizer.enable_truncation(max_length=self.window)
        tokenizer.enable_padding(
            pad_id=padding.get("pad_id", 0),
            pad_type_id=padding.get("pad_type_id", 0),
            pad_token=padding.get("pad_token", "[PAD]"),
        )
        self._tokenizer = tokenizer
        folder = self.cache_dir / f"{self.fingerprint()[:16]}-v{EXPORT_VERSION}"
        model_file, record_file = folder / "model.onnx", folder / "export.json"
        if record_file.is_file():
            try:
                unsupported = json.loads(record_file.read_text(encoding="utf-8"))["unsupported"]
            except (OSError, ValueError, TypeError, KeyError):  # none, or a damaged record
                unsupported = None
            if unsupported:  # found at an earlier export: do not export again each start
                raise OnnxUnsupported(unsupported)
            if self._open(model_file, record_file):
                return
            log.warning("the ONNX model in %s is damaged; exporting it again", folder)
        log.info("exporting the embedding model to ONNX in %s (once)", folder)
        folder.mkdir(parents=True, exist_ok=True)
        record_file.unlink(missing_ok=True)
        probes = export(self.model_dir, model_file)
        # Written last: a folder without it holds no finished export.
        record = {"sha256": sha256_file(model_file), "probes": probes.tolist()}
        partial = folder / f".export.{os.getpid()}.partial"
        partial.write_text(json.dumps(record), encoding="utf-8")
        os.replace(partial, record_file)
        if not self._open(model_file, record_file):
            reason = "the exported model does not reproduce torch's vectors"
            record["unsupported"] = reason
            partial.write_text(json.dumps(record), encoding="utf-8")
            os.replace(partial, record_file)
            raise OnnxUnsupported(reason)

    def _open(self, model_file: Path, record_file: Path) -> bool:
        """Open the session if the file is the one exported and reproduces its probes."""
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle threads sleep rather than spin: the searches that follow each encode get both
        # cores, and a shared machine is not kept busy between questions.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            record = json.loads(record_file.read_text(encoding="utf-8"))
            if sha256_file(model_file) != record["sha256"]:
                return False
            self._session = ort.InferenceSession(
                str(model_file), options, providers=["CPUExecutionProvider"]
            )
            expected = np.asarray(record["probes"], dtype=np.float32)
            lowest = float(np.min(np.sum(self._run(list(PROBES)) * expected, axis=1)))
        except Exception as exc:  # ONNX Runtime's errors have no common base class
            log.warning("the ONNX model in %s cannot be used (%s)", model_file.parent, exc)
            lowest = -1.0
        if lowest < PROBE_MIN_COSINE:
            self._session = None
        return self._session is not None
