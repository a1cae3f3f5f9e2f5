"""Which encoder runs the model: ONNX Runtime for plain mean-pooled models, torch otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.index.encoders import make_encoder
from assistant.index.encoders.onnx import OnnxEncoder, OnnxUnsupported, window_of
from assistant.index.encoders.torch import SentenceTransformerEncoder
from assistant.settings import Settings


def model_folder(root: Path, modules: list[str], pooling: str = "mean_tokens") -> Path:
    folder = root / "model"
    (folder / "1_Pooling").mkdir(parents=True)
    (folder / "modules.json").write_text(
        json.dumps([{"idx": i, "path": "1_Pooling" if i == 1 else "", "type": t}
                    for i, t in enumerate(modules)])
    )  # fmt: skip
    modes = ("cls_token", "mean_tokens", "max_tokens", "mean_sqrt_len_tokens")
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": 8}
                   | {f"pooling_mode_{m}": m == pooling for m in modes})
    )  # fmt: skip
    (folder / "sentence_bert_config.json").write_text('{"max_seq_length": 128}')
    (folder / "config.json").write_text('{"hidden_size": 8}')
    (folder / "tokenizer.json").write_text("{}")
    (folder / "model.safetensors").write_bytes(b"weights")
    return folder


PLAIN = ["sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling"]


def test_a_plain_mean_pooled_model_runs_in_onnx(tmp_path):
    folder = model_folder(tmp_path, [*PLAIN, "sentence_transformers.models.Normalize"])
    assert window_of(folder) == 128
    settings = Settings(embedding_model=str(folder), index_dir=tmp_path / "i", encoder_folder=None)
    encoder = make_encoder(settings)
    assert isinstance(encoder, OnnxEncoder)
    assert encoder.dimension == 8
    assert encoder.cache_dir == tmp_path / "i" / "encoder"


@pytest.mark.parametrize(
    ("modules", "pooling", "why"),
    [
        ([*PLAIN, "sentence_transformers.models.Dense"], "mean_tokens", "modules"),
        (PLAIN, "cls_token", "pooling"),
        (PLAIN[:1], "mean_tokens", "modules"),
    ],
)
def test_other_models_stay_on_torch(tmp_path, caplog, modules, pooling, why):
    folder = model_folder(tmp_path, modules, pooling)
    with pytest.raises(OnnxUnsupported, match=why):
        window_of(folder)
    encoder = make_encoder(Settings(embedding_model=str(folder)))
    assert isinstance(encoder, SentenceTransformerEncoder)
    assert "embedding with torch" in caplog.text


def test_the_torch_back_end_can_be_chosen(tmp_path):
    folder = model_folder(tmp_path, PLAIN)
    settings = Settings(embedding_model=str(folder), encoder_backend="torch")
    assert isinstance(make_encoder(settings), SentenceTransformerEncoder)


def test_an_unknown_back_end_is_refused():
    with pytest.raises(ValueError, match="encoder_backend"):
        Settings(encoder_backend="tensorflow")
