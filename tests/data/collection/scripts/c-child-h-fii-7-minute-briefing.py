"""Build c-child-h-fii-7-minute-briefing.pdf: a fictional 7-minute briefing from a
Child Safeguarding Practice Review about fabricated or induced illness, laid out as
seven numbered boxes in two columns, with a banner line, a footer line and page
numbers on every page.

Run with: .venv/bin/python tests/data/collection/scripts/c-child-h-fii-7-minute-briefing.py
"""
from fpdf import FPDF

OUT = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "briefs" / "c-child-h-fii-7-minute-briefing.pdf")
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

TEAL = (0, 102, 110)
PALE = (228, 242, 243)
DARK = (35, 35, 35)

BANNER = "Tallow Vale Safeguarding Children Partnership  |  Learning from Reviews"
FOOTER = "Tallow Vale SCP  \u2022  7-Minute Briefing: Child H  \u2022  June 2021"

TITLE = "7-Minute Briefing: Child H"
SUBTITLE = "Fabricated or induced illness \u2013 learning from a Child Safeguarding Practice Review"
INTRO = ("7-minute briefings are short summaries for managers to share in team meetings. "
         "Allow seven minutes to read and talk it through, then agree one thing your team "
         "will do differently.")

BOXES = [
    (1, "Why this briefing?", [
        ("p", "This briefing draws on a Child Safeguarding Practice Review about Child H, a "
              "nine-year-old girl who was taken to health services over four years for symptoms "
              "that professionals could not confirm. A family court later found that H had "
              "suffered significant harm through fabricated and induced illness."),
        ("p", "H now lives with her paternal grandparents. She is well, attends school full time "
              "and no longer uses a feeding tube or wheelchair."),
    ]),
    (2, "H\u2019s story", [
        ("p", "From the age of five, H\u2019s mother described seizures, severe food intolerance "
              "and bowel problems. H was seen by fourteen specialists in three hospital trusts. "
              "At seven she had a gastrostomy fitted because her mother said she could not "
              "tolerate food by mouth."),
        ("p", "At school H ate other children\u2019s snacks, ran in the playground when she thought "
              "no one was watching and told a teaching assistant, \u201cMummy says I\u2019m poorly "
              "but I don\u2019t feel poorly.\u201d Her attendance was 61%."),
        ("p", "In 2020, during a planned admission, H had no seizures and ate normally. Tests "
              "showed she had been given laxatives that were not prescribed."),
    ]),
    (3, "What do we know about FII?", [
        ("p", "Fabricated or induced illness happens when a parent or carer\u2019s reports or "
              "actions lead to a child being thought more unwell, or differently unwell, than "
              "they really are."),
        ("p", "The child is harmed by needless tests, treatments and restrictions on ordinary "
              "life, whatever the carer\u2019s reasons. \u201cPerplexing presentations\u201d is "
              "the term used when symptoms do not fit together and the cause is not yet clear."),
    ]),
    (4, "What the review found", [
        ("b", "No one had the whole picture. Each specialist relied on the mother\u2019s account "
              "of what other doctors had found."),
        ("b", "Records in the three trusts were not linked, and letters to the GP were filed "
              "without being summarised."),
        ("b", "What school staff saw every day was treated as anecdote rather than evidence."),
        ("b", "Professionals found it hard to question a parent who seemed devoted and well "
              "informed, and some feared a complaint."),
        ("b", "H was rarely asked, on her own, how she felt."),
    ]),
    (5, "What worked well", [
        ("p", "In 2020 a consultant paediatrician took on the role of responsible clinician. "
              "She called a professionals\u2019 meeting that included the school, agreed a plan "
              "for observation in hospital with the safeguarding team, and made sure concerns "
              "were raised with H\u2019s mother only when the plan was in place."),
    ]),
    (6, "What you can do", [
        ("b", "Record what you have seen yourself separately from what you have been told."),
        ("b", "Check reports of other professionals\u2019 findings with them directly."),
        ("b", "If a child\u2019s presentation puzzles you, talk to your named safeguarding "
              "professional and ask who the responsible paediatrician is."),
        ("b", "Share what you notice about a child\u2019s eating, energy and play. It counts."),
        ("b", "Make time to speak to the child alone."),
    ]),
    (7, "Questions for your team", [
        ("n", "1.  Would we know if a child we see had been given a diagnosis by someone else "
              "that had never been confirmed?"),
        ("n", "2.  How confident are we in raising a concern about a parent who is polite, "
              "articulate and persistent?"),
        ("n", "3.  Who in our agency would we go to first if a child\u2019s symptoms did not add up?"),
    ]),
]

FURTHER = [
    "Tallow Vale SCP procedure: Fabricated or Induced Illness and Perplexing Presentations",
    "Named and designated professionals for safeguarding: contact details on the SCP website",
    "Multi-agency training: \u201cWhen the story doesn\u2019t fit\u201d, half-day course, quarterly",
]


class Briefing(FPDF):
    def header(self):
        self.set_fill_color(*TEAL)
        self.rect(0, 0, self.w, 11, "F")
        self.set_xy(12, 3)
        self.set_font("DejaVu", "B", 9)
        self.set_text_color(255, 255, 255)
        self.cell(0, 5, BANNER)
        self.set_text_color(*DARK)
        self.set_y(16)

    def footer(self):
        self.set_y(-13)
        self.set_draw_color(*TEAL)
        self.line(12, self.get_y(), self.w - 12, self.get_y())
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 7, FOOTER, align="L")
        self.set_x(12)
        self.cell(0, 7, "Page %d of {nb}" % self.page_no(), align="R")


pdf = Briefing(format="A4")
pdf.add_font("DejaVu", "", FONT_DIR + "DejaVuSans.ttf")
pdf.add_font("DejaVu", "B", FONT_DIR + "DejaVuSans-Bold.ttf")
pdf.set_auto_page_break(False)
pdf.set_margins(12, 16, 12)
pdf.add_page()

LH = 4.6
PAD = 3
GAP = 5
COLW = (pdf.w - 24 - GAP) / 2
BOTTOM = pdf.h - 18


def body_height(w, items):
    pdf.set_font("DejaVu", "", 9)
    h = 0
    for kind, text in items:
        tw = w - 2 * PAD - (4 if kind == "b" else 0)
        lines = pdf.multi_cell(tw, LH, text, dry_run=True, output="LINES")
        h += len(lines) * LH + 1.5
    return h


def box(x, y, w, num, title, items, draw=True):
    head = 10
    h = head + PAD + body_height(w, items) + PAD
    if not draw:
        return h
    pdf.set_draw_color(*TEAL)
    pdf.set_fill_color(*PALE)
    pdf.rect(x, y, w, h, "DF")
    pdf.set_fill_color(*TEAL)
    pdf.rect(x, y, w, head, "F")
    pdf.set_fill_color(255, 255, 255)
    pdf.ellipse(x + 2, y + 1.5, 7, 7, "F")
    pdf.set_font("DejaVu", "B", 11)
    pdf.set_text_color(*TEAL)
    pdf.set_xy(x + 2, y + 2.5)
    pdf.cell(7, 5, str(num), align="C")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(x + 11, y + 2.5)
    pdf.cell(w - 13, 5, title)
    pdf.set_text_color(*DARK)
    pdf.set_font("DejaVu", "", 9)
    cy = y + head + PAD
    for kind, text in items:
        if kind == "b":
            pdf.set_xy(x + PAD, cy)
            pdf.cell(4, LH, "\u2022")
            pdf.set_xy(x + PAD + 4, cy)
            pdf.multi_cell(w - 2 * PAD - 4, LH, text)
        else:
            pdf.set_xy(x + PAD, cy)
            pdf.multi_cell(w - 2 * PAD, LH, text)
        cy = pdf.get_y() + 1.5
    return h


# title block
pdf.set_font("DejaVu", "B", 20)
pdf.set_text_color(*TEAL)
pdf.cell(0, 10, TITLE, new_x="LMARGIN", new_y="NEXT")
pdf.set_font("DejaVu", "B", 11)
pdf.set_text_color(*DARK)
pdf.cell(0, 6, SUBTITLE, new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
pdf.set_font("DejaVu", "", 8.5)
pdf.set_text_color(80, 80, 80)
pdf.multi_cell(0, 4.2, INTRO, new_x="LMARGIN", new_y="NEXT")
pdf.set_text_color(*DARK)
pdf.ln(3)

y = pdf.get_y()
pairs = [(BOXES[0], BOXES[1]), (BOXES[2], BOXES[3]), (BOXES[4], BOXES[5])]
for left, right in pairs:
    hl = box(0, 0, COLW, *left, draw=False)
    hr = box(0, 0, COLW, *right, draw=False)
    rowh = max(hl, hr)
    if y + rowh > BOTTOM:
        pdf.add_page()
        y = pdf.get_y()
    box(12, y, COLW, *left)
    box(12 + COLW + GAP, y, COLW, *right)
    y += rowh + GAP

full = pdf.w - 24
h7 = box(0, 0, full, *BOXES[6], draw=False)
if y + h7 + 30 > BOTTOM:
    pdf.add_page()
    y = pdf.get_y()
box(12, y, full, *BOXES[6])
y += h7 + GAP

pdf.set_xy(12, y)
pdf.set_font("DejaVu", "B", 10)
pdf.set_text_color(*TEAL)
pdf.cell(0, 6, "Further information", new_x="LMARGIN", new_y="NEXT")
pdf.set_text_color(*DARK)
pdf.set_font("DejaVu", "", 9)
for line in FURTHER:
    pdf.set_x(12)
    pdf.multi_cell(0, LH, "\u2013  " + line, new_x="LMARGIN", new_y="NEXT")

pdf.output(OUT)
print("wrote", OUT, "pages:", pdf.page_no())
