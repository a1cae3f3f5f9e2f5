"""Build b-7mb-kieran-homelessness-hospital-discharge.docx: a fictional 7-minute
briefing where, as in many real board documents, headings are bold Normal
paragraphs and the seven points sit in a numbered two-column table."""
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "briefs" / "b-7mb-kieran-homelessness-hospital-discharge.docx"
PURPLE = RGBColor(0x5B, 0x2C, 0x83)


def shade(cell, hex_fill):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    tcPr.append(shd)


def bold_line(container, text, size=11, colour=None, align=None):
    p = container.add_paragraph()
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(size)
    if colour:
        r.font.color.rgb = colour
    if align is not None:
        p.alignment = align
    return p


doc = Document()
st = doc.styles["Normal"]
st.font.name = "Arial"
st.font.size = Pt(10.5)

bold_line(doc, "CORRISTON SAFEGUARDING ADULTS BOARD", 10, PURPLE, WD_ALIGN_PARAGRAPH.RIGHT)
bold_line(doc, "7-Minute Briefing: ‘Kieran’", 20, PURPLE)
bold_line(doc, "Homelessness, alcohol dependence and leaving hospital", 13)
doc.add_paragraph(
    "This briefing draws on a Safeguarding Adults Review about Kieran, who died while sleeping "
    "rough five days after he left hospital. Kieran is not his real name. Managers are asked to "
    "use the briefing in a team meeting and to allow time for the questions in point 7.")

boxes = [
    ("Who was Kieran?", [
        "Kieran was 46. He had served in the army in his twenties and had been dependent on alcohol "
        "for most of his adult life. For ten years he had moved between hostels, friends’ sofas "
        "and the street. He had liver disease, had suffered seizures during withdrawal and, after "
        "several falls, walked with a stick.",
        "Outreach workers described him as funny, proud and fiercely independent.",
    ]),
    ("What happened", [
        "In the year before he died Kieran attended the emergency department nineteen times and was "
        "admitted four times. Twice he was discharged after 9pm with nowhere to go. On the last "
        "admission he left the ward against medical advice; the notes say this was “his capacitous "
        "choice”, but no assessment was recorded. The street outreach team did not know he had "
        "left. He was found in a bus shelter in February 2023.",
    ]),
    ("Why this matters", [
        "People who are homeless die, on average, decades younger than the rest of the population. "
        "Hospital admission is a moment when many services are in the same place at the same time "
        "– a chance that is easily lost if discharge is rushed.",
    ]),
    ("What the reviewer identified", [
        "• The homelessness duty to refer was used in only one of four admissions.",
        "• Kieran was never offered a Care Act assessment, even though falls, poor mobility and "
        "memory problems suggested care and support needs.",
        "• Possible alcohol-related brain damage was not considered when staff judged his decisions.",
        "• Each emergency attendance was treated as a one-off; there was no shared plan for a "
        "frequent attender.",
        "• Outreach, hospital and housing staff had no agreed way to tell each other about admissions "
        "and discharges.",
    ]),
    ("What helped", [
        "The alcohol liaison nurse built a warm relationship with Kieran over several admissions "
        "and twice secured him a detox bed. The review heard that he trusted her more than "
        "anyone else in the system.",
    ]),
    ("What should we do differently?", [
        "• Refer to the local housing authority under the duty to refer as soon as someone who is "
        "homeless is admitted, not on the day of discharge.",
        "• Do not discharge anyone to the street without a plan agreed with housing and outreach.",
        "• Assess capacity when someone with a history of heavy drinking makes a risky decision, "
        "and think about executive function.",
        "• Ask adult social care for a Care Act assessment; being homeless does not rule it out.",
        "• Bring frequent attenders to the multi-agency high-risk panel.",
    ]),
    ("Reflect", [
        "• What does your service do when someone leaves against advice late at night?",
        "• How would you know whether a person you work with has been in hospital this week?",
        "• Have you ever thought of someone as “choosing” to live on the street? What might that "
        "view hide?",
    ]),
]

table = doc.add_table(rows=0, cols=2)
table.style = "Table Grid"
table.alignment = WD_TABLE_ALIGNMENT.CENTER
for i, (head, paras) in enumerate(boxes, start=1):
    row = table.add_row()
    ncell, ccell = row.cells
    ncell.width = Cm(1.6)
    ccell.width = Cm(15)
    shade(ncell, "5B2C83")
    np_ = ncell.paragraphs[0]
    nr = np_.add_run(str(i))
    nr.bold = True
    nr.font.size = Pt(24)
    nr.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    np_.alignment = WD_ALIGN_PARAGRAPH.CENTER
    hp = ccell.paragraphs[0]
    hr = hp.add_run(head)
    hr.bold = True
    hr.font.color.rgb = PURPLE
    for t in paras:
        ccell.add_paragraph(t)

doc.add_paragraph()
bold_line(doc, "Find out more")
for t in [
    "• Corriston Homeless Hospital Discharge Protocol (2023)",
    "• Corriston SAB guidance: working with people who use alcohol and self-neglect",
    "• Alcohol liaison service, Corriston General Hospital: extension 4471",
    "• Street outreach team: 01632 960 552 (7am to 10pm, seven days)",
]:
    doc.add_paragraph(t)

p = doc.add_paragraph(
    "Please let the Board know that your team has used this briefing by completing the "
    "7-minute briefing feedback form.")
p.runs[0].italic = True

doc.save(OUT)
print("wrote", OUT)
