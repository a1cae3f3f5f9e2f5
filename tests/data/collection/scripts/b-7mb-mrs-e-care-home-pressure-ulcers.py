"""Build b-7mb-mrs-e-care-home-pressure-ulcers.pdf: a fictional 7-minute briefing
laid out as numbered boxes on a two-column page, with a banner, a footer line and
page numbers on every page.  Run with --dump to print the text blocks in reading
order (used to check the role file)."""
import sys
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "briefs" / "b-7mb-mrs-e-care-home-pressure-ulcers.pdf"
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

BANNER = "GREYWATER SAFEGUARDING ADULTS BOARD | LEARNING FROM REVIEWS"
TITLE = "7-Minute Briefing: Mrs E – pressure care and escalation in a nursing home"
SUBTITLE = "Safeguarding Adults Review · Published November 2022"
HOWTO = ("How to use this briefing: read it aloud at a team meeting or in supervision, "
         "allow seven minutes, then spend a little longer on the questions in box 7.")
FOOTER = "Greywater SAB · 7-Minute Briefing · SAR Mrs E · Please share with your team"

# (number, heading, [("p"|"b", text), ...])
BOXES = [
    (1, "Background", [
        ("p", "Mrs E was 88 and lived with advanced dementia. After a stroke in early 2021 "
              "she moved into Linden Court, a 60-bed nursing home in Greywater. She could "
              "not move herself in bed and relied on staff for every change of position."),
        ("p", "She was assessed on arrival as being at very high risk of pressure damage. "
              "Her two sons visited several times a week."),
    ]),
    (2, "Why it matters", [
        ("p", "Most pressure ulcers can be prevented with good basic care. When they do "
              "develop, quick recognition and escalation usually stops them getting worse."),
        ("p", "In 2021–22 around one in five safeguarding concerns about Greywater care "
              "homes involved pressure damage, and it has featured in three local reviews "
              "since 2018."),
    ]),
    (3, "What happened", [
        ("p", "Six weeks after Mrs E arrived, a nurse found a category 2 ulcer on her "
              "sacrum. A care plan was written, but repositioning charts showed gaps of up "
              "to nine hours, most of them at night when agency staff were on shift."),
        ("p", "A pressure-relieving mattress took ten days to arrive. The wound was not "
              "referred to tissue viability, and the GP was not told until Mrs E’s son "
              "complained that he could smell it. By then it was category 4."),
        ("p", "Mrs E was admitted to hospital with sepsis in August 2021 and died there. "
              "The hospital raised a safeguarding concern the same day."),
    ]),
    (4, "Key learning from the review", [
        ("b", "Charts were filled in but nobody read them. Gaps were visible for weeks "
              "and did not prompt any action."),
        ("b", "Staff lacked confidence in grading wounds and assumed a deteriorating "
              "ulcer was “expected” in a frail resident."),
        ("b", "There was no clear route for escalating concerns outside the home. Nurses "
              "were unsure when to involve the GP, tissue viability or safeguarding."),
        ("b", "Agency night staff had no induction to residents’ pressure care plans."),
        ("b", "The commissioners’ quality team had logged staffing worries about Linden "
              "Court months earlier, but this was not linked to individual residents."),
        ("b", "Concerns from Mrs E’s sons were handled as complaints rather than as "
              "information about her safety."),
    ]),
    (5, "Good practice noted", [
        ("p", "The hospital tissue viability nurse recorded the wound in detail, with "
              "photographs, and raised the concern promptly. After the inspection, "
              "Linden Court appointed a clinical lead who now audits charts every week "
              "and reports gaps to the manager."),
    ]),
    (6, "What you can do", [
        ("b", "Check repositioning charts at every handover and act on any gap."),
        ("b", "Grade and photograph wounds, and get a second opinion if you are unsure."),
        ("b", "Refer to tissue viability and tell the GP within 24 hours when an ulcer "
              "is category 2 or worse, or getting worse."),
        ("b", "Use the Board’s pressure ulcer safeguarding decision guide to decide "
              "whether a concern is needed."),
        ("b", "Make sure agency and bank staff know each resident’s pressure care plan."),
        ("b", "Treat relatives’ worries as information about risk and record what you "
              "did about them."),
    ]),
    (7, "Questions to consider", [
        ("b", "Who reads the charts in your service, and what do they do with them?"),
        ("b", "What would stop a nurse in your setting from picking up the phone to "
              "the GP?"),
        ("b", "How do you know agency staff have understood a resident’s care plan?"),
        ("b", "When did a family member last tell you something that changed your plan?"),
    ]),
]
EXTRA = ("Further information", [
    ("b", "Greywater SAB Pressure Ulcer and Safeguarding Decision Guide (2022)"),
    ("b", "Tissue viability advice line: 01632 960 218 (weekdays)"),
    ("b", "Free pressure care e-learning for care home staff on the Greywater Learning Portal"),
    ("b", "Full SAR report and other briefings: www.greywatersab.example.org.uk/reviews"),
])
EXPLAIN = ("What is a 7-minute briefing?", [
    ("p", "Seven-minute briefings give a short summary of learning that busy teams can "
          "discuss in one sitting. This one comes from a Safeguarding Adults Review, which "
          "the Board must hold when someone with care needs dies or is seriously harmed "
          "and agencies could have worked together better."),
])

NAVY = (22, 54, 92)
TEAL = (0, 122, 122)
PALE = (232, 242, 242)


class Brief(FPDF):
    def header(self):
        self.set_fill_color(*NAVY)
        self.rect(0, 0, self.w, 12, "F")
        self.set_xy(10, 3.5)
        self.set_text_color(255, 255, 255)
        self.set_font("DejaVu", "B", 9)
        self.cell(0, 5, BANNER)
        self.set_text_color(0, 0, 0)
        self.set_y(16)

    def footer(self):
        self.set_y(-13)
        self.set_draw_color(*NAVY)
        self.line(10, self.get_y(), self.w - 10, self.get_y())
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, FOOTER, align="L")
        self.set_x(10)
        self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def box_height(pdf, w, heading, paras, draw=False, x=0, y=0, num=None):
    """Lay out one box; when draw is False only measure it."""
    pad = 3
    inner = w - 2 * pad
    h = pad
    # heading row
    h += 8
    pdf.set_font("DejaVu", "", 8.6)
    for kind, text in paras:
        txt = ("•  " + text) if kind == "b" else text
        lines = pdf.multi_cell(inner - (0 if kind == "p" else 0), 4.2, txt, dry_run=True, output="LINES")
        h += 4.2 * len(lines) + 1.6
    h += pad
    if draw:
        pdf.set_fill_color(*PALE)
        pdf.set_draw_color(*TEAL)
        pdf.rect(x, y, w, h, "DF")
        cy = y + pad
        if num is not None:
            pdf.set_fill_color(*TEAL)
            pdf.ellipse(x + pad, cy, 7, 7, "F")
            pdf.set_text_color(255, 255, 255)
            pdf.set_font("DejaVu", "B", 10)
            pdf.set_xy(x + pad, cy + 0.8)
            pdf.cell(7, 5.5, str(num), align="C")
            hx = x + pad + 9
        else:
            hx = x + pad
        pdf.set_text_color(*NAVY)
        pdf.set_font("DejaVu", "B", 10.5)
        pdf.set_xy(hx, cy + 0.8)
        pdf.cell(inner, 5.5, heading)
        pdf.set_text_color(0, 0, 0)
        cy += 8
        pdf.set_font("DejaVu", "", 8.6)
        for kind, text in paras:
            txt = ("•  " + text) if kind == "b" else text
            pdf.set_xy(x + pad, cy)
            pdf.multi_cell(inner, 4.2, txt, new_x="LMARGIN", new_y="NEXT")
            cy = pdf.get_y() + 1.6
    return h


def build():
    pdf = Brief(format="A4")
    pdf.add_font("DejaVu", "", FONT_DIR + "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONT_DIR + "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(False)
    pdf.set_title("7-Minute Briefing – SAR Mrs E")
    pdf.set_author("Greywater Safeguarding Adults Board")
    pdf.add_page()

    pdf.set_font("DejaVu", "B", 16)
    pdf.set_text_color(*NAVY)
    pdf.multi_cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(*TEAL)
    pdf.multi_cell(0, 6, SUBTITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(60, 60, 60)
    pdf.set_font("DejaVu", "", 8.6)
    pdf.ln(1)
    pdf.multi_cell(0, 4.4, HOWTO, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)

    colw = (pdf.w - 20 - 6) / 2
    xl, xr = 10, 10 + colw + 6
    gap = 5
    layout = [
        [("L", BOXES[0]), ("L", BOXES[1]), ("R", BOXES[2]), ("R", BOXES[3])],
        [("L", BOXES[4]), ("L", BOXES[5]), ("R", BOXES[6]),
         ("R", (None,) + EXTRA), ("R", (None,) + EXPLAIN)],
    ]
    for pi, page in enumerate(layout):
        if pi > 0:
            pdf.add_page()
        top = pdf.get_y() + 4
        yl = yr = top
        for side, (num, heading, paras) in page:
            x = xl if side == "L" else xr
            y = yl if side == "L" else yr
            h = box_height(pdf, colw, heading, paras, draw=True, x=x, y=y, num=num)
            if side == "L":
                yl = y + h + gap
            else:
                yr = y + h + gap
        assert max(yl, yr) < pdf.h - 15, f"page {pi+1} overflows"
        if "--verbose" in sys.argv:
            print(f"page {pi+1}: left ends {yl:.0f}mm, right ends {yr:.0f}mm of {pdf.h:.0f}")
    pdf.output(str(OUT))
    print("wrote", OUT)


def dump():
    blocks = [BANNER, TITLE, SUBTITLE, HOWTO]
    order = [BOXES[0], BOXES[1], BOXES[2], BOXES[3], BOXES[4], BOXES[5], BOXES[6],
             (None,) + EXTRA, (None,) + EXPLAIN]
    for num, heading, paras in order:
        blocks.append(f"{num} {heading}" if num else heading)
        blocks.extend(t for _, t in paras)
    blocks.append(FOOTER)
    print("\n\n".join(blocks))


if __name__ == "__main__":
    if "--dump" in sys.argv:
        dump()
    else:
        build()
