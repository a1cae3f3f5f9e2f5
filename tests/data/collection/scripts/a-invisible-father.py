"""Builds a-invisible-father.docx: a fictional 7-minute briefing written the way many
partnership Word files are, with bold Normal paragraphs as headings (no Heading styles),
one small table and a footer line."""
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

OUT = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "briefs" / "a-invisible-father.docx")

BANNER = "Ashcombe and Wyre Safeguarding Children Partnership"
TITLE = "Seeing the Men Around the Baby"
SUBTITLE = "7 Minute Briefing No. 14 · January 2025 · Themes: unseen men, professional curiosity, assessment"

SECTIONS = [
    ("1. Background", "bullets", [
        "Three local reviews since 2022 found the same gap: assessments described the "
        "mother’s care in detail and said almost nothing about the men in the household.",
        "Where a father or male partner was named, his history was rarely checked with police, "
        "probation or adult services, even when he was providing most of the day-to-day care.",
        "Men were often described by their relationship to the mother (“mum’s partner”, "
        "“the boyfriend”) rather than by name, which made it hard to link records across agencies.",
        "Practitioners spoke of feeling less confident talking to fathers, and some visits were "
        "deliberately arranged for times when the father was at work.",
        "Fathers who could have been a source of safety for the child, including non-resident "
        "fathers, were not contacted at all.",
    ]),
    ("2. Baby L", "paras", [
        "Baby L was born in March 2024. Her mother, Ms R, was 20 and had a history of anxiety. "
        "Baby L’s father, Mr D, moved into the flat when she was three weeks old and gave up his job "
        "to look after her while Ms R returned to college part-time.",
        "The health visitor made four visits and met Mr D once, at the door. The GP saw Baby L "
        "twice with Mr D for a rash and for crying, but the records list Ms R as the parent "
        "present. Mr D had a caution for assaulting a previous partner, which was known to police "
        "but not to any health professional.",
        "At eleven weeks Baby L was taken to hospital with a serious head injury. Mr D later "
        "said he had shaken her when she would not stop crying.",
    ]),
    ("3. Why this matters", "paras", [
        "Babies under one are the age group most at risk of serious physical harm, and in local "
        "and national reviews the men caring for injured babies had often gone unnoticed by "
        "services beforehand. Men also bring strengths: ignoring a father can mean missing the "
        "person most able to protect a child.",
    ]),
    ("4. What you can do", "table", [
        ("Ask", "Why"),
        ("Who lives here, and who else looks after the baby?",
         "Household membership changes fast, and records go out of date within weeks."),
        ("Can I have his full name and date of birth?",
         "Without them no agency can check its records or share what it knows."),
        ("How do you find it when the baby cries?",
         "Coping with crying is a key risk factor; ask the father directly, not through the mother."),
        ("Would you both be here for the next visit?",
         "Offering evenings or a phone call shows that his view counts."),
    ]),
    ("5. Things to remember", "bullets", [
        "Record the father’s or male carer’s name, date of birth and role on every assessment.",
        "Invite fathers to appointments and send letters to them as well as to mothers.",
        "Check with police and other agencies before closing an assessment that involves a new adult in the home.",
        "Share the ICON message about infant crying with both parents.",
    ]),
    ("6. What went well", "paras", [
        "The paediatric team spoke to both parents separately on admission, and the hospital "
        "social worker identified Baby L’s paternal grandmother as a safe carer within 48 hours.",
    ]),
    ("7. Questions for discussion", "bullets", [
        "In the last family you worked with, what did you know about the men in the child’s life?",
        "When did you last arrange a visit specifically to meet a father?",
        "What would help you feel more confident asking a man about his past?",
    ]),
]

CONTACT = ("For more information, training dates and the partnership’s ‘Seeing Fathers’ "
           "practice guide, visit the learning pages of the AWSCP website or email "
           "learning@awscp.example.org.uk.")
FOOTER = "AWSCP 7 Minute Briefing 14 – Seeing the Men Around the Baby – January 2025"

doc = Document()
st = doc.styles["Normal"]
st.font.name = "Arial"
st.font.size = Pt(11)

p = doc.add_paragraph()
r = p.add_run(BANNER.upper())
r.bold = True
r.font.size = Pt(9)
r.font.color.rgb = RGBColor(0x5B, 0x2C, 0x6F)

p = doc.add_paragraph()
r = p.add_run(TITLE)
r.bold = True
r.font.size = Pt(20)
r.font.color.rgb = RGBColor(0x5B, 0x2C, 0x6F)

p = doc.add_paragraph()
r = p.add_run(SUBTITLE)
r.italic = True
r.font.size = Pt(10)

for head, kind, content in SECTIONS:
    hp = doc.add_paragraph()
    hr = hp.add_run(head)
    hr.bold = True
    hr.font.size = Pt(13)
    hr.font.color.rgb = RGBColor(0x5B, 0x2C, 0x6F)
    if kind == "paras":
        for t in content:
            doc.add_paragraph(t)
    elif kind == "bullets":
        for t in content:
            doc.add_paragraph(t, style="List Bullet")
    elif kind == "table":
        tbl = doc.add_table(rows=0, cols=2)
        tbl.style = "Table Grid"
        for i, (a, b) in enumerate(content):
            cells = tbl.add_row().cells
            cells[0].text = a
            cells[1].text = b
            if i == 0:
                for c in cells:
                    for run in c.paragraphs[0].runs:
                        run.bold = True
        doc.add_paragraph()

p = doc.add_paragraph()
r = p.add_run(CONTACT)
r.font.size = Pt(9)

sec = doc.sections[0]
fp = sec.footer.paragraphs[0]
fp.text = FOOTER
fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
for run in fp.runs:
    run.font.size = Pt(8)

doc.save(OUT)
print("wrote", OUT)
