"""Build briefs/d-ellingford-strategy-meetings-audit.docx (fictional multi-agency audit).

Real Word styles (Title, Subtitle, Heading 1/2, List Bullet, List Number), a sample
table and a 2-column "Finding | What this means for practice" table, header and footer.
Run with .venv/bin/python from the project folder.
"""
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "briefs" / "d-ellingford-strategy-meetings-audit.docx"


def shade(cell, hex_fill):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    tcPr.append(shd)


def add_page_number(paragraph):
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


doc = Document()
styles = doc.styles
styles["Normal"].font.name = "Arial"
styles["Normal"].font.size = Pt(11)

sec = doc.sections[0]
hp = sec.header.paragraphs[0]
hp.text = "Ellingford Safeguarding Children Partnership | Multi-agency audit programme 2023–24"
hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
fp = sec.footer.paragraphs[0]
fp.text = "OFFICIAL | Audit summary for practitioners | Page "
add_page_number(fp)

doc.add_paragraph("Multi-Agency Audit: Strategy Meetings and Information Sharing", style="Title")
doc.add_paragraph("Summary of findings for practitioners and managers – February 2024", style="Subtitle")

doc.add_heading("About this audit", level=1)
doc.add_paragraph(
    "Strategy meetings are where police, children's social care, health and education decide "
    "together whether a child may be suffering, or likely to suffer, significant harm and what "
    "should happen next. The quality of that decision depends on the information each agency "
    "brings to the table.")
doc.add_paragraph(
    "In the autumn of 2023 the Ellingford Safeguarding Children Partnership audited twenty "
    "strategy meetings held between April and September 2023. The audit was requested by the "
    "Quality Assurance Subgroup after two rapid reviews found that schools had not been invited "
    "to strategy discussions about children they knew well.")

doc.add_heading("How the audit was carried out", level=1)
doc.add_paragraph(
    "Cases were chosen at random from the strategy meeting log held by the Front Door team. "
    "Each agency audited its own records against a shared tool, and auditors from police, the "
    "integrated care board, the local authority and two schools then met for a day to compare "
    "their findings and agree a grade for each case.")
sample = doc.add_table(rows=1, cols=2)
sample.style = "Table Grid"
sample.alignment = WD_TABLE_ALIGNMENT.CENTER
hdr = sample.rows[0].cells
hdr[0].text = "Audit sample"
hdr[1].text = "Number"
for c in hdr:
    shade(c, "D9E2F3")
    c.paragraphs[0].runs[0].bold = True
for a, b in [("Strategy meetings audited", "20"),
             ("Children aged under 5", "7"),
             ("Children aged 5 to 11", "6"),
             ("Children aged 12 and over", "7"),
             ("Meetings held out of hours", "4")]:
    row = sample.add_row().cells
    row[0].text = a
    row[1].text = b

doc.add_heading("Findings", level=1)
doc.add_paragraph(
    "The table below sets out the main findings. Each one is followed by what it means for "
    "you as a practitioner or manager.")
findings = [
    ("Police and children's social care attended all 20 meetings. Health was represented in 14 "
     "and education in only 9, even though 17 of the children attended a school or nursery.",
     "Whoever convenes a strategy meeting should invite every agency that knows the child, "
     "including the school during holidays through the designated safeguarding lead's cover "
     "arrangements. If an agency cannot attend, ask for a written contribution."),
    ("In 8 meetings health was represented by a safeguarding nurse who had not been able to "
     "check GP or health visiting records beforehand, so the information shared was partial.",
     "Health colleagues need enough notice to search records. Convenors should give at least two "
     "hours where the child's safety allows, and say clearly what is being asked."),
    ("Police shared information about previous call-outs in every case, but in 6 meetings the "
     "domestic abuse history of a new partner was not checked.",
     "Check every adult in the household, including new or occasional partners, and record who "
     "has been checked and who has not."),
    ("The child's voice was recorded in only 5 of the 20 meeting records. In most cases the "
     "record described what adults said about the child.",
     "Before the meeting, find out what the child has said, to whom and in what words, and make "
     "sure it is written into the minutes."),
    ("Actions were specific and had a named owner in 15 meetings. In the other 5, actions such as "
     "\"monitor\" or \"keep in touch\" had no date or owner.",
     "Every action should say who will do what, by when, and how the outcome will be reported "
     "back to the network."),
    ("In 4 cases the strategy meeting minutes were not shared with the school, which learned of "
     "the outcome from the parent.",
     "Minutes and the decision should reach every invited agency within one working day, "
     "whether or not they attended."),
]
tbl = doc.add_table(rows=1, cols=2)
tbl.style = "Table Grid"
h = tbl.rows[0].cells
h[0].text = "Finding"
h[1].text = "What this means for practice"
for c in h:
    shade(c, "1F3864")
    run = c.paragraphs[0].runs[0]
    run.bold = True
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
for f, m in findings:
    r = tbl.add_row().cells
    r[0].text = f
    r[1].text = m

doc.add_heading("What was working well", level=2)
for t in [
    "Meetings were held within the expected timescale in 18 of the 20 cases, including three "
    "arranged late at night by the emergency duty team.",
    "Where a school did attend, its information changed the decision in three cases, twice "
    "leading to a section 47 enquiry that would not otherwise have taken place.",
    "Police and social care chairs routinely summarised the threshold decision and the reasons "
    "for it at the end of each meeting.",
]:
    doc.add_paragraph(t, style="List Bullet")

doc.add_heading("What practitioners should do now", level=1)
for t in [
    "Read the updated strategy meeting guidance, which now includes a checklist of agencies to invite.",
    "If you are a designated safeguarding lead, make sure the Front Door team has an up-to-date "
    "contact for your school, including for holiday periods.",
    "If you were not invited to a strategy meeting about a child you know, raise it with the "
    "convenor the same day and use the escalation policy if needed.",
    "Bring the child's own words to every strategy meeting you attend.",
]:
    doc.add_paragraph(t, style="List Number")

doc.add_heading("What the partnership will do", level=1)
doc.add_paragraph(
    "The Quality Assurance Subgroup will repeat this audit with a fresh sample in September 2024. "
    "The Front Door team has added education and health to the standard invitation template, and "
    "the integrated care board is piloting a rota so that a named nurse with record access covers "
    "every strategy meeting.")

doc.add_heading("Questions for supervision and team meetings", level=2)
for t in [
    "When did you last contribute to a strategy meeting, and did you have what you needed to do it well?",
    "How would you know if a child you work with had been discussed at a strategy meeting without you?",
    "What stops the child's voice from reaching the meeting, and what could you change?",
]:
    doc.add_paragraph(t, style="List Bullet")

doc.add_heading("Further information", level=2)
for t in [
    "Ellingford strategy meeting and section 47 guidance (updated January 2024)",
    "Multi-agency information sharing agreement",
    "Resolving professional differences: the escalation policy",
    "Contact the partnership business unit: escp@ellingford.example.gov.uk",
]:
    doc.add_paragraph(t, style="List Bullet")

OUT.parent.mkdir(parents=True, exist_ok=True)
doc.save(str(OUT))
print("wrote", OUT)
