"""End to end with the real bundled model (offline). Few, but they guard the real path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.evaluation import read_questions, score
from assistant.index.encoders import make_encoder
from assistant.index.encoders.onnx import OnnxEncoder
from assistant.index.encoders.torch import SentenceTransformerEncoder
from assistant.settings import BUNDLED_MODEL, Settings

pytestmark = pytest.mark.real_model
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def encoder(encoder_folder):
    """The default encoder: the bundled model in ONNX Runtime."""
    return make_encoder(Settings(encoder_folder=encoder_folder))


def test_bundled_model_loads_offline_and_embeds(encoder):
    assert isinstance(encoder, OnnxEncoder)
    vectors = encoder.encode(["forced marriage", "marriage that is forced", "football scores"])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-4
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert len(encoder.fingerprint()) == 64
    assert encoder._torch is None  # the export worked: not the torch fallback


def test_onnx_vectors_are_torchs_vectors(encoder):
    """Same tokens, window, pooling and order: batches mixing lengths, an empty text, accents
    and a text longer than the 256-token window (truncated) all match torch's vectors."""
    texts = [
        "Mum says she doesn't see her ex any more, how much should I trust that?",
        "",
        "émigré naïve café — “quoted” words",
        "Practitioners should be professionally curious about who lives in the home. " * 40,
        "DV",
    ] * 9
    torch = SentenceTransformerEncoder(BUNDLED_MODEL, batch_size=8)
    assert torch.fingerprint() == encoder.fingerprint()  # one index serves either
    cosines = np.sum(encoder.encode(texts) * torch.encode(texts), axis=1)
    assert cosines.min() > 0.9999


def test_a_damaged_onnx_export_is_exported_again(tmp_path, encoder, encoder_folder):
    expected = encoder.encode(["forced marriage"])  # exported into encoder_folder
    (source,) = encoder_folder.iterdir()
    copy = tmp_path / source.name
    copy.mkdir()
    for f in source.iterdir():
        copy.joinpath(f.name).write_bytes(f.read_bytes())
    data = bytearray((copy / "model.onnx").read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = bytes(4096)  # zeroed weights
    (copy / "model.onnx").write_bytes(bytes(data))
    fresh = OnnxEncoder(BUNDLED_MODEL, tmp_path)
    vectors = fresh.encode(["forced marriage"])
    assert fresh._torch is None
    assert (copy / "model.onnx").read_bytes() != bytes(data)  # exported again
    assert float(vectors[0] @ expected[0]) > 0.9999
    assert len(list(tmp_path.iterdir())) == 1 and not list(tmp_path.rglob(".*partial"))


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, encoder):
    from tests.conftest import CORPUS_FILE

    root = tmp_path_factory.mktemp("real")
    (root / "corpus").mkdir()
    (root / "corpus" / CORPUS_FILE.name).write_bytes(CORPUS_FILE.read_bytes())
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
    return Assistant(settings, encoder=encoder)


@pytest.mark.parametrize(
    ("name", "min_hit1", "min_recall5", "min_expect3"),
    [
        # expect@3: a point among the first three quotes uses the question's key words. Each
        # bar sits one or two questions below the figure measured when it was set (heldout
        # 0.97, blind 0.91, untouched 0.93, final and sealed 0.88, fresh 0.75).
        ("dev.jsonl", 0.95, 1.0, 0.95),
        ("heldout.jsonl", 0.85, 0.95, 0.93),
        ("final.jsonl", 0.85, 0.95, 0.85),
        ("blind.jsonl", 0.85, 0.95, 0.85),
        ("untouched.jsonl", 0.85, 0.95, 0.90),
        ("sealed.jsonl", 0.85, 0.95, 0.85),
        # A regression guard below the bar: long case scenarios, the hardest set.
        ("fresh.jsonl", 0.70, 0.95, 0.70),
    ],
)
def test_question_sets_meet_the_bar(assistant, name, min_hit1, min_recall5, min_expect3):
    questions = read_questions(DATA / name)
    report = score(questions, [assistant.ask(q.q) for q in questions])
    assert report.hit1 >= min_hit1, report.misses
    assert report.recall5 >= min_recall5, report.misses
    assert report.expect3 >= min_expect3, report.misses
    assert report.false_abstain == 0, report.misses
    assert report.off_topic_abstained == report.off_topic > 0, report.misses


@pytest.mark.parametrize(
    ("question", "section"),
    [
        (
            "Mum says she doesn't see her ex any more, how much should I trust that?",
            "Engagement with children, young people and families",
        ),
        ("DV in a teenager's relationship", "Abuse in relationships between young people"),
        ("early help for a deaf toddler", "Early Help"),
        ("MH and substance misuse in parents", "Parental difficulties"),
        ("we keep closing the case and it comes back", "Chronic neglect"),
    ],
)
def test_the_issues_ways_of_asking_find_their_section_first(assistant, question, section):
    """The examples of how practitioners ask, from the issue that asked for the glossary."""
    answer = assistant.ask(question)
    assert answer.citations[0].section == section, [c.section for c in answer.citations[:3]]


def test_glossary_meaning_cites_the_passage_that_uses_the_term(assistant):
    answer = assistant.ask("what does TAF mean?")
    assert answer.text.startswith("Glossary (not from the reviews): Team Around the Family")
    assert answer.citations[0].text.startswith("The Team Around the Family (TAF) includes")


def test_uncovered_safeguarding_topics_are_named_not_answered(assistant):
    answer = assistant.ask("what are the warning signs of county lines exploitation?")
    assert answer.abstained and answer.citations == ()
    assert "don't cover county lines" in answer.text


def test_a_question_mixing_covered_and_uncovered_topics_says_both(assistant):
    answer = assistant.ask("tell me about county lines and forced marriage")
    assert not answer.abstained
    assert answer.note.startswith("The reviews in this collection don't cover county lines.")
    assert answer.citations[0].section == "Forced marriage"


def test_cli_rebuilds_a_damaged_index_without_a_traceback(settings, tmp_path):
    env = {
        **os.environ,
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "HF_HUB_OFFLINE": "1",
    }
    cmd = [sys.executable, "-m", "assistant"]
    subprocess.run([*cmd, "index"], env=env, check=True, capture_output=True)
    build = next((settings.index_dir / "builds").iterdir())
    (build / "vectors.faiss").unlink()
    run = subprocess.run(
        [*cmd, "ask", "--json", "How should we respond to chronic neglect?", "Sunday roast?"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "rebuilding the index: index file vectors.faiss is missing" in run.stderr
    first, second = (json.loads(line) for line in run.stdout.splitlines())
    assert first["citations"][0]["section"] == "Chronic neglect"
    assert second["abstained"] is True


def test_theme_views_on_the_seed_corpus(assistant, tmp_path):
    """The issue's bars with the real model: similarity tags must not inflate the counts."""
    jtai = {
        "joint-targeted-area-inspections-jtai-domestic-abuse",
        "joint-targeted-area-inspections-jtai-neglect",
    }
    joint = assistant.theme("joint working")
    assert set(joint.review_ids) == jtai
    assert all(c.review_id in jtai for c in joint.answer.quoted_citations())
    forced = assistant.theme("forced marriage")
    assert forced.review_ids == ("joint-targeted-area-inspections-jtai-domestic-abuse",)
    boundaries = assistant.theme("professional boundaries")
    assert boundaries.review_ids == () and boundaries.answer.abstained
    assert "Professional confidence & mutual respect" in boundaries.related
    # No review names it, but the glossary links it to the learning on self-report.
    curiosity = assistant.theme("professional curiosity")
    assert curiosity.review_ids == ("joint-targeted-area-inspections-jtai-domestic-abuse",)
    assert any("self-report" in c.text for c in curiosity.answer.quoted_citations())
    steps = [c.text for c in joint.answer.quoted_citations() if c.kind == "next step"]
    assert any(s.startswith("When sharing information") for s in steps)
    counts = {c.name: c.reviews for c in assistant.themes()}
    assert counts["Joint working between agencies"] == 2 and counts["Forced marriage"] == 1


def test_a_failed_onnx_export_falls_back_to_torch(tmp_path, encoder, monkeypatch, caplog):
    from assistant.index.encoders import onnx as onnx_encoder

    def fails(model_dir, target):
        raise onnx_encoder.OnnxUnsupported("the ONNX export failed: no space left")

    monkeypatch.setattr(onnx_encoder, "export", fails)
    fallback = OnnxEncoder(BUNDLED_MODEL, tmp_path)
    vectors = fallback.encode(["forced marriage"])
    assert isinstance(fallback._torch, SentenceTransformerEncoder)
    assert "embedding with torch" in caplog.text and "no space left" in caplog.text
    assert float(vectors[0] @ encoder.encode(["forced marriage"])[0]) > 0.9999


def test_a_read_only_encoder_folder_falls_back_to_torch(tmp_path, encoder, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the export folder would go")
    fallback = OnnxEncoder(BUNDLED_MODEL, blocked / "encoder")
    vectors = fallback.encode(["forced marriage"])
    assert isinstance(fallback._torch, SentenceTransformerEncoder)
    assert "embedding with torch" in caplog.text
    assert float(vectors[0] @ encoder.encode(["forced marriage"])[0]) > 0.9999


def _copy_export(encoder, encoder_folder, into):
    encoder.encode(["warm up"])  # exported into encoder_folder
    (source,) = encoder_folder.iterdir()
    copy = into / source.name
    copy.mkdir()
    for f in source.iterdir():
        copy.joinpath(f.name).write_bytes(f.read_bytes())
    return copy


def test_an_export_found_unusable_once_is_not_tried_again(
    tmp_path, encoder, encoder_folder, monkeypatch
):
    from assistant.index.encoders import onnx as onnx_encoder

    copy = _copy_export(encoder, encoder_folder, tmp_path)
    (copy / "export.json").write_text('{"unsupported": "it did not reproduce the probes"}')

    def must_not_run(model_dir, target):
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_encoder, "export", must_not_run)
    fallback = OnnxEncoder(BUNDLED_MODEL, tmp_path)
    fallback.encode(["forced marriage"])
    assert isinstance(fallback._torch, SentenceTransformerEncoder)


def test_a_broken_onnxruntime_install_falls_back_to_torch(
    tmp_path, encoder, encoder_folder, monkeypatch, caplog
):
    _copy_export(encoder, encoder_folder, tmp_path)
    fallback = OnnxEncoder(BUNDLED_MODEL, tmp_path)
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # importing it now fails
    vectors = fallback.encode(["forced marriage"])
    assert isinstance(fallback._torch, SentenceTransformerEncoder)
    assert "embedding with torch" in caplog.text
    assert float(vectors[0] @ encoder.encode(["forced marriage"])[0]) > 0.9999


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, encoder):
    """The seed beside the 32 briefs of the evaluation collection (real layouts)."""
    from tests.conftest import CORPUS_FILE

    root = tmp_path_factory.mktemp("mixed")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / CORPUS_FILE.name).write_bytes(CORPUS_FILE.read_bytes())
    for brief in (DATA / "collection" / "briefs").iterdir():
        (corpus / brief.name).write_bytes(brief.read_bytes())
    return Assistant(Settings(corpus_dir=corpus, index_dir=root / "index"), encoder=encoder)


def test_the_collection_questions_hold_their_regression_bars(mixed):
    """Written by writers who saw neither the code nor the glossary. First score, before
    any work on real layouts: hit@1 0.30, recall@5 0.51, 16 of 30 off-topic abstained.
    These bars sit just below the figures when they were set (0.70, 0.92, 29 of 30): a
    guard against going back, not the bar the work aims at (0.85 and 0.95)."""
    questions = read_questions(DATA / "collection" / "questions.jsonl")
    report = score(questions, [mixed.ask(q.q) for q in questions])
    assert report.hit1 >= 0.67, report.misses[:10]
    assert report.recall5 >= 0.89, report.misses[:10]
    assert report.false_abstain == 0, report.misses
    assert report.off_topic_abstained >= 28, report.misses


def test_a_place_alone_does_not_make_a_question_on_topic(mixed):
    for question in (
        "Is it going to rain in Leeds tomorrow afternoon?",
        "What time does the Redwater household recycling centre open on Sundays?",
    ):
        assert mixed.ask(question).abstained, question
    # ...while a question that names a review's place goes to that review.
    answer = mixed.ask("What did the Northmoor review find about disguised compliance?")
    assert answer.citations[0].review == "Child J \u2013 Learning Brief"
