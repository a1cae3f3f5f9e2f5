"""Every format yields the same review; bad files give one line naming the file and why."""

from __future__ import annotations

import io

import briefs
import pytest

from assistant.ingest import parse_source


def _shape(review):
    return {
        "title": review.title,
        "kind": str(review.kind),
        "year": review.year,
        "partnership": review.partnership,
        "themes": review.themes,
        "summary": review.summary,
        "sections": {s.heading: tuple(p.text for p in s.points) for s in review.sections},
        "next_steps_heading": review.next_steps_heading,
        "next_steps": tuple((n.number, n.text) for n in review.next_steps),
    }


EXPECTED = {
    "title": briefs.TITLE,
    "kind": "rapid review",
    "year": 2022,
    "partnership": briefs.PARTNERSHIP,
    "themes": briefs.THEMES,
    "summary": briefs.SUMMARY,
    "sections": briefs.SECTIONS,
    "next_steps_heading": briefs.NEXT_STEPS_HEADING,
    "next_steps": tuple(enumerate(briefs.NEXT_STEPS, start=1)),
}


@pytest.mark.parametrize("ext", sorted(briefs.BUILDERS))
def test_each_format_parses_into_the_same_review(ext):
    source = parse_source(f"baby-g.{ext}", briefs.BUILDERS[ext]())
    assert source.error == "" and source.warnings == ()
    (review,) = source.reviews
    assert _shape(review) == EXPECTED
    assert len(review.content_hash) == 64
    assert all(p.source.file == f"baby-g.{ext}" for s in review.sections for p in s.points)


def test_pdf_points_know_their_page_and_markdown_front_matter_gives_the_date():
    (review,) = parse_source("g.pdf", briefs.pdf()).reviews
    assert {p.source.page for s in review.sections for p in s.points} == {1}
    (review,) = parse_source("g.md", briefs.markdown()).reviews
    assert str(review.published) == "2022-06-01"


def test_a_web_page_drops_navigation_scripts_and_cookie_banners_and_keeps_its_url():
    (review,) = parse_source("g.html", briefs.html()).reviews
    text = " ".join(
        [review.summary, *(p.text for s in review.sections for p in s.points)]
        + [n.text for n in review.next_steps]
    )
    for leaked in ("cookies", "alert", "Home", "color:red", "Bruising protocol (PDF)"):
        assert leaked not in text
    assert review.source_url == "https://example.org/reviews/baby-g"


def test_a_page_holding_several_briefs_yields_several_reviews():
    page = (
        b"<html><body><h1>Learning from reviews</h1>"
        b"<h2>Child H serious case review</h2><h3>Summary</h3><p>Child H was 15.</p>"
        b"<h3>Key learning</h3><h4>Missing from school</h4><ul><li>Nobody followed up.</li></ul>"
        b"<h2>Thematic review of neglect</h2><h3>Summary</h3><p>Six families.</p>"
        b"<h3>What you should do</h3><ol><li>Use the neglect toolkit.</li></ol>"
        b"</body></html>"
    )
    source = parse_source("page.html", page)
    assert [(r.title, str(r.kind)) for r in source.reviews] == [
        ("Child H serious case review", "serious case review"),
        ("Thematic review of neglect", "thematic"),
    ]
    first, second = source.reviews
    assert first.sections[0].heading == "Missing from school"
    assert second.next_steps_heading == "What you should do"
    assert [(n.number, n.text) for n in second.next_steps] == [(1, "Use the neglect toolkit.")]


def test_word_bold_lines_work_as_headings_and_tables_are_read():
    import docx

    document = docx.Document()
    document.add_paragraph("Seven minute briefing: Neglect", style="Title")
    for heading, text in (("Background", "Neglect is the most common reason."), ("Learning", "")):
        document.add_paragraph().add_run(heading).bold = True
        if text:
            document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Look at the home conditions."
    table.cell(0, 1).text = "Ask about school attendance."
    out = io.BytesIO()
    document.save(out)
    (review,) = parse_source("neglect.docx", out.getvalue()).reviews
    assert str(review.kind) == "7-minute briefing"
    assert review.summary == "Neglect is the most common reason."
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        ("Learning", ["Look at the home conditions.", "Ask about school attendance."])
    ]


def test_text_without_sections_becomes_one_summary_section_with_a_warning():
    import docx

    document = docx.Document()
    document.add_paragraph("First finding of the audit.")
    document.add_paragraph("Second finding of the audit.")
    out = io.BytesIO()
    document.save(out)
    source = parse_source("audit_notes.docx", out.getvalue())
    (review,) = source.reviews
    assert review.title == "audit notes"
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        ("Summary", ["First finding of the audit.", "Second finding of the audit."])
    ]
    assert source.warnings == (
        "audit_notes.docx: no recognisable sections in 'audit notes'; "
        "indexed as a single 'Summary' section",
    )


def _blank_pdf() -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.rect(20, 20, 100, 60)  # a drawing, no text: like a scanned page
    return bytes(doc.output())


BAD_FILES = {
    "cut.pdf": (briefs.pdf()[:600], "cut.pdf: is not a readable PDF"),
    "scan.pdf": (_blank_pdf(), "scan.pdf: has no text layer"),
    "junk.pdf": (b"\x00\x01junk" * 100, "junk.pdf: is not a PDF"),
    "junk.md": (bytes(range(256)) * 8, "junk.md: looks like a binary file"),
    "junk.html": (b"\x00\xff" * 500, "junk.html: looks like a binary file"),
    "fake.docx": (b"just text", "fake.docx: is not a Word .docx file"),
    "zip.docx": (b"PK\x03\x04broken", "zip.docx: is not a readable Word document"),
    "old.docx": (b"\xd0\xcf\x11\xe0" + b"\x00" * 200, "old.docx: is an old-style Word file"),
    "empty.md": (b"  \n\n", "empty.md: is empty"),
    "brief.doc": (b"\xd0\xcf\x11\xe0", "brief.doc: is not a supported format (.doc)"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_gives_one_line_naming_it_and_why(name):
    data, message = BAD_FILES[name]
    source = parse_source(name, data)
    assert source.reviews == ()
    assert source.error.startswith(message)
    assert "\n" not in source.error and "Traceback" not in source.error


def test_deeply_nested_html_is_read_or_refused_in_one_line():
    page = b"<html><body>" + b"<div>" * 5000 + b"<p>Deep text.</p>" + b"</div>" * 5000
    source = parse_source("deep.html", page)
    assert source.error == "" or "\n" not in source.error
    assert "Traceback" not in source.error


def test_the_shipped_examples_each_give_one_review_with_their_metadata():
    from pathlib import Path

    from assistant.corpus import load_corpus

    corpus = load_corpus(Path(__file__).resolve().parent.parent / "examples")
    assert [s.file for s in corpus.failed] == ["make_examples.py"]
    by_file = {s.file: s.reviews for s in corpus.sources if not s.error}
    assert sorted(by_file) == [
        "example-brief.docx",
        "example-brief.html",
        "example-brief.md",
        "example-brief.pdf",
    ]
    assert all(len(reviews) == 1 for reviews in by_file.values())
    md, html, pdf = (by_file[f"example-brief.{x}"][0] for x in ("md", "html", "pdf"))
    assert (str(md.kind), str(md.published), md.themes) == (
        "rapid review",
        "2024-03-01",
        ("Neglect", "Voice of the child"),
    )
    assert (str(html.kind), html.year, html.source_url) == (
        "thematic",
        2023,
        "https://example.org/reviews/thematic-example",
    )
    assert pdf.partnership == "Example Safeguarding Children Partnership"  # from its sidecar
    assert pdf.source_url == "https://example.org/reviews/fathers-briefing"
    assert [len(s.points) for s in pdf.sections] == [2, 1] and len(pdf.next_steps) == 2
