"""One measured step of bench/scale.py, in its own process so that its peak memory is its own.

    scale_worker.py encoder CORPUS INDEX  export the ONNX model, if not yet done (unmeasured)
    scale_worker.py build CORPUS INDEX   full build, raw encode of a sample, unchanged re-index
    scale_worker.py ask CORPUS INDEX N   load, then N questions: bare encode against ask,
                                         and approximate against exact vector search

Prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import os
import random
import resource
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from latency import all_questions  # noqa: E402 (bench/, the script's own folder)
from timing import ENCODER_FOLDER, ask_against_encode, ms, timed  # noqa: E402

from assistant.answer.intents import emphasis_of  # noqa: E402
from assistant.core import Assistant  # noqa: E402
from assistant.index.encoders import make_encoder  # noqa: E402
from assistant.index.live import ensure_index  # noqa: E402
from assistant.index.vectors import FaissVectorIndex  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def build(settings: Settings) -> dict:
    encoder = make_encoder(settings)
    _, t_model = timed(lambda: encoder.encode(["warm up the model"]))
    index, t_build = timed(lambda: ensure_index(settings, encoder, full=True))
    texts = [c.context_text for c in index.chunks] + [c.local_text for c in index.chunks]
    sample = random.Random(0).sample(texts, k=min(len(texts), 2000))
    _, t_sample = timed(lambda: encoder.encode(sample))
    unchanged, t_unchanged = timed(lambda: ensure_index(settings, encoder))
    assert unchanged.stats is None, "an unchanged corpus must not be rebuilt"
    build_rate = len(index.chunks) / t_build
    raw_rate = len(sample) / t_sample * len(index.chunks) / len(texts)
    return {
        "reviews": index.manifest.counts["reviews"],
        "units": len(index.chunks),
        "learning_points": index.manifest.counts.get("learning point", 0),
        "texts_embedded": index.stats.embedded,
        "vector_index": "hnsw" if index.vectors.approximate else "exact",
        "model_load_s": round(t_model, 2),
        "build_s": round(t_build, 1),
        "build_units_per_s": round(build_rate, 1),
        "raw_encode_units_per_s": round(raw_rate, 1),
        "build_over_raw_encode": round(build_rate / raw_rate, 3),
        "reindex_unchanged_s": round(t_unchanged, 3),
        "reindex_unchanged_over_full": round(t_unchanged / t_build, 4),
        "index_mib_on_disk": round(folder_mib(index.path), 1),
        "build_peak_rss_mib": round(peak_rss_mib(), 1),
    }


def recall_at(k: int, found, exact) -> float:
    return len(set(found[:k]) & set(exact[:k])) / k


def ask(settings: Settings, count: int) -> dict:
    distinct = all_questions()
    questions = [distinct[i % len(distinct)] for i in range(count)]
    assistant, t_load = timed(lambda: Assistant(settings))
    assistant.warm_up()
    encoder, retriever = assistant.encoder, assistant.retriever
    vectors = assistant.index.vectors
    if not vectors.approximate:  # what an HNSW graph would give at this size
        matrix = vectors.all_vectors()
        hnsw, t_hnsw_build = timed(lambda: FaissVectorIndex.build(matrix, approximate=True))
    else:
        hnsw, t_hnsw_build = vectors, None
    ask_s, encode_s, exact_s, hnsw_s, recall, fused = [], [], [], [], [], []
    for i, question in enumerate(questions):
        # Interleaved, and the order alternated, so drift and caches favour neither.
        pair = [
            ("encode", lambda q=question: encoder.encode([q])),
            ("ask", lambda q=question: assistant.ask(q)),
        ]
        for name, fn in pair if i % 2 else pair[::-1]:
            (encode_s if name == "encode" else ask_s).append(timed(fn)[1])
        query = encoder.encode([question])[0]
        all_scores, t_exact = timed(lambda q=query: vectors.scores(q))
        exact_s.append(t_exact)
        (_, found), t_h = timed(lambda q=query: hnsw.search(q, 10))
        hnsw_s.append(t_h)
        recall.append(recall_at(10, found.tolist(), (-all_scores).argsort(kind="stable").tolist()))
        if retriever.approximate:  # the fused top 10, from candidates against every unit
            (prepared,) = retriever.prepare([question])
            emphasis = emphasis_of(question, settings.retrieval.case_words)
            got = [h.chunk.id for h in retriever.search(prepared, emphasis).hits]
            rows_to_score = retriever._rows_to_score
            retriever._rows_to_score = lambda *a: None
            want = [h.chunk.id for h in retriever.search(prepared, emphasis).hits]
            retriever._rows_to_score = rows_to_score
            fused.append(recall_at(10, got, want))
    return {
        "questions": len(questions),
        "load_s": round(t_load, 2),
        **ask_against_encode(ask_s, encode_s),
        "exact_vector_scores_p50_ms": ms(exact_s, 50),
        "hnsw_top10_p50_ms": ms(hnsw_s, 50),
        "hnsw_build_s": None if t_hnsw_build is None else round(t_hnsw_build, 2),
        "hnsw_recall_at_10": round(sum(recall) / len(recall), 4),
        "fused_top10_agreement": round(sum(fused) / len(fused), 4) if fused else None,
        "serve_peak_rss_mib": round(peak_rss_mib(), 1),
    }


def main() -> None:
    step, corpus, index = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    settings = Settings(corpus_dir=corpus, index_dir=index, encoder_folder=ENCODER_FOLDER)
    if step == "encoder":  # export the ONNX model once, outside the measured steps
        make_encoder(settings).encode(["warm up"])
        result = {}
    elif step == "build":
        result = build(settings)
    else:
        result = ask(settings, int(sys.argv[4]))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
