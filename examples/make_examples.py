"""Write the Word and PDF example briefs (the Markdown and HTML ones are written by hand).

Usage: .venv/bin/python examples/make_examples.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = "Example 7-minute briefing: Fathers and male carers (fictional)"
SUMMARY = "This is a made-up brief showing the {fmt} layout. Published: January 2025."
SECTIONS = {
    "Seeing the whole household": [
        "Practitioners did not ask who else lived in the home.",
        "The father's history was never assessed.",
    ],
    "Inviting fathers": ["Letters were addressed to mothers only."],
}
STEPS = ["Ask about every adult in the household.", "Invite fathers to every meeting."]


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    document.add_paragraph(TITLE, style="Title")
    document.add_heading("Summary", 1)
    document.add_paragraph(SUMMARY.format(fmt="Word"))
    document.add_heading("Key learning", 1)
    for heading, points in SECTIONS.items():
        document.add_heading(heading, 2)
        for point in points:
            document.add_paragraph(point, style="List Bullet")
    document.add_heading("Next steps", 1)
    for step in STEPS:
        document.add_paragraph(step, style="List Number")
    document.save(path)


def write_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_margins(20, 20)
    pdf.add_page()

    def text(value: str, size: float, style: str = "", x: float = 20) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.set_x(x)
        pdf.multi_cell(0, size * 0.5, value, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    text(TITLE, 18, "B")
    text("Summary", 14, "B")
    text(SUMMARY.format(fmt="PDF"), 11)
    text("Key learning", 14, "B")
    for heading, points in SECTIONS.items():
        text(heading, 12, "B")
        for point in points:
            text(f"- {point}", 11, x=24)
    text("Next steps", 14, "B")
    for n, step in enumerate(STEPS, start=1):
        text(f"{n}. {step}", 11)
    pdf.output(str(path))


if __name__ == "__main__":
    write_docx(HERE / "example-brief.docx")
    write_pdf(HERE / "example-brief.pdf")
    print("wrote", HERE / "example-brief.docx", "and", HERE / "example-brief.pdf")
