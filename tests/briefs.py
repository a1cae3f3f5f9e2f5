"""One fictional learning brief, written out in every format the corpus accepts.

Tests build the files in code (PDF with fpdf2, Word with python-docx), so every format
must yield the same review: title, themes, summary, sections, points and next steps.
"""

from __future__ import annotations

import io

TITLE = "Rapid review: Baby G"
THEMES = ("Fathers and male carers", "Bruising")
SUMMARY = (
    "Baby G was eight weeks old when he was taken to hospital with bruising to his face. "
    "This brief shares what agencies learned."
)
DATE_LINE = "Published: June 2022"
PARTNERSHIP = "Anytown Safeguarding Children Partnership"
SECTIONS = {
    "Seeing the whole household": (
        "Practitioners did not ask who else lived in the home, so the father's history was "
        "never assessed and nobody knew he had been violent in a previous relationship.",
        "Health visitors saw mum alone at every contact.",
    ),
    "Bruising in babies who cannot move": (
        "Any bruise on a baby who is not yet mobile needs a referral, whatever the "
        "explanation offered.",
    ),
}
NEXT_STEPS_HEADING = "Recommendations"
NEXT_STEPS = (
    "Ask about every adult in the household at each contact.",
    "Read the bruising protocol with your team.",
)


def markdown() -> bytes:
    sections = "\n".join(
        f"### {heading}\n\n" + "\n".join(f"- {p}" for p in points) + "\n"
        for heading, points in SECTIONS.items()
    )
    steps = "\n".join(f"{n}. {s}" for n, s in enumerate(NEXT_STEPS, start=1))
    return (
        f"---\ntitle: '{TITLE}'\npartnership: {PARTNERSHIP}\ndate: 2022-06-01\n"
        f"themes: [{', '.join(THEMES)}]\n---\n\n# {TITLE}\n\n## Summary\n\n{SUMMARY}\n\n"
        f"## Key learning\n\n{sections}\n## {NEXT_STEPS_HEADING}\n\n{steps}\n"
    ).encode()


def html() -> bytes:
    sections = "".join(
        f"<h3>{heading}</h3><ul>" + "".join(f"<li>{p}</li>" for p in points) + "</ul>"
        for heading, points in SECTIONS.items()
    )
    steps = "".join(f"<li>{s}</li>" for s in NEXT_STEPS)
    return (
        "<!doctype html><html><head><title>Baby G | Anytown LSCP</title>"
        '<link rel="canonical" href="https://example.org/reviews/baby-g">'
        "<style>body{color:red}</style><script>alert('x')</script></head><body>"
        '<div class="cookie-banner">We use cookies. Accept all cookies</div>'
        "<header><a href='/'>Home</a></header><nav><ul><li>Home</li><li>Reviews</li></ul></nav>"
        f"<main><h1>{TITLE}</h1><p><strong>Themes:</strong> {', '.join(THEMES)}</p>"
        f"<h2>Summary</h2><p>{SUMMARY}</p><p>{DATE_LINE}</p>"
        f"<h2>Key learning</h2>{sections}<h2>{NEXT_STEPS_HEADING}</h2><ol>{steps}</ol>"
        "<h2>Useful links</h2><ul><li>Bruising protocol (PDF)</li></ul></main>"
        f"<footer>&copy; {PARTNERSHIP}</footer></body></html>"
    ).encode()


def docx() -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph(PARTNERSHIP)
    document.add_heading("Themes", 1)
    for theme in THEMES:
        document.add_paragraph(theme, style="List Bullet")
    document.add_heading("Summary", 1)
    document.add_paragraph(SUMMARY)
    document.add_paragraph(DATE_LINE)
    document.add_heading("Key learning", 1)
    for heading, points in SECTIONS.items():
        document.add_heading(heading, 2)
        for point in points:
            document.add_paragraph(point, style="List Bullet")
    document.add_heading(NEXT_STEPS_HEADING, 1)
    for step in NEXT_STEPS:
        document.add_paragraph(step, style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf() -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.set_title("Microsoft Word - baby g final v3.docx")
    doc.set_margins(20, 20)

    def line(text: str, size: float, style: str = "", indent: float = 0, gap: float = 0):
        doc.set_font("Helvetica", style, size)
        doc.set_x(20 + indent)
        doc.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        doc.ln(gap)

    def bullet(text: str, mark: str = "-"):
        doc.set_font("Helvetica", "", 11)
        y = doc.get_y()
        doc.set_xy(22, y)
        doc.cell(4, 5.5, mark)
        doc.set_xy(27, y)
        doc.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        doc.ln(1.5)

    doc.add_page()
    line(TITLE, 20, "B", gap=2)
    line(PARTNERSHIP, 11, gap=4)
    line("Themes", 14, "B", gap=1)
    for theme in THEMES:
        bullet(theme)
    line("Summary", 14, "B", gap=1)
    line(SUMMARY, 11, gap=3)
    line(DATE_LINE, 11, gap=4)
    line("Key learning", 14, "B", gap=1)
    for heading, points in SECTIONS.items():
        line(heading, 12, "B", gap=1)
        for point in points:
            bullet(point)
    line(NEXT_STEPS_HEADING, 14, "B", gap=1)
    for n, step in enumerate(NEXT_STEPS, start=1):
        line(f"{n}. {step}", 11, gap=1.5)
    return bytes(doc.output())


BUILDERS = {"md": markdown, "html": html, "docx": docx, "pdf": pdf}
