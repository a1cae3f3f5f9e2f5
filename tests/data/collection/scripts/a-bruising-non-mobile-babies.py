"""Builds a-bruising-non-mobile-babies.pdf: a fictional 7-minute briefing laid out as
numbered boxes in two columns, with a banner line and a footer/page number on every page."""
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
OUT = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "briefs" / "a-bruising-non-mobile-babies.pdf")

TITLE = "Bruises on Babies Who Cannot Yet Move: 7-Minute Briefing"
INTRO = ("Published September 2023. Set aside seven minutes in a team meeting or "
         "supervision to read this briefing together and talk through the questions in box 7.")
THEMES = "Themes: bruising in non-mobile babies · information sharing · professional curiosity"

BOXES = [
    ("1", "Why this briefing?", [
        "In May 2023 the partnership held a rapid review after a ten-week-old baby, "
        "known here as Baby K, was admitted to hospital with a fractured thigh bone "
        "and healing rib fractures.",
        "Three professionals had seen marks on Baby K in the fortnight before the "
        "admission. This briefing shares what the review found so that every team can "
        "check its own practice against the Hollinford bruising protocol.",
    ]),
    ("2", "Baby K’s story", [
        "Baby K was born at 36 weeks and lived with his mother, her partner Mr T and "
        "a three-year-old sister. The family had moved into the area two months before "
        "the birth and were not known to children’s social care.",
        "At seven weeks the health visitor saw a small bluish mark on his cheek. Mother "
        "said his sister had poked him with a plastic spoon. The mark was written down "
        "but no referral was made.",
        "At nine weeks a GP reviewing a feeding problem noted a faint bruise on the "
        "upper left arm, explained as rubbing from a car-seat strap.",
        "Eight days later Mr T brought Baby K to the emergency department because his "
        "leg was swollen and he would not stop crying.",
    ]),
    ("3", "What we know", [
        "A baby who cannot roll, crawl, shuffle or pull to stand very rarely gets a "
        "bruise by accident. When one is seen, it may be the first visible sign of "
        "physical abuse, and more serious injury often follows within weeks.",
        "Small marks matter as much as large ones. Babies whose early bruises were "
        "missed are over-represented among those later found with fractures or head "
        "injuries.",
        "A plausible story from a parent does not change the level of concern. Judging "
        "whether an explanation fits the injury is a task for a paediatrician, not for "
        "the person who first notices the mark.",
    ]),
    ("4", "What the review found", [
        "Each professional saw one mark on one day. Nobody could see the pattern, because "
        "the health visitor’s note was not shared with the GP and neither knew about "
        "the other’s observation.",
        "Both professionals accepted the explanation offered and judged the mark too small "
        "or too faint to need the protocol. The protocol makes no exception for size.",
        "The health visitor was unsure whether the cheek mark was a bruise or a birthmark. "
        "Uncertainty should have triggered a same-day paediatric opinion, not a decision "
        "to wait and see.",
        "Mr T was present at the GP visit but was not asked anything about his role in "
        "caring for the baby, and no checks were made about him.",
    ]),
    ("5", "What you should do", [
        "Treat any bruise, or any mark that could be a bruise, on a non-mobile baby as a "
        "safeguarding concern, however it is explained.",
        "Refer the same day to children’s social care through the Front Door and arrange "
        "an urgent paediatric assessment; health staff should follow their own "
        "escalation route at the same time.",
        "Record exactly what you saw, where and when, using a body map, and write down "
        "the explanation in the carer’s own words.",
        "Tell the parents what will happen and why, and give them the protocol leaflet. "
        "Most parents accept this when it is explained calmly and as standard practice.",
        "Ask who else looks after the baby and think about any other children in the "
        "household.",
    ]),
    ("6", "What went well", [
        "The emergency department consultant recognised the significance of the injury "
        "at once and the hospital made a referral within the hour.",
        "The health visitor’s record was clear and dated, which allowed the review to "
        "build an accurate chronology quickly.",
        "Children’s social care and police held a strategy discussion the same evening "
        "and the sister was seen and examined the following morning.",
    ]),
    ("7", "Questions for your team", [
        "Would everyone in your team know where to find the bruising protocol today?",
        "What might make you hesitate to refer a mark that seems minor, and how would "
        "you deal with that hesitation?",
        "How do you find out what another professional has already seen on the same baby?",
        "How confident are you in explaining the protocol to a parent who is upset "
        "or angry?",
    ]),
]

RESOURCES_HEAD = "Further information"
RESOURCES = [
    "Hollinford SCP Protocol: Bruising and Injuries in Non-Mobile Babies (revised 2023)",
    "Protocol leaflet for parents and carers, available in six languages",
    "Front Door (children’s social care): 01632 960 412, out of hours 01632 960 999",
    "Named nurses and doctors for safeguarding: contact through your trust safeguarding team",
]
FOOTER = "Hollinford SCP | 7-Minute Briefing 2023/04 | Bruising in non-mobile babies"


class Brief(FPDF):
    def header(self):
        self.set_fill_color(30, 70, 120)
        self.rect(0, 0, self.w, 14, "F")
        self.set_xy(10, 4)
        self.set_text_color(255, 255, 255)
        self.set_font("DejaVu", "B", 10)
        self.cell(0, 6, "HOLLINFORD SAFEGUARDING CHILDREN PARTNERSHIP  ·  Learning from practice")
        self.set_text_color(0, 0, 0)
        self.set_y(20)

    def footer(self):
        self.set_y(-13)
        self.set_draw_color(30, 70, 120)
        self.line(10, self.get_y(), self.w - 10, self.get_y())
        self.set_font("DejaVu", "", 8)
        self.set_text_color(80, 80, 80)
        self.cell(0, 7, FOOTER, align="L")
        self.set_x(10)
        self.cell(0, 7, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


pdf = Brief(format="A4")
pdf.add_font("DejaVu", "", FONT_DIR + "DejaVuSans.ttf")
pdf.add_font("DejaVu", "B", FONT_DIR + "DejaVuSans-Bold.ttf")
pdf.set_auto_page_break(False)
pdf.set_margins(10, 20, 10)
pdf.add_page()

pdf.set_font("DejaVu", "B", 17)
pdf.multi_cell(0, 8, TITLE, align="L")
pdf.ln(1)
pdf.set_font("DejaVu", "", 9.5)
pdf.multi_cell(0, 5, INTRO, align="L", new_x="LMARGIN", new_y="NEXT")
pdf.set_text_color(30, 70, 120)
pdf.multi_cell(0, 5, THEMES, align="L")
pdf.set_text_color(0, 0, 0)
pdf.ln(3)

COL_W = 92
GAP = 6
LEFT = 10
BODY = 8.6
LINE = 4.3
PAD = 3


def box_height(num, head, paras):
    h = PAD + 7
    pdf.set_font("DejaVu", "", BODY)
    for p in paras:
        h += pdf.multi_cell(COL_W - 2 * PAD - 4, LINE, p, dry_run=True,
                            output=MethodReturnValue.HEIGHT) + 1.6
    return h + PAD


def draw_box(x, y, h, num, head, paras):
    pdf.set_draw_color(30, 70, 120)
    pdf.set_line_width(0.4)
    pdf.rect(x, y, COL_W, h)
    # number badge
    pdf.set_fill_color(30, 70, 120)
    pdf.rect(x, y, 9, 7, "F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 10)
    pdf.set_xy(x, y + 0.5)
    pdf.cell(9, 6, num, align="C")
    pdf.set_text_color(30, 70, 120)
    pdf.set_xy(x + 11, y + 0.5)
    pdf.cell(COL_W - 12, 6, head)
    pdf.set_text_color(0, 0, 0)
    cy = y + PAD + 7
    pdf.set_font("DejaVu", "", BODY)
    bullet = num in ("4", "5", "7")
    for p in paras:
        pdf.set_xy(x + PAD, cy)
        if bullet:
            pdf.cell(4, LINE, "•")
            pdf.set_xy(x + PAD + 4, cy)
            pdf.multi_cell(COL_W - 2 * PAD - 4, LINE, p, align="L")
        else:
            pdf.set_xy(x + PAD + 2, cy)
            pdf.multi_cell(COL_W - 2 * PAD - 4, LINE, p, align="L")
        cy = pdf.get_y() + 1.6


y = pdf.get_y()
for i in range(0, len(BOXES), 2):
    row = BOXES[i:i + 2]
    heights = [box_height(*b) for b in row]
    rh = max(heights)
    if y + rh > pdf.h - 18:
        pdf.add_page()
        y = 22
    for j, b in enumerate(row):
        draw_box(LEFT + j * (COL_W + GAP), y, rh, *b)
    y += rh + 5

# resources block
need = 8 + len(RESOURCES) * 5.5
if y + need > pdf.h - 18:
    pdf.add_page()
    y = 22
pdf.set_xy(LEFT, y)
pdf.set_font("DejaVu", "B", 11)
pdf.set_text_color(30, 70, 120)
pdf.cell(0, 7, RESOURCES_HEAD)
pdf.set_text_color(0, 0, 0)
pdf.ln(7)
pdf.set_font("DejaVu", "", 9)
for r in RESOURCES:
    pdf.set_x(LEFT)
    pdf.cell(5, 5, "–")
    pdf.multi_cell(0, 5, r)

pdf.output(OUT)
print("wrote", OUT)
