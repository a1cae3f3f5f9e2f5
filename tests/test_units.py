"""Chunks are citable units with stable ids; context is embedded, text stays verbatim."""

from __future__ import annotations

import random
from collections import Counter

from assistant.index.units import (
    MAX_TWINS,
    TWIN_SIMILARITY,
    chunk_review,
    chunk_reviews,
    link_twins,
    similar_pairs,
)
from assistant.ingest.formats.page import parse_document
from assistant.models import ChunkKind


def chunks_of(text: str):
    return chunk_reviews(parse_document(text, "learning-from-reviews.txt").reviews)


def test_every_point_next_step_and_summary_is_a_unit(corpus_text):
    kinds = Counter(c.kind for c in chunks_of(corpus_text))
    assert kinds == {ChunkKind.LEARNING_POINT: 55, ChunkKind.NEXT_STEP: 24, ChunkKind.SUMMARY: 5}


def test_ids_are_unique_and_identical_across_rebuilds(corpus_text):
    first = [c.id for c in chunks_of(corpus_text)]
    assert len(set(first)) == len(first)
    assert first == [c.id for c in chunks_of(corpus_text)]


def test_editing_one_bullet_changes_only_that_unit(corpus_text):
    before = {c.id: c for c in chunks_of(corpus_text)}
    original = "Long histories of chronic neglect were not always recognised"
    edited_text = corpus_text.replace(
        original, "Long histories of chronic neglect were rarely recognised"
    )
    after = {c.id: c for c in chunks_of(edited_text)}
    removed, added = set(before) - set(after), set(after) - set(before)
    assert len(removed) == 1 and len(added) == 1
    (old_id,), (new_id,) = removed, added
    assert before[old_id].text.startswith(original)
    assert after[new_id].text.startswith("Long histories of chronic neglect were rarely")
    assert (after[new_id].section, after[new_id].position) == (
        before[old_id].section,
        before[old_id].position,
    )
    for unit_id in set(before) & set(after):
        assert before[unit_id].text == after[unit_id].text


def test_context_carries_title_and_heading_but_text_stays_verbatim(corpus_text):
    chunk = next(c for c in chunks_of(corpus_text) if c.section == "Forced marriage")
    assert chunk.text.startswith("Joint working between police and social work")
    assert "Joint Targeted Area Inspections (JTAI) - Domestic Abuse" in chunk.context_text
    assert "Forced marriage" in chunk.context_text
    assert chunk.context_text.endswith(chunk.text)
    assert "Forced marriage" not in chunk.text


def test_identical_bullets_in_two_reviews_get_distinct_ids(corpus_text):
    text = "Social workers knew the individual children in sibling groups well"
    same = [c for c in chunks_of(corpus_text) if c.text.startswith(text)]
    assert len(same) == 2
    assert same[0].id != same[1].id
    assert {c.review_id for c in same} == {
        "joint-targeted-area-inspections-jtai-domestic-abuse",
        "joint-targeted-area-inspections-jtai-neglect",
    }


def test_twins_link_near_identical_units_of_other_reviews_only(corpus_text):
    chunks = chunks_of(corpus_text)
    by_id = {c.id: c for c in chunks}
    linked = [c for c in chunks if c.twins]
    assert linked
    for c in linked:
        for twin_id in c.twins:
            twin = by_id[twin_id]
            assert twin.review_id != c.review_id and twin.kind == c.kind
            assert c.id in twin.twins
    assert not any(c.twins for c in chunks if c.kind == ChunkKind.SUMMARY)
    forced = [c for c in chunks if c.section == "Forced marriage"]
    assert not any(c.twins for c in forced)  # learning only one review holds


def _brute_force_pairs(sets, threshold):
    return {
        (i, j)
        for i in range(len(sets))
        for j in range(i + 1, len(sets))
        if (sets[i] | sets[j]) and len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= threshold
    }


def test_similar_pairs_finds_exactly_the_pairs_a_full_comparison_finds():
    rng = random.Random(3)
    vocabulary = [f"w{n}" for n in range(30)]
    for threshold in (0.5, 0.8, 1.0):
        sets = []
        for _ in range(300):
            base = rng.sample(vocabulary, k=rng.randint(0, 12))
            if sets and rng.random() < 0.4:  # near copies of an earlier set
                base = list(rng.choice(sets))[: rng.randint(1, 12)] + rng.sample(vocabulary, k=1)
            sets.append(frozenset(base))
        expected = _brute_force_pairs(sets, threshold)
        assert expected, "the sample should hold similar pairs"
        assert set(similar_pairs(sets, threshold)) == expected


def test_a_unit_keeps_a_bounded_number_of_twins_in_corpus_order(corpus_text):
    reviews = parse_document(corpus_text, "learning-from-reviews.txt").reviews
    jtai = reviews[0]
    copies = [
        jtai.model_copy(update={"id": f"{jtai.id}-{n}", "title": f"{jtai.title} {n}"})
        for n in range(30)
    ]
    units = [c for r in copies for c in chunk_review(r)]
    units = [c.model_copy(update={"id": f"{c.review_id}#{k}"}) for k, c in enumerate(units)]
    chunks = link_twins(units, TWIN_SIMILARITY, most=MAX_TWINS)
    first = next(c for c in chunks if c.kind == ChunkKind.LEARNING_POINT)
    assert len(first.twins) == MAX_TWINS
    by_id = {c.id: c for c in chunks}
    owners = [by_id[t].review_id for t in first.twins]
    assert owners == [f"{jtai.id}-{n}" for n in range(1, MAX_TWINS + 1)]


def test_twins_are_what_comparing_every_pair_of_units_gives(corpus_text):
    """Grouping identical word sets first changes nothing: random units, with many exact
    copies, near copies, empty texts, several kinds and reviews, against every pair."""
    template = chunk_review(parse_document(corpus_text, "learning-from-reviews.txt").reviews[0])[0]
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(25)]
    kinds = [ChunkKind.LEARNING_POINT, ChunkKind.NEXT_STEP, ChunkKind.SUMMARY]
    texts: list[str] = []
    units = []
    for n in range(400):
        if texts and rng.random() < 0.5:
            words = rng.choice(texts).split()
            if rng.random() < 0.4:  # a near copy
                words = [*words[:-1], rng.choice(vocabulary)]
            text = " ".join(words)
        else:
            text = " ".join(rng.sample(vocabulary, k=rng.randint(0, 9)))
        texts.append(text)
        kind = rng.choice(kinds)
        update = {"id": f"u{n}", "review_id": f"r{rng.randint(0, 12)}", "kind": kind}
        units.append(template.model_copy(update={**update, "text": text or "."}))
    most = 4
    linked = link_twins(units, 0.8, most=most)
    words = [frozenset(t.split()) for t in texts]  # "." (an empty text) has no words
    for i, unit in enumerate(units):
        expected = [
            units[j].id
            for j in range(len(units))
            if j != i
            and unit.kind != ChunkKind.SUMMARY
            and units[j].kind == unit.kind
            and units[j].review_id != unit.review_id
            and words[i]
            and words[j]
            and len(words[i] & words[j]) / len(words[i] | words[j]) >= 0.8
        ][:most]
        assert linked[i].twins == tuple(expected), i
    assert sum(len(c.twins) == most for c in linked) > 20
