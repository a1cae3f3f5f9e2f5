"""Build c-child-l-cspr-executive-summary.docx: a fictional LCSPR executive summary
(child sexual exploitation of a looked-after girl placed out of area), laid out with
real Word styles: Title, Subtitle, Heading 1/2, List Number, List Bullet, a findings
table, and a header and footer with a page number field.

Run with: .venv/bin/python tests/data/collection/scripts/c-child-l-cspr-executive-summary.py
"""
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

OUT = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "briefs" / "c-child-l-cspr-executive-summary.docx")

doc = Document()
normal = doc.styles["Normal"]
normal.font.name = "Arial"
normal.font.size = Pt(11)


def page_field(paragraph):
    run = paragraph.add_run()
    b = OxmlElement("w:fldChar")
    b.set(qn("w:fldCharType"), "begin")
    t = OxmlElement("w:instrText")
    t.set(qn("xml:space"), "preserve")
    t.text = "PAGE"
    e = OxmlElement("w:fldChar")
    e.set(qn("w:fldCharType"), "end")
    run._r.append(b)
    run._r.append(t)
    run._r.append(e)


sec = doc.sections[0]
hp = sec.header.paragraphs[0]
hp.text = "OFFICIAL – Brackenford Safeguarding Children Partnership"
hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
fp = sec.footer.paragraphs[0]
fp.text = "Child L – LCSPR Executive Summary – Page "
page_field(fp)
fp.alignment = WD_ALIGN_PARAGRAPH.CENTER


def para(text):
    return doc.add_paragraph(text)


def bullets(items, style="List Bullet"):
    for it in items:
        doc.add_paragraph(it, style=style)


doc.add_paragraph("Child L: Executive Summary of a Local Child Safeguarding Practice Review", style="Title")
doc.add_paragraph("Brackenford Safeguarding Children Partnership", style="Subtitle")
p = para("Published November 2022. Lead reviewer: independent social work consultant. "
         "Produced jointly with Portlow Safeguarding Children Partnership.")
p.runs[0].italic = True

doc.add_heading("1. Introduction", level=1)
para("This executive summary describes the findings of a Local Child Safeguarding Practice Review "
     "about Child L. L was fifteen and looked after by Brackenford Council when, over a period of "
     "six months in 2021, she was sexually exploited by a group of adult men in the town where she "
     "had been placed, more than seventy miles from her home.")
para("L was admitted to hospital in August 2021 with injuries and acute intoxication after being "
     "found in a supermarket car park in the early hours. Four men were later convicted of offences "
     "against her.")
para("L took part in this review. She met the lead reviewer twice and asked that the report should "
     "\u201cmake sure they listen to the next girl\u201d. The Partnership thanks her for her courage "
     "and has tried to keep her words at the centre of this summary.")

doc.add_heading("2. Background to the review", level=1)
para("Brackenford and Portlow safeguarding partners held a joint rapid review in September 2021. "
     "They agreed that a local review should take place, led by Brackenford as the responsible "
     "authority, with a review panel drawn from both areas.")
doc.add_heading("Scope and terms of reference", level=2)
para("The review covered the period from September 2020 to August 2021. The panel asked the "
     "reviewer to consider the following key lines of enquiry:")
bullets([
    "How the decision was made to place L in Portlow, and whether her needs and risks were matched to the placement.",
    "How information about L was shared with agencies in the host area.",
    "How professionals in both areas responded to her missing episodes and to signs of exploitation.",
    "How L's own views and experiences shaped the plans made for her.",
])
doc.add_heading("How the review was carried out", level=2)
para("Nine agencies across the two areas provided chronologies and analysis of their involvement. "
     "The reviewer spoke to L, to her mother, to the manager and two staff members at the children's "
     "home, and to L's current social worker. An online practitioner event brought together 23 "
     "practitioners and managers from both areas.")
para("The criminal trial of the men concluded in May 2022, and publication of this summary was "
     "deferred until after sentencing.")

doc.add_heading("3. Summary of the case", level=1)
doc.add_heading("Before the placement", level=2)
para("L came into care at the age of twelve because of long-standing neglect linked to her mother's "
     "alcohol use. Two foster placements ended in 2020 after L repeatedly went missing overnight. "
     "In Brackenford she had been discussed at the multi-agency child exploitation meeting because "
     "of her friendship with a 22-year-old man, and she was assessed as being at significant risk.")
doc.add_heading("The placement in Portlow", level=2)
para("In January 2021, after her second foster placement ended, no suitable local placement was "
     "available. L was moved the same day to a privately run children's home in Portlow. The formal "
     "notification to Portlow Council was sent six weeks later, and Portlow police were not told of "
     "the exploitation concerns until April 2021.")
para("L went missing fourteen times in her first three months in Portlow. Staff at the home reported "
     "each episode and noted the registration numbers of cars that collected her. Return home "
     "interviews were completed by telephone by a Brackenford worker L had not met. L's social "
     "worker changed three times during the placement, and statutory visits were made but L often "
     "declined to speak to visitors she did not know.")
para("In June 2021 a residential worker, whom L trusted, recorded L's account of being given alcohol "
     "and taken to a flat. A referral was made to Portlow children's services, and a strategy meeting "
     "was held. L was not discussed at Portlow's exploitation meeting because she was recorded as a "
     "Brackenford child. She was admitted to hospital in August 2021.")

doc.add_heading("4. Findings", level=1)
para("The review found that the professionals involved cared about L and many worked hard on her "
     "behalf. The difficulties identified were largely about the way the system operates when a "
     "child is placed far from home, rather than the actions of individuals.")
para("The placement was chosen because a bed was available, not because it could meet L's needs. "
     "There was no assessment of the risks in the local area before she moved, and no plan for "
     "how her safety would be managed in a town where she knew no one.")
para("Arrangements between the two areas did not work. Brackenford held the knowledge about L's "
     "history while Portlow held the knowledge about local adults who posed a risk to children. "
     "Because notification was late and neither area's exploitation meeting considered her, the two "
     "halves of the picture were never put together.")
para("Missing episodes were counted but not analysed. Each episode was dealt with as a single event, "
     "and the information collected by the home, including car registrations, was not passed to "
     "officers investigating exploitation. Telephone return interviews with an unfamiliar worker "
     "produced little information.")
para("Records in both areas described L as \u201cputting herself at risk\u201d and \u201cmaking "
     "choices\u201d. This language obscured the fact that she was a child being groomed and abused by "
     "adults, and it influenced how some agencies prioritised her.")
para("There was good practice. The residential worker who built a relationship with L was the "
     "person to whom she first disclosed, and the home's detailed recording later supported the "
     "prosecution.")

doc.add_heading("Summary of findings and implications for practice", level=2)
rows = [
    ("Placements made in an emergency did not consider risks in the host area.",
     "Before any out of area move, check with the host area's police and exploitation leads and record how known risks will be managed."),
    ("Notification and information sharing between the areas were late and incomplete.",
     "Send notification and the child's risk information to the host authority before or on the day of the move."),
    ("Missing episodes were not analysed as a pattern.",
     "Map missing episodes over time and share intelligence such as vehicles and locations with the police."),
    ("Language in records suggested L was choosing to be exploited.",
     "Describe what adults did to the child, not what the child \u201cchose\u201d; challenge colleagues who use victim-blaming terms."),
    ("Trusted relationships made disclosure possible.",
     "Keep workers consistent where possible and let the person the child trusts carry out return home conversations."),
]
table = doc.add_table(rows=1, cols=2)
table.style = "Table Grid"
hdr = table.rows[0].cells
hdr[0].text = "Finding"
hdr[1].text = "What this means for practice"
for c in hdr:
    for r in c.paragraphs[0].runs:
        r.bold = True
for f, m in rows:
    cells = table.add_row().cells
    cells[0].text = f
    cells[1].text = m

doc.add_heading("5. Recommendations", level=1)
doc.add_heading("Recommendations for the Brackenford and Portlow safeguarding partners", level=2)
bullets([
    "Brackenford safeguarding partners should seek assurance that no child assessed as at risk of exploitation is placed out of area without a pre-placement risk discussion with the host area.",
    "Both partnerships should agree a cross-border protocol so that a child placed from elsewhere is considered at the host area's exploitation meeting within ten working days of arrival.",
    "Brackenford Council should review how return home interviews are provided for children placed at a distance, so that they are face to face and, wherever possible, carried out by someone the child knows.",
    "Both partnerships should audit the language used about exploited children in records and report the results to their executive groups.",
    "Brackenford safeguarding partners should raise with the national Child Safeguarding Practice Review Panel and the Department for Education the continuing shortage of local placements for children with complex needs.",
], style="List Number")
doc.add_heading("Learning for practitioners", level=2)
bullets([
    "If a child you work with is moving to another area, find out who the local exploitation lead is and speak to them.",
    "Look at missing episodes together, not one at a time, and ask what they tell you about who the child is with.",
    "Write down what the child tells you in their words, and pass on details such as names, places and vehicles.",
    "Remember that a child cannot consent to their own exploitation.",
])

doc.add_heading("Further information", level=2)
para("The Brackenford and Portlow child exploitation procedures, the missing children protocol and "
     "the Partnership's training programme are available on the Partnership websites. Queries about "
     "this review should be sent to the Brackenford Safeguarding Children Partnership business unit "
     "at bscp.business@brackenford.example.gov.uk.")

doc.save(OUT)
print("wrote", OUT)
