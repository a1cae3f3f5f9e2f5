"""Builds a-domestic-abuse-unborn.docx: a fictional learning summary of a local child
safeguarding practice review, using real Word styles (Title, Heading 1/2, List Bullet,
List Number) and a two-column findings table."""
from docx import Document
from docx.shared import Pt

OUT = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "briefs" / "a-domestic-abuse-unborn.docx")

TOP = "Kelbrook Safeguarding Children Partnership"
TITLE = "Baby J: Learning Summary from a Local Child Safeguarding Practice Review"
META = "Published June 2024 | Lead reviewer: independent | Themes: domestic abuse, pre-birth assessment, risk from fathers"

INTRO_HEAD = "About this summary"
INTRO = [
    "This summary sets out the main learning from a local child safeguarding practice review "
    "commissioned by Kelbrook Safeguarding Children Partnership after Baby J, aged six weeks, "
    "suffered a serious head injury in October 2023. It is intended for practitioners and "
    "managers in every agency that works with pregnant women and their partners.",
    "The review looked at agency involvement from the booking appointment in March 2023 to "
    "the date of the injury. The reviewer read agency reports, met practitioners in two "
    "learning events and spoke to Baby J’s maternal grandmother. Baby J’s mother chose not to "
    "take part, and Baby J’s father is serving a prison sentence.",
]

WHAT_IS_HEAD = "What is a local child safeguarding practice review?"
WHAT_IS = [
    "Safeguarding partners commission a local review when a serious incident may show how "
    "agencies could work better together to protect children. The aim is to learn and improve, "
    "not to hold individuals to account. The full report is published on the partnership website.",
]

FAMILY_HEAD = "Baby J and family"
FAMILY = [
    "Ms P was 19 when she became pregnant with Baby J. She had been in care herself between the "
    "ages of 12 and 16. Her partner and Baby J’s father, Mr S, was 27. Police held records of two "
    "incidents in which Mr S had assaulted a previous partner, one of which had been heard at a "
    "multi-agency risk assessment conference (MARAC) in another county.",
    "Ms P booked with maternity services late, at 22 weeks. Mr S came to every antenatal "
    "appointment and often answered questions on her behalf. Ms P told the community midwife "
    "that he was “a bit protective” and that she was happy.",
]

TIMELINE_HEAD = "Key episodes"
TIMELINE = [
    "22 weeks: booking appointment. The routine question about domestic abuse was not asked "
    "because Mr S was in the room, and no later appointment was arranged to ask it alone.",
    "27 weeks: police attended a report from a neighbour of shouting at the couple’s flat. "
    "Both denied any problem. A notification was sent to children’s social care and graded as "
    "information only, because the baby was not yet born.",
    "30 weeks: the MARAC record from the previous county was found by a police researcher and "
    "a referral was made. Children’s social care opened a pre-birth assessment.",
    "34 weeks: the first assessment visit took place. Ms P was seen alone for ten minutes. "
    "Mr S was not interviewed separately.",
    "37 weeks: Baby J was born. A discharge planning meeting was held on the ward without police "
    "or the health visitor. The plan relied on Ms P telling professionals if Mr S was violent.",
    "6 weeks after birth: Baby J was brought to hospital with a skull fracture and bleeding on "
    "the brain. Ms P later said that Mr S had thrown a bottle at her while she was holding the baby.",
]

FINDINGS_HEAD = "What the review found"
FINDINGS_INTRO = ("The review identified five findings. Each is shown below with what it means "
                  "for everyday practice.")
FINDINGS = [
    ("Finding", "What this means for practice"),
    ("1. The pre-birth assessment started too late to influence the plan for Baby J’s birth.",
     "Referrals about an unborn baby should be made as soon as the concern is known, and "
     "assessments should start by 20 weeks where possible so that there is time to plan."),
    ("2. Information about the unborn baby was graded as low priority because the baby was not "
     "yet born.",
     "A police notification about domestic abuse in a pregnancy is a concern about a child. "
     "Pregnancy is a time when abuse often starts or gets worse."),
    ("3. Routine enquiry about domestic abuse was never completed.",
     "Every pregnant woman should be seen alone at least once. If a partner is always present, "
     "that is itself information to record and share."),
    ("4. The assessment focused on the mother’s ability to protect rather than on the father’s risk.",
     "Assess the person causing harm directly: his history, his view of the pregnancy and his "
     "plans for caring for the baby. Do not leave the mother to manage his behaviour."),
    ("5. Key agencies were missing from the discharge planning meeting.",
     "Police, the health visitor and any domestic abuse service should be invited to birth and "
     "discharge planning, and actions should name who will do what."),
]
GOOD_HEAD = "Good practice"
GOOD = [
    "The police researcher who searched other force records found the MARAC history that led "
    "to the referral.",
    "The health visitor made an antenatal contact at 32 weeks, which is not routine in Kelbrook, "
    "after reading the police notification.",
    "The emergency department recognised the injury as unexplained and made a referral within "
    "two hours of arrival.",
]

RECS_HEAD = "Recommendations for the partnership"
RECS = [
    "The partnership should revise its pre-birth protocol so that referrals are accepted and "
    "allocated from the point a concern is known, with a target start date of 20 weeks.",
    "Police, children’s social care and maternity services should agree how notifications "
    "about domestic abuse involving a pregnant woman are graded and shared.",
    "Maternity services should audit how often women are seen alone during pregnancy and report "
    "the findings to the partnership within six months.",
    "The partnership should provide training on assessing fathers and male partners who pose "
    "a risk, including the use of the Domestic Violence Disclosure Scheme.",
]

PRACTICE_HEAD = "Practice points for everyone"
PRACTICE_SUB1 = "Before the birth"
PRACTICE1 = [
    "Ask about domestic abuse at every contact when it is safe to do so, and find a way to see "
    "the woman alone.",
    "Check what is known about the baby’s father and any other adult in the household, "
    "including in other areas.",
    "Consider a Domestic Violence Disclosure Scheme application where there is a worrying "
    "history.",
]
PRACTICE_SUB2 = "At and after the birth"
PRACTICE2 = [
    "Make sure the discharge plan says what will happen if the father returns to the home or "
    "breaks an agreement.",
    "Hand over the full history to the health visitor and GP, not just the current plan.",
    "Keep talking about crying, coping and safety with both parents in the early weeks.",
]

READ_HEAD = "Further reading and support"
READ = [
    "Kelbrook SCP pre-birth protocol and referral pathway (2024 revision)",
    "Full LCSPR report: Baby J (available on the partnership website)",
    "Kelbrook Domestic Abuse Service: advice line for professionals 01632 960 455",
    "Partnership learning event recordings: ‘Seeing the whole family before birth’",
]


doc = Document()
doc.styles["Normal"].font.name = "Calibri"
doc.styles["Normal"].font.size = Pt(11)

doc.add_paragraph(TOP, style="Subtitle")
doc.add_paragraph(TITLE, style="Title")
doc.add_paragraph(META)

doc.add_heading(INTRO_HEAD, level=1)
for t in INTRO:
    doc.add_paragraph(t)

doc.add_heading(WHAT_IS_HEAD, level=2)
for t in WHAT_IS:
    doc.add_paragraph(t)

doc.add_heading(FAMILY_HEAD, level=1)
for t in FAMILY:
    doc.add_paragraph(t)

doc.add_heading(TIMELINE_HEAD, level=2)
for t in TIMELINE:
    doc.add_paragraph(t, style="List Bullet")

doc.add_heading(FINDINGS_HEAD, level=1)
doc.add_paragraph(FINDINGS_INTRO)
tbl = doc.add_table(rows=0, cols=2)
tbl.style = "Light Grid Accent 1"
for a, b in FINDINGS:
    cells = tbl.add_row().cells
    cells[0].text = a
    cells[1].text = b

doc.add_heading(GOOD_HEAD, level=2)
for t in GOOD:
    doc.add_paragraph(t, style="List Bullet")

doc.add_heading(RECS_HEAD, level=1)
for t in RECS:
    doc.add_paragraph(t, style="List Number")

doc.add_heading(PRACTICE_HEAD, level=1)
doc.add_heading(PRACTICE_SUB1, level=2)
for t in PRACTICE1:
    doc.add_paragraph(t, style="List Bullet")
doc.add_heading(PRACTICE_SUB2, level=2)
for t in PRACTICE2:
    doc.add_paragraph(t, style="List Bullet")

doc.add_heading(READ_HEAD, level=1)
for t in READ:
    doc.add_paragraph(t, style="List Bullet")

footer = doc.sections[0].footer.paragraphs[0]
footer.text = "Kelbrook SCP – LCSPR Baby J – Learning Summary – June 2024"

doc.save(OUT)
print("wrote", OUT)
