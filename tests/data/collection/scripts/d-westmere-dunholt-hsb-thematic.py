"""Build briefs/d-westmere-dunholt-hsb-thematic.docx (fictional thematic review summary).

Laid out as many real partnership Word files are: bold Normal paragraphs used as
headings (no Heading styles), a 2-column table of the children, findings in numbered
shaded boxes (one-cell tables), List Bullet for actions, footer text.
Run with .venv/bin/python from the project folder.
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "briefs" / "d-westmere-dunholt-hsb-thematic.docx"

doc = Document()
normal = doc.styles["Normal"]
normal.font.name = "Calibri"
normal.font.size = Pt(11)

PURPLE = RGBColor(0x5B, 0x2C, 0x6F)


def shade(cell, fill):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def bold_heading(text, size=13):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(size)
    r.font.color.rgb = PURPLE
    p.paragraph_format.space_before = Pt(12)
    return p


def para(text):
    return doc.add_paragraph(text)


def bullet(text):
    return doc.add_paragraph(text, style="List Bullet")


def box(number, lead, text):
    t = doc.add_table(rows=1, cols=1)
    t.style = "Table Grid"
    cell = t.rows[0].cells[0]
    shade(cell, "EDE4F2")
    p = cell.paragraphs[0]
    r = p.add_run(f"{number}. {lead} ")
    r.bold = True
    p.add_run(text)
    doc.add_paragraph()  # spacer between boxes, as real files have


# Title block (bold Normal, not the Title style)
p = doc.add_paragraph()
r = p.add_run("Harmful Sexual Behaviour by Children: Thematic Review Learning Summary")
r.bold = True
r.font.size = Pt(18)
r.font.color.rgb = PURPLE
p = doc.add_paragraph("Westmere and Dunholt Safeguarding Children Partnership | June 2023")
p.alignment = WD_ALIGN_PARAGRAPH.LEFT

bold_heading("Purpose of this summary")
para("This summary shares what we learned from a thematic review of how agencies in Westmere "
     "and Dunholt responded to children who displayed harmful sexual behaviour (HSB) between "
     "2020 and 2022. It is written for practitioners in schools, early help, health, police, "
     "youth justice and children's social care.")
para("The review looked at the children who had harmed others and, where there was one, at the "
     "child who had been harmed. Both are children, and both need a safeguarding response.")

bold_heading("Why the partnership commissioned the review")
para("In eighteen months, three rapid reviews involved children whose sexual behaviour towards "
     "other children had been known about for a long time before a serious incident. Referrals "
     "to the specialist HSB service had also doubled since 2019, and the wait for an assessment "
     "had grown to seven months.")

bold_heading("The children whose experiences informed the review")
children = [
    ("Child A (boy, 11)", "Touched two younger cousins during family visits over two years. The "
     "family handled it privately until one cousin told her teacher."),
    ("Child B (girl, 14)", "Shared a sexual image of a classmate and pressured two younger pupils "
     "online. She had herself been groomed online at the age of 12."),
    ("Child C (boy, 15)", "Excluded after assaulting a peer in the school toilets. Earlier "
     "incidents at primary school had been logged as \u201cinappropriate behaviour\u201d."),
    ("Child D (boy, 9)", "Showed sexualised behaviour in a new foster placement. His previous "
     "carers had asked for him to move without the new carers being told why."),
]
t = doc.add_table(rows=1, cols=2)
t.style = "Table Grid"
t.rows[0].cells[0].text = "Child"
t.rows[0].cells[1].text = "What happened"
for c in t.rows[0].cells:
    shade(c, "5B2C6F")
    run = c.paragraphs[0].runs[0]
    run.bold = True
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
for a, b in children:
    row = t.add_row().cells
    row[0].text = a
    row[1].text = b
para("Names and identifying details have been changed.")

bold_heading("What the review found")
box(1, "Incidents were dealt with one at a time.",
    "In three of the four cases, earlier worrying behaviour had been recorded by the same school "
    "or service, but each new incident was assessed as though it were the first.")
box(2, "\u201cWhat has happened to this child?\u201d was asked late.",
    "Child B and Child D had both been sexually abused themselves, and at least one agency knew "
    "this before their own behaviour was recognised as harmful.")
box(3, "The words we used played it down.",
    "Behaviour that sat clearly at the harmful end of the partnership's continuum guidance was "
    "described as \u201cexperimenting\u201d, \u201chorseplay\u201d or \u201cinappropriate\u201d.")
box(4, "The harmed child came second.",
    "Safety planning concentrated on the child who had caused harm. In two cases the children who "
    "had been harmed received no support after the first police contact.")
box(5, "Families were left to cope alone.",
    "Child A's parents were told it was a family matter. Nobody helped them plan for family "
    "gatherings, and unsupervised contact with the cousins carried on.")
box(6, "Schools did not know what to do while they waited.",
    "Designated safeguarding leads said they were unsure how to manage risk in school during the "
    "wait for a specialist assessment, and some children were kept at home as a result.")

bold_heading("Good practice")
para("The youth justice service and Child C's school wrote a risk management plan together that "
     "let him return on a reduced timetable with clear supervision, instead of moving him to "
     "alternative provision.")
para("Child D's foster carers received specialist advice within two weeks. The review noted the "
     "careful, non-shaming way they recorded his behaviour.")

bold_heading("What this means for you")
for b in [
    "Use the partnership's HSB continuum guidance to describe behaviour, and write down exactly what the child did.",
    "Look at the history: check your own records and ask other agencies about earlier incidents before deciding on a response.",
    "Ask what may have happened to the child, including abuse or exposure to sexual content, and refer if needed.",
    "Make a support and safety plan for every child involved, including the child who was harmed.",
    "Talk with parents about safety at home and at family gatherings rather than leaving them to work it out.",
    "While a child waits for a specialist assessment, call the HSB consultation line for interim advice and agree a school safety plan.",
]:
    bullet(b)

bold_heading("What the partnership has committed to")
para("The partnership will fund a consultation line run by the specialist HSB service, so that any "
     "practitioner can get advice within three working days. It will also train every designated "
     "safeguarding lead in HSB by March 2024 and check waiting times every quarter.")

bold_heading("Reflective questions")
for b in [
    "How would you explain the difference between harmful and developmentally expected sexual behaviour in a nine-year-old?",
    "Where in your service are concerns about sexual behaviour recorded, and how would you find earlier incidents?",
    "How does your safety planning include the child who has been harmed?",
]:
    bullet(b)

bold_heading("Where to find advice")
for b in [
    "HSB consultation line: 01632 960733 (Monday to Friday, 9am to 4pm)",
    "Westmere and Dunholt HSB practice guidance and continuum tool",
    "Full thematic review report: available on the partnership website",
    "Training: \u201cResponding to harmful sexual behaviour\u201d, half-day multi-agency course",
]:
    bullet(b)

fp = doc.sections[0].footer.paragraphs[0]
fp.text = "Westmere and Dunholt SCP \u2013 HSB Thematic Review \u2013 Learning Summary \u2013 June 2023"
fp.alignment = WD_ALIGN_PARAGRAPH.CENTER

OUT.parent.mkdir(parents=True, exist_ok=True)
doc.save(str(OUT))
print("wrote", OUT)
