"""The trainer's handout: list operations, Markdown and DOCX with full citations."""

from __future__ import annotations

from docx import Document

from assistant.exports.handout import add, handout_markdown, move, remove, write_docx
from assistant.messages import REFLECTIVE_QUESTIONS
from assistant.models import ChunkKind, Citation, HandoutItem, Place, SourceRef


def item(n: int, text: str = "", also: tuple[Place, ...] = ()) -> HandoutItem:
    return HandoutItem(
        citation=Citation(
            marker=n,
            id=f"review-{n}/section/abc{n}",
            review=f"Review {n}",
            review_id=f"review-{n}",
            section=f"Section {n}",
            kind=ChunkKind.LEARNING_POINT,
            position=n,
            text=text or f"Point {n} <script>alert(1)</script> verbatim.",
            score=1.0,
            quoted=True,
            source=SourceRef(file="reviews.txt", line=10 * n),
            also_in=also,
        ),
        question="q",
    )


def test_add_skips_duplicates_and_keeps_order():
    items = add([item(1)], [item(2), item(1), item(3)])
    assert [i.citation.marker for i in items] == [1, 2, 3]


def test_move_and_remove():
    items = [item(1), item(2), item(3)]
    assert [i.citation.marker for i in move(items, 2, -1)] == [1, 3, 2]
    assert [i.citation.marker for i in move(items, 0, -1)] == [1, 2, 3]  # already first
    assert [i.citation.marker for i in move(items, 0, +1)] == [2, 1, 3]
    assert [i.citation.marker for i in remove(items, 1)] == [1, 3]
    assert [i.citation.marker for i in remove(items, 9)] == [1, 2, 3]


def test_markdown_keeps_text_verbatim_with_full_citations_and_questions():
    twin = Place(
        id="x", review="Other review", review_id="o", section="S", text="t",
        source=SourceRef(file="f.txt", line=3),
    )  # fmt: skip
    md = handout_markdown([item(1), item(2, also=(twin,))])
    assert "> Point 1 <script>alert(1)</script> verbatim." in md
    assert "Source: Review 2 \u203a Section 2 \u203a point 2 (source: reviews.txt, line 20)" in md
    assert "Also in: Other review \u203a S" in md
    assert md.index("## 1. Review 1") < md.index("## 2. Review 2")
    for question in REFLECTIVE_QUESTIONS:
        assert question in md


def test_docx_opens_and_holds_the_citations(tmp_path):
    path = write_docx([item(1), item(2)], tmp_path / "handout.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Point 2 <script>alert(1)</script> verbatim." in text
    assert "Review 1 \u203a Section 1 \u203a point 1 (source: reviews.txt, line 10)" in text
    assert REFLECTIVE_QUESTIONS[2] in text


def test_an_empty_handout_still_renders(tmp_path):
    assert "No excerpts yet." in handout_markdown([])
    assert write_docx([], tmp_path / "empty.docx").stat().st_size > 0
