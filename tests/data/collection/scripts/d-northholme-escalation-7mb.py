"""Build briefs/d-northholme-escalation-7mb.pdf (fictional 7-minute briefing on an escalation audit).

fpdf2 with DejaVu fonts: a banner line on every page, seven numbered boxes laid out in two
columns (box 7 full width), a further-information panel, and a footer line with page numbers
on every page. Run with .venv/bin/python from the project folder.
"""
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "briefs" / "d-northholme-escalation-7mb.pdf"
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

NAVY = (22, 48, 92)
TEAL = (0, 122, 122)
PALE = (232, 244, 244)

BANNER = "NORTHHOLME SAFEGUARDING CHILDREN PARTNERSHIP  \u2022  7 MINUTE BRIEFING"
TITLE = "Escalation and Resolving Professional Differences: What Our Multi-Agency Audit Found"
DATELINE = "November 2023  |  For use in team meetings and supervision"
INTRO = ("7-minute briefings are short summaries for managers to share with their teams. Read it "
         "together, talk through the questions in box 7, and let us know that your team has used it.")

BOXES = [
    ("1", "Background", [
        "Northholme\u2019s Resolving Professional Differences policy sets out four stages for any "
        "practitioner who disagrees with another agency\u2019s decision about a child: speak to the "
        "worker, involve your manager, involve senior managers, and finally refer to the partnership.",
        "The audit was agreed after practitioners at a learning event told us that escalation felt "
        "\u201cconfrontational\u201d and was something they saved for a last resort.",
    ]),
    ("2", "Why it matters", [
        "Disagreement between agencies is normal and often healthy. When it is left unresolved, a "
        "child\u2019s situation can drift while each professional waits for someone else to act.",
        "Two recent Northholme rapid reviews found that a school and a GP had each been worried that "
        "a referral was closed too soon, but neither took it further than a single phone call.",
    ]),
    ("3", "What the audit looked at", [
        "In June 2023 auditors from education, health, police and children\u2019s social care looked at "
        "24 cases in which a practitioner had recorded a disagreement with another agency during "
        "the previous twelve months.",
        "For each case they asked whether the concern was raised, how quickly and at what level, "
        "whether it was recorded, and what difference it made to the child.",
    ]),
    ("4", "What we found", [
        "\u2022 In 15 of the 24 cases the disagreement never went past stage 1. Practitioners often "
        "accepted the first reply even though they were still worried.",
        "\u2022 Only 6 cases had a written record of the challenge and its outcome in both agencies\u2019 files.",
        "\u2022 Most challenges were about threshold decisions at the Front Door; very few were about "
        "plans that had stalled.",
        "\u2022 Several health and school staff did not know the policy existed.",
    ]),
    ("5", "What worked well", [
        "When escalation was used it usually changed something. In 7 of the 9 cases that reached "
        "stage 2 or beyond the decision was reviewed, and in 5 the child received a service they "
        "would not otherwise have had.",
        "Managers who received a challenge were mostly open and courteous. Practitioners said a quick "
        "call back from a manager made them feel taken seriously.",
    ]),
    ("6", "What you should do", [
        "\u2022 Raise a disagreement early and say plainly that you are using the escalation policy.",
        "\u2022 Keep the child at the centre: what are you worried will happen if nothing changes?",
        "\u2022 Record the challenge, the reply and the outcome in your own agency\u2019s records.",
        "\u2022 Still worried after stage 1? Go to your manager that week; do not wait for another incident.",
        "\u2022 If you receive a challenge, treat it as help with keeping the child safe, not as a complaint.",
    ]),
    ("7", "Questions for your team", [
        "1. Has anyone in the team disagreed with another agency in the last six months? What happened?",
        "2. What makes it hard to take a disagreement beyond the first conversation?",
        "3. Where would a colleague find our records of challenges we have made or received?",
        "4. How do we respond when another agency questions one of our decisions?",
    ]),
]

FURTHER_HEAD = "Further information"
FURTHER = [
    "Northholme Resolving Professional Differences policy and escalation form",
    "Recorded lunchtime session: \u201cChallenge is a safeguarding tool\u201d (30 minutes)",
    "Questions about this briefing: northholme.scp@northholme.example.gov.uk",
]
FEEDBACK = "Please record that your team has used this briefing on the 7MB feedback form."
FOOTER = "Northholme SCP  |  7 Minute Briefing: Escalation audit  |  Please share with your team"


class Brief(FPDF):
    def header(self):
        self.set_fill_color(*NAVY)
        self.rect(0, 0, self.w, 12, style="F")
        self.set_xy(10, 3)
        self.set_font("DejaVu", "B", 9)
        self.set_text_color(255, 255, 255)
        self.cell(0, 6, BANNER)
        self.set_text_color(0, 0, 0)
        self.set_y(17)

    def footer(self):
        self.set_y(-13)
        self.set_draw_color(*TEAL)
        self.line(10, self.get_y(), self.w - 10, self.get_y())
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 7, FOOTER)
        self.set_x(10)
        self.cell(0, 7, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


pdf = Brief(format="A4")
pdf.add_font("DejaVu", "", FONT_DIR + "DejaVuSans.ttf")
pdf.add_font("DejaVu", "B", FONT_DIR + "DejaVuSans-Bold.ttf")
pdf.set_auto_page_break(False)
pdf.set_margins(10, 17, 10)
pdf.alias_nb_pages()

LINE_H = 4.3
BODY_SIZE = 8.6
GAP = 5
COL_W = (pdf.w - 20 - GAP) / 2
PAD = 3
BOTTOM = pdf.h - 18


def text_lines(width, paras):
    pdf.set_font("DejaVu", "", BODY_SIZE)
    n = 0
    for p in paras:
        n += len(pdf.multi_cell(width, LINE_H, p, align="L", dry_run=True, output="LINES"))
    return n


def box_height(width, paras):
    inner = width - 2 * PAD - 11
    return PAD + 7 + text_lines(inner, paras) * LINE_H + (len(paras) - 1) * 1.5 + PAD


def draw_box(x, y, width, height, num, head, paras):
    pdf.set_fill_color(*PALE)
    pdf.set_draw_color(*TEAL)
    pdf.rect(x, y, width, height, style="DF")
    # number disc
    pdf.set_fill_color(*TEAL)
    pdf.ellipse(x + PAD, y + PAD, 8, 8, style="F")
    pdf.set_font("DejaVu", "B", 11)
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(x + PAD, y + PAD + 0.8)
    pdf.cell(8, 6.5, num, align="C")
    pdf.set_text_color(*NAVY)
    pdf.set_font("DejaVu", "B", 10.5)
    pdf.set_xy(x + PAD + 11, y + PAD + 0.8)
    pdf.cell(width - 2 * PAD - 11, 6.5, head)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", BODY_SIZE)
    cy = y + PAD + 7
    for p in paras:
        pdf.set_xy(x + PAD + 11, cy)
        pdf.multi_cell(width - 2 * PAD - 11, LINE_H, p, align="L")
        cy = pdf.get_y() + 1.5


pdf.add_page()
pdf.set_font("DejaVu", "B", 15)
pdf.set_text_color(*NAVY)
pdf.multi_cell(0, 7, TITLE, align="L")
pdf.set_text_color(0, 0, 0)
pdf.set_font("DejaVu", "", 9)
pdf.cell(0, 6, DATELINE, new_x="LMARGIN", new_y="NEXT")
pdf.set_font("DejaVu", "", 8.5)
pdf.set_text_color(70, 70, 70)
pdf.multi_cell(0, 4.2, INTRO, align="L")
pdf.set_text_color(0, 0, 0)
y = pdf.get_y() + 4

# boxes 1-6 in pairs, two columns; box 7 full width
pairs = [(BOXES[0], BOXES[1]), (BOXES[2], BOXES[3]), (BOXES[4], BOXES[5])]
for left, right in pairs:
    h = max(box_height(COL_W, left[2]), box_height(COL_W, right[2]))
    if y + h > BOTTOM:
        pdf.add_page()
        y = pdf.get_y() + 2
    draw_box(10, y, COL_W, h, *left)
    draw_box(10 + COL_W + GAP, y, COL_W, h, *right)
    y += h + GAP

full_w = pdf.w - 20
h7 = box_height(full_w, BOXES[6][2])
if y + h7 > BOTTOM:
    pdf.add_page()
    y = pdf.get_y() + 2
draw_box(10, y, full_w, h7, *BOXES[6])
y += h7 + GAP

need = 8 + len(FURTHER) * 5 + 10
if y + need > BOTTOM:
    pdf.add_page()
    y = pdf.get_y() + 2
pdf.set_xy(10, y)
pdf.set_font("DejaVu", "B", 10.5)
pdf.set_text_color(*NAVY)
pdf.cell(0, 6, FURTHER_HEAD, new_x="LMARGIN", new_y="NEXT")
pdf.set_text_color(0, 0, 0)
pdf.set_font("DejaVu", "", BODY_SIZE)
for f in FURTHER:
    pdf.cell(0, 5, "\u2192 " + f, new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
pdf.set_font("DejaVu", "B", 8.5)
pdf.multi_cell(0, 4.5, FEEDBACK)

OUT.parent.mkdir(parents=True, exist_ok=True)
pdf.output(str(OUT))
print("wrote", OUT, "pages:", pdf.page_no())
