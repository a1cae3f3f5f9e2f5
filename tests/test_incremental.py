"""Incremental indexing: only new or changed files are parsed and embedded again, and a
deleted file's units are gone from the next build."""

from __future__ import annotations

import briefs
import pytest

import assistant.ingest.collection
from assistant.cli import main
from assistant.index.live import ensure_index


@pytest.fixture
def parsed(monkeypatch):
    """Names of the files parsed, in order."""
    names: list[str] = []
    real = assistant.ingest.collection.parse_source

    def spy(name, data, **kwargs):
        names.append(name)
        return real(name, data, **kwargs)

    monkeypatch.setattr(assistant.ingest.collection, "parse_source", spy)
    return names


@pytest.fixture
def two_files(settings):
    (settings.corpus_dir / "baby-g.md").write_bytes(briefs.markdown())
    return settings


def test_an_unchanged_corpus_is_not_parsed_or_embedded_again(two_files, fake_encoder, parsed):
    first = ensure_index(two_files, fake_encoder)
    assert first.stats is not None and first.stats.embedded > 0
    assert sorted(parsed) == ["baby-g.md", "learning-from-reviews.txt"]
    embedded, parsed[:] = fake_encoder.encoded, []
    again = ensure_index(two_files, fake_encoder)
    assert again.stats is None and again.path == first.path
    assert fake_encoder.encoded == embedded and parsed == []


def test_an_edited_file_is_parsed_again_and_only_its_new_text_embedded(
    two_files, fake_encoder, parsed
):
    ensure_index(two_files, fake_encoder)
    brief = two_files.corpus_dir / "baby-g.md"
    brief.write_bytes(brief.read_bytes().replace(b"at every contact", b"at every visit"))
    parsed[:], before = [], fake_encoder.encoded
    index = ensure_index(two_files, fake_encoder)
    assert parsed == ["baby-g.md"]
    assert index.stats.changes.changed == ("baby-g.md",)
    assert index.stats.changes.unchanged == 1
    # One bullet changed: its text in context and under its heading.
    assert fake_encoder.encoded - before == index.stats.embedded == 2
    texts = [c.text for c in index.chunks]
    assert "Health visitors saw mum alone at every visit." in texts
    assert "Health visitors saw mum alone at every contact." not in texts


def test_a_deleted_file_leaves_no_units_behind(two_files, fake_encoder):
    ensure_index(two_files, fake_encoder)
    (two_files.corpus_dir / "baby-g.md").unlink()
    index = ensure_index(two_files, fake_encoder)
    assert index.stats.changes.removed == ("baby-g.md",)
    assert index.stats.embedded == 0
    assert not [c for c in index.chunks if c.source.file == "baby-g.md"]
    assert briefs.TITLE not in {r.title for r in index.reviews}
    assert len(index.vectors) == len(index.local_vectors) == len(index.chunks)


def test_a_sidecar_overrides_the_documents_metadata_and_its_edits_count(settings, fake_encoder):
    (settings.corpus_dir / "baby-g.pdf").write_bytes(briefs.pdf())
    sidecar = settings.corpus_dir / "baby-g.yaml"
    sidecar.write_text("kind: CSPR\nyear: 2019\nthemes: Fathers, Bruising\n")
    review = next(r for r in ensure_index(settings, fake_encoder).reviews if "Baby G" in r.title)
    assert (str(review.kind), review.year, review.themes) == (
        "serious case review",
        2019,
        ("Fathers", "Bruising"),
    )
    sidecar.write_text("kind: nonsense\nyeer: 2019\n")
    index = ensure_index(settings, fake_encoder)
    assert index.stats.changes.changed == ("baby-g.pdf",)
    review = next(r for r in index.reviews if "Baby G" in r.title)
    assert str(review.kind) == "rapid review"  # from the title again
    (source,) = [s for s in index.sources if s.file == "baby-g.pdf"]
    assert source.warnings == (
        "baby-g.yaml: field 'yeer' ignored",
        "baby-g.pdf: unknown kind 'nonsense' ignored (use one of: joint inspection audit, "
        "serious case review, rapid review, safeguarding adults review, appreciative inquiry, "
        "thematic, 7-minute briefing, "
        "other review)",
    )


def test_a_broken_pdf_is_reported_in_one_line_and_the_markdown_is_indexed(
    settings, fake_encoder, capsys, monkeypatch
):
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    (settings.corpus_dir / "broken.pdf").write_bytes(briefs.pdf()[:700])
    (settings.corpus_dir / "baby-g.md").write_bytes(briefs.markdown())
    assert main(["index"]) == 0
    out = capsys.readouterr().out
    assert "Indexed: 3 added, 0 changed, 0 removed, 0 unchanged, 1 failed." in out
    failed = [line for line in out.splitlines() if line.startswith("failed:")]
    assert failed == ["failed: broken.pdf: is not a readable PDF (damaged, or not really a PDF)"]
    assert (
        main(
            [
                "ask",
                "--json",
                "--kind",
                "rapid review",
                "any bruise on a baby who is not yet mobile",
            ]
        )
        == 0
    )
    assert '"review": "Rapid review: Baby G"' in capsys.readouterr().out


def test_ask_filters_on_kind_and_year_from_the_metadata(
    settings, fake_encoder, capsys, monkeypatch
):
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    (settings.corpus_dir / "baby-g.md").write_bytes(briefs.markdown())
    args = ["ask", "--json", "--kind", "rapid review", "any bruise on a baby who is not yet mobile"]
    assert main([*args, "--since", "2022"]) == 0
    assert '"review": "Rapid review: Baby G"' in capsys.readouterr().out
    assert main([*args, "--since", "2023"]) == 0
    assert '"abstained": true' in capsys.readouterr().out


def test_upgraded_readers_parse_every_file_again_but_reuse_the_vectors(
    two_files, fake_encoder, parsed, monkeypatch
):
    import assistant.index.store as index_store

    ensure_index(two_files, fake_encoder)
    parsed[:], before = [], fake_encoder.encoded
    monkeypatch.setattr(index_store, "pipeline_version", lambda: "3+a-newer-reader")
    index = ensure_index(two_files, fake_encoder)
    assert sorted(parsed) == ["baby-g.md", "learning-from-reviews.txt"]
    assert index.stats is not None and index.stats.embedded == 0
    assert fake_encoder.encoded == before
    assert index.manifest.chunker_version == "3+a-newer-reader"


def test_a_bad_sidecar_date_or_deep_yaml_never_stops_the_build(settings, fake_encoder):
    (settings.corpus_dir / "baby-g.md").write_bytes(briefs.markdown())
    (settings.corpus_dir / "baby-g.yaml").write_text("date: 2019-02-30\n")
    (settings.corpus_dir / "deep.md").write_text(
        "---\nx: " + "[" * 3000 + "]" * 3000 + "\n---\n# T\n\nSome text.\n"
    )
    index = ensure_index(settings, fake_encoder)
    review = next(r for r in index.reviews if r.title == briefs.TITLE)
    assert (review.year, review.published) == (2019, None)  # the year of an impossible date
    (deep,) = [s for s in index.sources if s.file == "deep.md"]
    assert deep.reviews and "\n" not in " ".join(deep.warnings)


def test_an_index_of_the_previous_format_is_rebuilt_without_embedding_again(
    settings, fake_encoder, caplog
):
    """Format 3 stored each unit's context text, now derived: upgrading must not cost a
    full re-embed (hours for a national collection)."""
    import json
    import logging

    from assistant.hashing import sha256_file
    from assistant.index.store import current_build
    from tests.conftest import rewrite_manifest

    first = ensure_index(settings, fake_encoder)
    folder = current_build(settings.index_dir)
    chunks = folder / "chunks.jsonl"
    old = [
        json.dumps({**json.loads(line), "context_text": c.context_text})
        for line, c in zip(chunks.read_text().splitlines(), first.chunks, strict=True)
    ]
    chunks.write_text("\n".join(old) + "\n")

    def as_format_3(manifest):
        manifest["format_version"] = 3
        manifest["files"]["chunks.jsonl"] = sha256_file(chunks)

    rewrite_manifest(settings.index_dir, as_format_3)
    embedded = fake_encoder.encoded
    with caplog.at_level(logging.WARNING):
        upgraded = ensure_index(settings, fake_encoder)
    assert "rebuilding the index: the index format changed" in caplog.text
    assert upgraded.stats is not None and upgraded.stats.embedded == 0
    assert upgraded.stats.reused == first.stats.embedded
    assert fake_encoder.encoded == embedded
    assert [c.id for c in upgraded.chunks] == [c.id for c in first.chunks]


def test_a_large_build_embeds_in_slices_into_one_matrix(settings, fake_encoder, monkeypatch):
    from assistant.index import build as index_build

    monkeypatch.setattr(index_build, "ENCODE_SLICE", 16)
    sliced = ensure_index(settings, fake_encoder, full=True)
    calls = fake_encoder.calls
    monkeypatch.setattr(index_build, "ENCODE_SLICE", 100_000)
    whole = ensure_index(settings, fake_encoder, full=True)
    assert calls > 10 and fake_encoder.calls == calls + 1
    rows = range(len(whole.chunks))
    assert [c.id for c in sliced.chunks] == [c.id for c in whole.chunks]
    for name in ("vectors", "local_vectors"):
        a, b = getattr(sliced, name).all_vectors(), getattr(whole, name).all_vectors()
        assert a.shape == b.shape == (len(rows), fake_encoder.dimension)
        assert (a == b).all()
