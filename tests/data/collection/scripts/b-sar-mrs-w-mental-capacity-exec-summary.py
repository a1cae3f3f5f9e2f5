"""Build b-sar-mrs-w-mental-capacity-exec-summary.docx: a fictional SAR executive
summary laid out with real Word styles (Title, Heading 1/2, List Bullet, List Number)
and a two-column findings table."""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "briefs" / "b-sar-mrs-w-mental-capacity-exec-summary.docx"

doc = Document()
sec = doc.sections[0]

# header / footer furniture
hp = sec.header.paragraphs[0]
hp.text = "Kestlebury Safeguarding Adults Board – OFFICIAL"
hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
fp = sec.footer.paragraphs[0]
fp.text = "SAR Mrs W – Executive Summary – Final version for publication – February 2024"
fp.alignment = WD_ALIGN_PARAGRAPH.CENTER

doc.add_paragraph("Safeguarding Adults Review: Mrs W", style="Title")
p = doc.add_paragraph("Executive Summary")
p.runs[0].bold = True
p.runs[0].font.size = Pt(16)
p.runs[0].font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
doc.add_paragraph("Kestlebury Safeguarding Adults Board")
doc.add_paragraph("Published: February 2024")
doc.add_paragraph("Key themes: Mental Capacity Act; refusal of care; recording of decisions; "
                  "hospital discharge; working with families")

doc.add_heading("1. Introduction", level=1)
doc.add_paragraph(
    "This is a summary of a Safeguarding Adults Review about Mrs W, a woman of 79 who died "
    "in hospital in April 2022 from sepsis linked to infected leg ulcers. In the months before "
    "her death she had turned down most of the care and nursing offered to her. The review asked "
    "how agencies understood and responded to those refusals, and in particular how they applied "
    "the Mental Capacity Act 2005.")
doc.add_paragraph(
    "Mrs W's daughter asked that her mother be known in this report as Mrs W. The Board is "
    "grateful to her for her honesty and for helping the reviewer understand who her mother was.")

doc.add_heading("2. About Safeguarding Adults Reviews", level=1)
doc.add_paragraph(
    "Safeguarding Adults Boards have a duty under section 44 of the Care Act 2014 to arrange a "
    "review where an adult with care and support needs has died or come to serious harm, abuse "
    "or neglect is suspected, and there is cause for concern about joint working. Reviews look "
    "at systems and practice so that services can improve; they are not disciplinary processes "
    "and do not establish the cause of death.")

doc.add_heading("3. How the review was carried out", level=1)
doc.add_paragraph(
    "The Board's SAR Sub-Group agreed in June 2022 that the criteria were met. An independent "
    "reviewer with a background in adult social work led the review, which covered October 2021 "
    "to April 2022. The following agencies contributed:")
for a in ["Kestlebury Council Adult Social Care",
          "Kestlebury and District Hospitals NHS Trust",
          "Kestlebury Community Health Services (district nursing)",
          "Mrs W's GP practice",
          "Brightside Home Care, the domiciliary care agency"]:
    doc.add_paragraph(a, style="List Bullet")
doc.add_paragraph(
    "Each agency completed a chronology and a reflective report. Front-line staff and managers "
    "took part in two practitioner workshops, and the reviewer met Mrs W's daughter twice.")

doc.add_heading("4. Mrs W", level=1)
doc.add_paragraph(
    "Mrs W had been a school cook and was proud of having fed \u201chalf the town\u2019s children\u201d. "
    "She was widowed in 2015 and lived alone in a terraced house. She had type 2 diabetes treated "
    "with insulin, poor circulation in both legs and, from 2020, increasing forgetfulness. A memory "
    "assessment had been offered but she did not attend. Her daughter lived forty miles away and "
    "phoned most days.")
doc.add_paragraph(
    "Her daughter described her as independent, stubborn and frightened of \u201cbeing put in a home\u201d. "
    "She believed her mother often said no to help because she did not remember why it was needed.")

doc.add_heading("5. Summary of events", level=1)
doc.add_heading("5.1 Hospital admission and discharge", level=2)
doc.add_paragraph(
    "In November 2021 Mrs W was admitted after a hypoglycaemic episode. Ward staff noted that "
    "she could not recall her insulin doses and was confused about the day and the month. She was "
    "discharged with four care calls a day and district nurse visits for insulin and dressings. "
    "The discharge summary stated that she \u201chas capacity\u201d, but no assessment was recorded on "
    "the ward.")
doc.add_heading("5.2 Care at home", level=2)
doc.add_paragraph(
    "Within a week Mrs W cancelled the care calls by telephoning the agency herself. The agency "
    "informed adult social care, which phoned Mrs W, accepted her wish to manage alone and closed "
    "the referral. District nurses recorded \u201cdeclined\u201d or \u201cno answer\u201d on eleven of twenty-four "
    "visits between December and March. The GP saw her once in February and wrote that she "
    "\u201cunderstands the risks\u201d of refusing dressings.")
doc.add_heading("5.3 The final weeks", level=2)
doc.add_paragraph(
    "In March 2022 Mrs W's daughter rang adult social care twice, worried that her mother was "
    "not eating and that her legs smelled. A duty worker advised her to contact the GP. Mrs W was "
    "found on the floor by a neighbour on 2 April and died in hospital nine days later.")

doc.add_heading("6. Findings", level=1)
doc.add_paragraph(
    "The reviewer identified five findings. They are set out below alongside what each means for "
    "practice in Kestlebury.")
rows = [
    ("Capacity was stated, not assessed. Several records said Mrs W \u201chad capacity\u201d, but "
     "no one carried out or recorded a decision-specific assessment about care at home, insulin or "
     "wound care.",
     "Where there is a reason to doubt capacity, assess it for the specific decision and record "
     "how the person understood, retained, used and weighed the information."),
    ("The presumption of capacity was used to close down enquiry. Staff treated the first "
     "principle of the Act as a reason not to look further, despite known memory problems and a "
     "recent episode of confusion.",
     "The presumption is a starting point. Fresh evidence, such as confusion on a ward or missed "
     "insulin, is a trigger to review capacity."),
    ("Each refusal was seen on its own. Missed visits and cancelled calls were logged by "
     "different services but nobody added them up.",
     "Look at the pattern of refusals over time and share it; a run of \u2018declined\u2019 entries "
     "is itself a risk indicator."),
    ("No one took the lead. Adult social care, district nursing and the GP each assumed that "
     "someone else was monitoring Mrs W.",
     "Agree a lead professional whenever a person with care needs refuses essential care, and "
     "hold a multi-agency discussion."),
    ("Family concerns were not acted on. Mrs W's daughter gave clear information about her "
     "mother's memory and decline, which was redirected rather than explored.",
     "Treat a relative's worries as evidence. Record them and check them against what you "
     "already know."),
]
table = doc.add_table(rows=1, cols=2)
table.style = "Table Grid"
hdr = table.rows[0].cells
hdr[0].text = "Finding"
hdr[1].text = "What this means for practice"
for c in hdr:
    c.paragraphs[0].runs[0].bold = True
for f, m in rows:
    r = table.add_row().cells
    r[0].text = f
    r[1].text = m

doc.add_heading("7. Good practice", level=1)
doc.add_paragraph(
    "The domiciliary care agency told adult social care on the same day that Mrs W cancelled her "
    "calls, and its manager followed this up in writing. One district nurse wrote detailed notes of "
    "each conversation in Mrs W's own words, which helped the review understand how she saw her "
    "situation.")

doc.add_heading("8. Recommendations to the Board", level=1)
for rec in [
    "Partner agencies should give the Board assurance that their capacity assessment templates "
    "prompt staff to record the specific decision, the evidence for each stage of the test and the "
    "steps taken to support the person.",
    "The Board should publish short guidance on executive capacity and on fluctuating capacity "
    "for staff working with people who repeatedly decline care.",
    "Kestlebury and District Hospitals NHS Trust should audit how capacity is recorded on "
    "discharge summaries.",
    "Adult social care should review its duty process so that repeated calls from relatives about "
    "the same person are escalated to a senior practitioner.",
    "The Board should refresh its multi-agency procedure for adults who refuse care and promote "
    "it through its learning programme.",
]:
    doc.add_paragraph(rec, style="List Number")

doc.add_heading("9. Questions for practitioners", level=1)
for q in [
    "What would make you doubt a person\u2019s capacity, and what would you then do?",
    "When you write \u201chas capacity\u201d, which decision are you talking about?",
    "How do you find out whether other services are also being refused?",
    "How did you respond the last time a relative told you they were worried?",
]:
    doc.add_paragraph(q, style="List Bullet")

doc.add_heading("Further reading", level=2)
for r in [
    "Mental Capacity Act 2005 Code of Practice",
    "Kestlebury SAB Multi-agency Policy for Adults who Refuse Care (2023)",
    "Kestlebury SAB MCA e-learning and monthly MCA practice forum",
]:
    doc.add_paragraph(r, style="List Bullet")
doc.add_paragraph("The full overview report is available on request from the Board Business Unit.")

doc.save(OUT)
print("wrote", OUT)
