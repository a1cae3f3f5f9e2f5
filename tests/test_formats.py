"""Every format yields the same review; bad files give one line naming the file and why."""

from __future__ import annotations

import io

import briefs
import pytest

from assistant.ingest.files import parse_source


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


def test_deeply_nested_html_is_read_in_full():
    """5,000 nested elements (beyond Python's recursion limit) still give their text."""
    deep = b"<div>" * 5000
    page = b"<html><body><h1>Deep brief</h1>" + deep + b"<h2>Key learning</h2><ul>"
    page += b"<li>Deep text is learning.</li></ul>" + b"</div>" * 5000
    (review,) = parse_source("deep.html", page).reviews
    assert review.title == "Deep brief"
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        ("Key learning", ["Deep text is learning."])
    ]
    bare = b"<html><body>" + deep + b"<p>Deep text.</p>" + b"</div>" * 5000
    source = parse_source("deep.html", bare)
    assert source.error == ""
    assert [p.text for s in source.reviews[0].sections for p in s.points] == ["Deep text."]


def test_the_shipped_examples_each_give_one_review_with_their_metadata():
    from pathlib import Path

    from assistant.ingest.collection import load_corpus

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


def _docx_bytes(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_table(document, rows: tuple[tuple[str, ...], ...]) -> None:
    """A Word table of plain cells, one tuple a row."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text


def test_word_briefings_laid_out_as_tables_keep_every_box():
    def build(document):
        table = document.add_table(rows=2, cols=2)
        for n, cell in enumerate(table._cells, start=1):
            cell.paragraphs[0].add_run(f"{n}. Box {n}").bold = True
            cell.add_paragraph(f"Learning in box {n}.")

    (review,) = parse_source("grid.docx", _docx_bytes(build)).reviews
    assert review.title == "grid"  # no title in the document: its file name
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        (f"{n}. Box {n}", [f"Learning in box {n}."]) for n in range(1, 5)
    ]


def test_word_bold_lines_rank_by_type_size_and_the_page_header_names_the_partnership():
    from docx.shared import Pt

    def build(document):
        document.sections[0].header.paragraphs[0].text = "Anytown Safeguarding Children Partnership"
        for text, size in (("Rapid review: Child K", 16), ("Summary", 12)):
            run = document.add_paragraph().add_run(text)
            run.bold, run.font.size = True, Pt(size)
        document.add_paragraph("Child K was 15.")
        run = document.add_paragraph().add_run("Exploitation")
        run.bold, run.font.size = True, Pt(12)
        document.add_paragraph("\u2022\tChild K was treated as an offender.")
        document.add_paragraph("\u2022\tNobody asked who he was with.")

    (review,) = parse_source("k.docx", _docx_bytes(build)).reviews
    assert review.title == "Rapid review: Child K" and str(review.kind) == "rapid review"
    assert review.summary == "Child K was 15."
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        ("Exploitation", ["Child K was treated as an offender.", "Nobody asked who he was with."])
    ]
    assert review.partnership == "Anytown Safeguarding Children Partnership"


def test_html_bullet_lines_split_into_points_and_cookie_widgets_are_dropped():
    page = (
        b"<html><body><div class='content'><h1>Thematic review: online harm</h1>"
        b"<h2>Key learning</h2><p>\xe2\x80\xa2 First point.<br>\xe2\x80\xa2 Second point.</p>"
        b"<h2>Next steps</h2><ul><li>Talk to children.</li></ul>"
        b"<p>Printable version (PDF, 300KB)</p><p>Email Print</p></div>"
        b"<div id='ccc-notify'><p>We use cookies to make this site work.</p></div>"
        b"</body></html>"
    )
    (review,) = parse_source("online.html", page).reviews
    assert [p.text for s in review.sections for p in s.points] == ["First point.", "Second point."]
    assert [n.text for n in review.next_steps] == ["Talk to children."]


def test_a_one_page_pdf_drops_its_small_footer_but_reads_its_date_and_partnership():
    from fpdf import FPDF

    doc = FPDF()
    doc.set_auto_page_break(False)
    doc.add_page()
    doc.set_font("Helvetica", "B", 24)
    doc.cell(12, 12, "1")  # a large drop number beside the heading
    doc.set_font("Helvetica", "B", 14)
    doc.cell(0, 12, "Background", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", "", 11)
    doc.multi_cell(0, 6, "Baby L was six weeks old.", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", "B", 14)
    doc.cell(0, 10, "Key learning", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", "", 11)
    doc.multi_cell(0, 6, "- Fathers were not seen.", new_x="LMARGIN", new_y="NEXT")
    doc.set_y(-15)
    doc.set_font("Helvetica", "", 8)
    doc.cell(0, 5, "Anytown Safeguarding Children Partnership | June 2019 | Page 1")
    (review,) = parse_source("baby-l.pdf", bytes(doc.output())).reviews
    assert review.summary == "Baby L was six weeks old."
    assert [p.text for s in review.sections for p in s.points] == ["Fathers were not seen."]
    assert (review.year, review.partnership) == (2019, "Anytown Safeguarding Children Partnership")


def test_markdown_with_bold_headings_and_a_plain_title_line():
    text = (
        "Rapid Review: Baby M\n\n"
        "Anytown Safeguarding Children Partnership\nPublished: June 2019\n\n"
        "**Summary**\n\nBaby M was admitted with a fracture.\n\n**Key learning**\n\n"
        "- Explanations were not checked.\n\n**Actions for practitioners**\n\n"
        "1) Check every explanation.\n"
    )
    (review,) = parse_source("m.md", text.encode()).reviews
    assert (review.title, review.year) == ("Rapid Review: Baby M", 2019)
    assert review.partnership == "Anytown Safeguarding Children Partnership"
    assert review.summary == "Baby M was admitted with a fracture."
    assert review.next_steps_heading == "Actions for practitioners"
    assert [(n.number, n.text) for n in review.next_steps] == [(1, "Check every explanation.")]


def test_front_matter_with_a_colon_in_the_title_still_applies():
    text = "---\ntitle: Serious Case Review: Family H\ndate: 2017\n---\n\n## Summary\n\nText.\n"
    source = parse_source("h.md", text.encode())
    (review,) = source.reviews
    assert (review.title, review.year, str(review.kind)) == (
        "Serious Case Review: Family H",
        2017,
        "serious case review",
    )
    assert source.warnings == ()


def test_gov_uk_accordions_and_tables_of_learning_are_read():
    page = (
        b"<html><body><main><h1>Rapid review: Child K</h1><h2>Summary</h2><p>Child K was 4.</p>"
        b"<div class='govuk-accordion'><h2><button>What practitioners should do"
        b"<span class='govuk-visually-hidden'>, </span><span class='govuk-accordion__section-"
        b"toggle'>Show</span></button></h2><div hidden='until-found'><ol><li>Visit at home.</li>"
        b"</ol></div></div><h2>Key learning</h2><table><tr><th>Finding</th><th>Implication</th>"
        b"</tr><tr><td>Nobody saw the child.</td><td>See every child.</td></tr></table>"
        b"<h2>Related documents</h2><ul><li>Policy (PDF)</li></ul></main></body></html>"
    )
    (review,) = parse_source("k.html", page).reviews
    assert review.next_steps_heading == "What practitioners should do"
    assert [(n.number, n.text) for n in review.next_steps] == [(1, "Visit at home.")]
    assert [p.text for s in review.sections for p in s.points] == [
        "Nobody saw the child.: See every child."
    ]


def test_a_further_information_heading_does_not_swallow_two_reviews_and_styles_inherit():
    def build(document):
        base = document.styles.add_style("LSCP Heading", 1)  # a paragraph style
        base.base_style = document.styles["Heading 1"]
        for title, point in (("Serious Case Review: Child D", "D"), ("Rapid Review: Child H", "H")):
            document.add_paragraph(title, style="LSCP Heading")
            document.add_heading("Key learning", 2)
            document.add_paragraph(f"Learning about {point}.", style="List Bullet")
        document.add_heading("Further information", 1)
        document.add_paragraph("Call 01234 567890.")

    reviews = parse_source("two.docx", _docx_bytes(build)).reviews
    assert [(r.title, str(r.kind)) for r in reviews] == [
        ("Serious Case Review: Child D", "serious case review"),
        ("Rapid Review: Child H", "rapid review"),
    ]
    assert [[p.text for s in r.sections for p in s.points] for r in reviews] == [
        ["Learning about D."],
        ["Learning about H."],
    ]


def test_front_matter_from_other_tools_keeps_the_fields_it_can_use():
    text = (
        "---\ntitle: Baby N\ntype: CSPR\ntags: [Neglect, Fathers]\nlayout: post\n"
        "date: 2023-02-01\n---\n\n## Summary\n\nBaby N.\n"
    )
    source = parse_source("n.md", text.encode())
    (review,) = source.reviews
    assert (str(review.kind), review.themes, review.year) == (
        "serious case review",
        ("Neglect", "Fathers"),
        2023,
    )
    assert source.warnings == ("n.md: front matter field 'layout' ignored",)


def test_pdf_headings_set_in_colour_at_body_size_are_headings():
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", "", 11)

    def line(text, colour=(0, 0, 0)):
        doc.set_text_color(*colour)
        doc.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        doc.ln(2)

    line("Thematic review: Neglect", (0, 80, 160))
    line("Background", (0, 80, 160))
    line("Six families were looked at in detail by the partnership this year. " * 3)
    line("Professional curiosity", (0, 80, 160))
    line("- Practitioners accepted what parents said without checking it.")
    (review,) = parse_source("c.pdf", bytes(doc.output())).reviews
    assert review.title == "Thematic review: Neglect"
    assert [(s.heading, len(s.points)) for s in review.sections] == [("Professional curiosity", 1)]


def test_unstyled_section_names_capitals_headings_and_aria_headings():
    def build(document):
        document.add_paragraph("Rapid review: Child P", style="Title")
        for text in ("Background", "Child P was 9.", "What happens next", "Share the plan."):
            document.add_paragraph(text)

    (review,) = parse_source("p.docx", _docx_bytes(build)).reviews
    assert review.summary == "Child P was 9."
    assert (review.next_steps_heading, [n.text for n in review.next_steps]) == (
        "What happens next",
        ["Share the plan."],
    )
    page = (
        b"<html><body><div role='main'><div role='heading' aria-level='1'>Rapid review: Q</div>"
        b"<div role='heading' aria-level='2'>Why it matters</div><p>Q was not seen.</p>"
        b"<div class='CommentsWrapper'><p>Great read!</p></div></div></body></html>"
    )
    (review,) = parse_source("q.html", page).reviews
    assert review.title == "Rapid review: Q"
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        ("Why it matters", ["Q was not seen."])
    ]


def test_markdown_line_breaks_footnotes_and_task_boxes():
    text = (
        "# Rapid review: Child R\n\n## Summary\n\nR lived by a main road.<br>R was 6.[^1]\n\n"
        "## Key learning\n\n**Speech and language**\n\u2022 Referrals were slow.\n"
        "\u2022 Parents were not told.\n\n## Next steps\n\n- [ ] Ask every child.\n\n"
        "[^1]: Working Together 2018.\n"
    )
    (review,) = parse_source("r.md", text.encode()).reviews
    assert review.summary == "R lived by a main road. R was 6."
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        ("Speech and language", ["Referrals were slow.", "Parents were not told."])
    ]
    assert [n.text for n in review.next_steps] == ["Ask every child."]


def test_a_pdf_with_capitals_headings_and_a_capitals_letterhead():
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", "", 11)
    for text in (
        "HILLSIDE SAFEGUARDING ADULTS BOARD",
        "Safeguarding Adults Review: Mr B",
        "MENTAL CAPACITY",
        "- Capacity was assumed, not assessed, when Mr B refused care.",
        "SELF-NEGLECT",
        "- Agencies closed the case after each refusal.",
    ):
        doc.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        doc.ln(3)
    (review,) = parse_source("b.pdf", bytes(doc.output())).reviews
    assert review.partnership == "Hillside Safeguarding Adults Board"
    assert [(s.heading, len(s.points)) for s in review.sections] == [
        ("MENTAL CAPACITY", 1),
        ("SELF-NEGLECT", 1),
    ]


def test_word_lines_in_clearly_larger_type_are_headings_even_unstyled_and_not_bold():
    from docx.shared import Pt

    def build(document):
        style = document.styles.add_style("Box Title", 1)
        style.font.size = Pt(16)
        for title, point in (("Rapid review: Baby R", "R"), ("Rapid review: Child S", "S")):
            document.add_paragraph(title, style="Box Title")
            document.add_paragraph("Learning")
            document.add_paragraph(
                f"Nobody saw {point} at home, though the family had moved twice."
            )

    reviews = parse_source("roundup.docx", _docx_bytes(build)).reviews
    assert [r.title for r in reviews] == ["Rapid review: Baby R", "Rapid review: Child S"]
    assert [[s.heading for s in r.sections] for r in reviews] == [["Learning"], ["Learning"]]


def test_a_word_template_cover_table_gives_the_title_and_date_not_sections():
    def build(document):
        table = document.add_table(rows=3, cols=2)
        rows = (
            ("Title", "Rapid Review Learning Brief: Baby T"),
            ("Date", "12 January 2024"),
            ("Author", "Westmere LSCP Business Unit"),
        )
        for row, (label, value) in zip(table.rows, rows, strict=True):
            row.cells[0].paragraphs[0].add_run(label).bold = True
            row.cells[1].text = value
        document.add_heading("Key learning", 1)
        document.add_paragraph("Baby T was not seen by the health visitor.", style="List Bullet")

    (review,) = parse_source("t.docx", _docx_bytes(build)).reviews
    assert (review.title, str(review.kind), str(review.published)) == (
        "Rapid Review Learning Brief: Baby T",
        "rapid review",
        "2024-01-12",
    )
    assert review.summary == ""
    assert [(s.heading, len(s.points)) for s in review.sections] == [("Key learning", 1)]


def test_wordpress_bylines_and_file_blocks_are_chrome_and_adults_reviews_a_kind():
    page = (
        b"<html><body><article><header class='entry-header'><h1>SAR: Mr D</h1>"
        b"<div class='entry-meta'><span class='posted-on'>Posted on <time datetime="
        b"'2023-09-14T09:00:00+00:00'>14 September 2023</time></span></div></header>"
        b"<div class='entry-content'><h2>Key learning</h2><ul><li>Mr D was not seen.</li></ul>"
        b"<div class='wp-block-file'><a href='/d.pdf'>Mr D brief</a><a href='/d.pdf' download>"
        b"Download</a></div></div></article></body></html>"
    )
    (review,) = parse_source("d.html", page).reviews
    assert (review.title, str(review.kind), str(review.published)) == (
        "SAR: Mr D",
        "safeguarding adults review",
        "2023-09-14",
    )
    assert review.summary == ""
    assert [p.text for s in review.sections for p in s.points] == ["Mr D was not seen."]


def test_sentences_that_start_like_labels_stay_learning_and_part_names_do_not_split():
    text = (
        "# Child T: serious case review\n\nOverview\n\nChild T was 4.\n\n"
        "Title: the family held no legal title to the flat.\n\n## Neglect\n\n"
        "- Status: the child's immigration status was not checked.\n\n## Voice of the child\n\n"
        "- T was never spoken to alone.\n"
    )
    (review,) = parse_source("t.md", text.encode()).reviews
    assert review.title == "Child T: serious case review"
    assert review.summary == "Child T was 4.\n\nTitle: the family held no legal title to the flat."
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        ("Neglect", ["Status: the child's immigration status was not checked."]),
        ("Voice of the child", ["T was never spoken to alone."]),
    ]


def test_a_statistic_opening_a_pdf_line_is_kept():
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", "B", 16)
    doc.cell(0, 10, "Rapid review: Child AA", new_x="LMARGIN", new_y="NEXT")
    doc.cell(0, 10, "Key learning", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", "B", 18)
    doc.cell(10, 8, "27")
    doc.set_font("Helvetica", "", 11)
    doc.cell(0, 8, "contacts with children's social care led to no assessment.")
    (review,) = parse_source("aa.pdf", bytes(doc.output())).reviews
    assert [p.text for s in review.sections for p in s.points] == [
        "27 contacts with children's social care led to no assessment."
    ]


PASTED = """From: Business Unit
Sent: 09 November 2022 10:14
Subject: Learning brief (please cascade)

Dear colleagues,

Please share the brief below with your teams.

-----------------------------------------------------------------------

NORTHDALE SAFEGUARDING CHILDREN PARTNERSHIP

RAPID REVIEW LEARNING BRIEF
CHILD 4: MISSED HEALTH APPOINTMENTS
November 2022

1. Introduction
---------------

In August 2022 Child 4, aged 8, was admitted to hospital.

2. WHAT THE REVIEW LEARNED
==========================

Finding 1: Each missed appointment was seen on its own
-------------------------------------------------------
Across the two children there were eleven missed appointments, but no
service saw them together.

3. What you can do

  - Think "was not brought" and record it that way in the child's
    record.
  - Look across siblings.
"""


def test_plain_text_pasted_from_an_email_is_read_by_its_own_headings():
    (review,) = parse_source("brief.txt", PASTED.encode()).reviews
    # Capitals that wrap one title join; the date under it is not part of it.
    assert review.title == "RAPID REVIEW LEARNING BRIEF CHILD 4: MISSED HEALTH APPOINTMENTS"
    assert (review.partnership, review.year) == (
        "Northdale Safeguarding Children Partnership",
        2022,
    )
    assert str(review.kind) == "rapid review"
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        (
            "Finding 1: Each missed appointment was seen on its own",
            ["Across the two children there were eleven missed appointments, but no service "
             "saw them together."],
        )
    ]  # fmt: skip
    assert [s.text for s in review.next_steps] == [
        'Think "was not brought" and record it that way in the child\'s record.',
        "Look across siblings.",
    ]
    assert "Dear colleagues" not in review.summary  # the email before the title


def test_a_word_subtitle_is_not_part_of_the_title_and_box_numbers_are_not_headings():
    def build(document):
        document.add_paragraph("7-Minute Briefing: Mr A", style="Title")
        document.add_paragraph("Hoarding and fire risk", style="Subtitle")
        for number, heading, text in (
            ("1", "Background", "Mr A was 80 and lived alone."),
            ("2", "Key learning", "The fire service visit was not shared with housing."),
        ):
            document.add_paragraph().add_run(number).bold = True
            document.add_paragraph().add_run(heading).bold = True
            document.add_paragraph(text)

    (review,) = parse_source("a.docx", _docx_bytes(build)).reviews
    assert review.title == "7-Minute Briefing: Mr A"
    assert review.summary.startswith("Hoarding and fire risk")
    assert [(s.heading, len(s.points)) for s in review.sections] == [
        ("Background", 1),
        ("Key learning", 1),
    ]


def test_accordions_sit_under_the_heading_above_them_and_a_listing_takes_its_briefs_heading():
    page = (
        b"<html><head><title>Learning from reviews | Anytown Safeguarding Partnership</title>"
        b"</head><body><main><h1>Learning from reviews</h1><p>Showing 1 result</p>"
        b"<h2>Baby Q: learning brief</h2><p>Baby Q was 8 weeks old.</p>"
        b"<details><summary>What the review found</summary><h3>Fathers were invisible</h3>"
        b"<p>Nobody asked who else lived in the home.</p>"
        b"<h3>Advice was not tailored</h3><p>The same leaflet was given to every family.</p>"
        b"</details><details><summary>What you can do</summary><ul><li>Ask who lives in the"
        b" home.</li></ul></details></main></body></html>"
    )
    (review,) = parse_source("q.html", page).reviews
    assert review.title == "Baby Q: learning brief"
    assert [(s.heading, len(s.points)) for s in review.sections] == [
        ("Fathers were invisible", 1),
        ("Advice was not tailored", 1),
    ]
    assert all(s.role == "learning" and s.theme for s in review.sections)
    assert [s.text for s in review.next_steps] == ["Ask who lives in the home."]


def test_a_markdown_heading_beats_a_shorter_front_matter_title():
    text = (
        "---\ntitle: Adult K\n---\n\n# Learning brief: Adult K and self-neglect\n\n"
        "## Key learning\n\n- Refusal was taken at face value.\n"
    )
    (review,) = parse_source("k.md", text.encode()).reviews
    assert review.title == "Learning brief: Adult K and self-neglect"


def test_a_word_table_of_findings_and_what_they_mean_is_read_column_by_column():
    def build(document):
        document.add_paragraph("SAR: Mrs Q", style="Title")
        document.add_heading("Findings", 1)
        _add_table(
            document,
            (
                ("Finding", "What this means for practice"),
                ("Capacity was stated, not assessed.", "Assess capacity for the decision in hand."),
                ("Each refusal was seen on its own.", "Look at refusals over time and share them."),
            ),
        )
        document.add_heading("Audit sample", 1)
        _add_table(document, (("Sample", "Number"), ("Cases audited", "20"), ("Out of hours", "4")))

    (review,) = parse_source("q.docx", _docx_bytes(build)).reviews
    parts = {s.heading: [p.text for p in s.points] for s in review.sections}
    # The findings stay in the part the table sits in; the other column is what to do.
    assert parts["Findings"] == [
        "Capacity was stated, not assessed.",
        "Each refusal was seen on its own.",
    ]
    assert "Finding" not in parts
    assert [s.text for s in review.next_steps] == [
        "Assess capacity for the decision in hand.",
        "Look at refusals over time and share them.",
    ]
    # Labels that say nothing of their part: each row one line, the labels left out.
    assert parts["Audit sample"] == ["Cases audited \u2013 20", "Out of hours \u2013 4"]


def test_a_pdf_bullet_that_wraps_to_its_own_edge_stays_one_point_and_a_dateline_is_a_date():
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("Helvetica", "B", 16)
    doc.cell(0, 10, "7-Minute Briefing: Mrs Z", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", "B", 11)
    doc.cell(
        0, 8, "Safeguarding Adults Review - Published November 2022", new_x="LMARGIN", new_y="NEXT"
    )
    doc.set_font("Helvetica", "", 11)
    doc.cell(
        0,
        6,
        "How to use this briefing: read it aloud at a team meeting.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.set_font("Helvetica", "B", 14)
    doc.cell(0, 10, "Key learning", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Helvetica", "", 11)
    for line in (
        "- Charts were filled in but nobody read them. Gaps",
        "were visible for weeks and did not prompt any action.",
        "- Agency night staff had no induction to residents'",
        "pressure care plans.",
    ):
        doc.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    (review,) = parse_source("z.pdf", bytes(doc.output())).reviews
    assert [p.text for s in review.sections for p in s.points] == [
        "Charts were filled in but nobody read them. Gaps were visible for weeks and did not "
        "prompt any action.",
        "Agency night staff had no induction to residents' pressure care plans.",
    ]
    assert review.year == 2022  # from "Published November 2022", which is no heading


def test_a_line_saying_who_the_brief_is_for_is_no_part_and_page_directions_are_dropped():
    brief = """# Safeguarding Adults Review - Mr Y

**Learning briefing for practitioners and managers**

**Themes:** self-neglect \u00b7 hoarding \u00b7 mental capacity

Mr Y was 70 when he died at home.

## What we found

The table below sets out the main findings.

- Refusing a service is the start of a conversation, not the end of one.

Select each heading to read more.

[Back to case reviews](/case-reviews) | [Download the brief (PDF)](/y.pdf)

If you are worried about an adult in Anytown, contact adult social care on 01632 960 000.
"""
    (review,) = parse_source("y.md", brief.encode()).reviews
    assert review.themes == ("self-neglect", "hoarding", "mental capacity")
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        (
            "What we found",
            ["Refusing a service is the start of a conversation, not the end of one."],
        )
    ]


def test_a_word_table_whose_labels_are_not_all_learning_or_actions_loses_no_cell():
    def build(document):
        document.add_paragraph("Rapid review: Child W", style="Title")
        document.add_heading("Action plan", 1)
        _add_table(
            document,
            (
                ("Action", "Lead", "Status"),
                ("Share the chronology with the school.", "Board manager", "Green"),
                ("Offer a return home interview every time.", "Police", "Amber"),
            ),
        )

    (review,) = parse_source("w.docx", _docx_bytes(build)).reviews
    texts = [p.text for s in review.sections for p in s.points] + [
        n.text for n in review.next_steps
    ]
    for cell in (
        "Share the chronology with the school.",
        "Offer a return home interview every time.",
    ):
        assert texts.count(cell) == 1, texts
    # "Lead" and "Status" are columns of an action plan, not parts of the brief
    assert not {"Lead", "Status"} & {s.heading for s in review.sections}
