"""Build c-family-k-scr-summary.docx: a fictional serious case review summary about a
child in need plan that drifted and was stepped down to early help (cumulative harm).

Laid out the way many board officers write Word files: no heading styles, bold Normal
paragraphs used as headings, dates in bold at the start of chronology paragraphs,
"numbered boxes" built from two-cell tables, and a footer line.

Run with: .venv/bin/python tests/data/collection/scripts/c-family-k-scr-summary.py
"""
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Cm

OUT = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "briefs" / "c-family-k-scr-summary.docx")

doc = Document()
st = doc.styles["Normal"]
st.font.name = "Calibri"
st.font.size = Pt(11)

PURPLE = RGBColor(0x5B, 0x2C, 0x6F)


def shade(cell, hex_fill):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    tcPr.append(shd)


def bold_heading(text, size=13):
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(12)
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(size)
    r.font.color.rgb = PURPLE
    return p


def para(text):
    return doc.add_paragraph(text)


def lead(first, rest):
    p = doc.add_paragraph()
    r = p.add_run(first + " ")
    r.bold = True
    p.add_run(rest)
    return p


def dated(date, text):
    p = doc.add_paragraph()
    r = p.add_run(date + " ")
    r.bold = True
    p.add_run(text)
    return p


footer = doc.sections[0].footer.paragraphs[0]
footer.text = "Ravensholt LSCB | SCR Family K | Summary report | Final v1.0 | March 2019"
footer.alignment = WD_ALIGN_PARAGRAPH.CENTER

t = doc.add_paragraph()
r = t.add_run("Serious Case Review: Family K")
r.bold = True
r.font.size = Pt(22)
r.font.color.rgb = PURPLE
t2 = doc.add_paragraph()
r = t2.add_run("Summary of the review and what we have learned")
r.font.size = Pt(14)
para("Ravensholt Local Safeguarding Children Board \u2013 March 2019")

bold_heading("Why we carried out this review")
para("In May 2018 the youngest child in Family K, a girl aged 22 months who is called K3 in "
     "this summary, was admitted to hospital with pneumonia. Doctors found that she weighed "
     "less than she had at her first birthday, had an untreated burn on her hand and was "
     "not yet walking or saying any words. Her brother K1 (aged 8) and sister K2 (aged 5) were "
     "found to be living in very poor home conditions. All three children are now looked "
     "after and are doing well.")
para("The Board decided that the case met the criteria for a serious case review because "
     "neglect was known and K3 had been seriously harmed. The review used a systems "
     "methodology: a review team of senior managers worked with an independent lead reviewer, "
     "case records were analysed, and eleven practitioners took part in conversations "
     "and a follow-up workshop. Ms K contributed to the review; Mr K did not respond to "
     "invitations.")

bold_heading("The family")
para("Ms K was 27 and had a mild learning disability that had been identified at school "
     "but had never been assessed as an adult. Mr K lived in the family home for some of "
     "the period and drank heavily. The children's maternal grandmother lived nearby and "
     "provided a great deal of practical help until she became ill in 2017. The family had "
     "been referred to children's social care three times before 2016, each time about "
     "home conditions, and each referral was closed after a short intervention.")

bold_heading("The story in brief")
dated("January 2016.", "K1's primary school referred the family because K1 was often hungry, "
      "wore the same clothes for several days and had severe tooth decay. An assessment was "
      "completed and a child in need (CIN) plan was put in place for K1 and K2.")
dated("February 2016 to August 2017.", "The CIN plan was reviewed seven times. The same actions "
      "appeared in almost every review, including dental treatment for K1, a tidy and safe "
      "home, and regular nursery attendance for K2. Three different social workers held the "
      "case. K3 was born in July 2016 but was not added to the plan.")
dated("September 2017.", "The CIN plan was closed and the family was stepped down to the early "
      "help service. The case record gives the reason as improved school attendance for K1 and "
      "Ms K's agreement to accept family support.")
dated("October 2017 to April 2018.", "The family support worker arranged eleven visits, of which "
      "five took place. K3's health review at one year was missed and rebooked twice. The "
      "early help plan was due to be reviewed in April 2018 but the meeting was cancelled "
      "because Ms K was unwell.")
dated("May 2018.", "K3 was taken to hospital by her grandmother.")

bold_heading("What the review found")
lead("Drift in the child in need plan.", "Review meetings checked whether actions had been "
     "completed rather than whether the children's lives were any better. Because each "
     "meeting compared the family with the month before, small changes looked like "
     "progress. No one stepped back to compare the children's situation with how it had "
     "been when the plan began, and at no stage was a child protection conference "
     "considered, even though the plan was not working.")
lead("Cumulative harm was not recognised.", "No single event reached the threshold for a "
     "child protection enquiry. The pattern of missed health appointments, poor hygiene, "
     "hunger and unsafe home conditions, building over more than two years and reaching "
     "back to the earlier referrals, was never brought together in a chronology.")
lead("The step-down was not planned as a transfer of risk.", "The decision to close the CIN plan "
     "was made at a time of high caseloads and was based on one area of improvement. There "
     "was no joint meeting with early help, and the family support worker received a "
     "referral form but not the assessment or the CIN review records. Because early help is "
     "voluntary, cancelled visits were treated as the family's choice rather than as a "
     "warning sign.")
lead("The youngest child was not seen.", "K3 was born while the family were receiving a CIN "
     "service but never became part of the plan. Practitioners were focused on the older "
     "children, whose difficulties were visible at school and nursery.")
lead("Ms K's learning needs shaped everything but were never assessed.", "Written plans, "
     "letters and lists of actions were given to a parent who found reading difficult. "
     "Her agreement in meetings was taken as understanding.")

bold_heading("Five messages for practitioners")
messages = [
    "Measure progress against where the child started, not against last month.",
    "Keep a chronology and read it before every review. Neglect is seen in patterns, not incidents.",
    "When a plan is not working, say so and escalate. Repeating the same actions is not a plan.",
    "Every child in the household needs to be named in the plan and seen, including babies born during it.",
    "Find out how a parent learns best and adapt what you do. Agreement is not the same as understanding.",
]
for i, m in enumerate(messages, 1):
    tbl = doc.add_table(rows=1, cols=2)
    tbl.style = "Table Grid"
    c0, c1 = tbl.rows[0].cells
    c0.width = Cm(1.5)
    c1.width = Cm(14.5)
    shade(c0, "5B2C6F")
    shade(c1, "EFE7F3")
    r = c0.paragraphs[0].add_run(str(i))
    r.bold = True
    r.font.size = Pt(18)
    r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    c0.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    c1.paragraphs[0].add_run(m)
    doc.add_paragraph()

bold_heading("Recommendations to the Board")
para("Recommendation 1: The Board should ask children's social care to introduce a maximum "
     "duration for CIN plans, after which a manager independent of the case must review "
     "progress and consider escalation.")
para("Recommendation 2: The Board should agree a multi-agency step-down protocol that "
     "requires a joint meeting, a full handover of assessments and plans, and clear "
     "criteria for stepping back up.")
para("Recommendation 3: The Board should ensure that its neglect strategy includes the use "
     "of a shared chronology and a validated neglect assessment tool across agencies.")
para("Recommendation 4: The Board should seek assurance from adult social care and health "
     "that parents with suspected learning disabilities are offered an assessment and that "
     "practitioners have access to easy-read materials.")

bold_heading("Questions for reflection")
for q in [
    "Which of the families you work with has had the same plan for more than six months? What has changed for the children?",
    "When you receive a case from another service, what do you need to know before your first visit?",
    "How do you check that a parent has understood what is being asked of them?",
]:
    doc.add_paragraph(q, style="List Bullet")

bold_heading("Where to find out more")
para("The Ravensholt neglect strategy and toolkit, the step-up and step-down guidance and the "
     "Board's training calendar can be found on the LSCB website. For advice about a child, "
     "contact the Ravensholt Multi-Agency Safeguarding Hub on 01632 960 733.")

doc.save(OUT)
print("wrote", OUT)
