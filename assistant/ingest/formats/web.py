"""HTML: a saved learning-brief page. Headings, lists and paragraphs of the main content;
navigation, scripts, styles, forms and page chrome are dropped."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from assistant.ingest.outline import (
    PSEUDO_HEADING_LEVEL,
    Block,
    BlockKind,
    Outline,
    text_blocks,
)
from assistant.text import clean

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
    "select", "input", "nav", "aside", "head",
)  # fmt: skip
_NEVER_CHROME = {"html", "body", "main", "article"}
# Site headers and footers go; a post's own <header> (holding its title) stays.
_SITE_PARTS = ("header", "footer")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary"}
# Class or id words of page chrome: menus, breadcrumbs, cookie and consent banners
# ("ccc" is a cookie-control widget common on council sites), sharing and feedback boxes.
_CHROME = re.compile(
    r"^(?:nav|navbar|navigation|menu|ccc|sidebar|social|share|masthead)$"
    r"|breadcrumb|cookie|^(?:cookie-?)?consent(?:-banner|-bar|-popup)?$|^gdpr(?:-banner)?$"
    r"|skip-?(?:link|to)|site-(?:header|footer)|back-?to-?top"
    r"|^(?:page-|site-|govuk-|gem-c-)?feedback(?:$|-(?:form|widget|banner|panel))"
    r"|page-?rating|was-?this|print-?link|social-?links|share-?(?:this|links|bar)"
    r"|^comments?(?:$|[-_]?(?:area|wrapper|section|list|container|respond))|^comment-respond$"
    r"|^disqus_thread$"
    r"|sharedaddy|jp-relatedposts|wpl-likebox|related-?posts"
    r"|^(?:page-|site-|region-|global-|main-)?footer$"
    r"|widget-area|post-navigation|author-?bio"
    r"|visually-?hidden|sr-only|screen-?reader|section-toggle|chevron"
    r"|^wp-block-file$|^entry-meta$|^byline$|^posted-on$",
    re.IGNORECASE,
)
# Classes that CMS themes use to style a <div> or <p> as a heading.
_HEADING_CLASS = re.compile(r"^(?:h|heading-?|title-?h)([1-6])$", re.IGNORECASE)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_TEXT_BLOCKS = {"p", "blockquote", "pre", "figcaption", "caption"}
_LABELS = {"dt", "summary"}  # a definition term or an accordion's label: a heading
_CONTAINERS = {"div", "section", "td", "th", "article", "main", "dd", "details"}
_BLOCK_TAGS = {
    *_HEADINGS, *_TEXT_BLOCKS, *_LABELS, *_CONTAINERS, "li", "ul", "ol", "table", "dl", "tr",
}  # fmt: skip
_BOLD = {"strong", "b"}


def _holds_content(tag: Tag) -> bool:
    """A wrapper of the page's content (its title or main part), which a class such as
    "has-comments" or a page-wide <form> must not throw away."""
    return tag.find(["h1", "main"]) is not None  # (comments are <article>s too)


def _is_chrome(tag: Tag) -> bool:
    if tag.name in _NEVER_CHROME:
        return False
    # hidden="until-found" (and aria-hidden with text in it) is a closed accordion panel.
    hidden = tag.has_attr("hidden") and tag.get("hidden") != "until-found"
    aria_hidden = tag.get("aria-hidden") == "true" and tag.find(["p", "li", "table"]) is None
    names = [*tag.get("class", []), tag.get("id") or ""]
    chrome = (
        tag.get("role") in _DROP_ROLES
        or aria_hidden
        or hidden
        or tag.name == "form"
        or any(_CHROME.search(str(n)) for n in names if n)
    )
    return chrome and not _holds_content(tag)


def _text(tag: Tag, skip_lists: bool = False) -> str:
    """The tag's text; without nested lists when reading a list item. Walks only what it
    keeps, so deeply nested lists stay linear."""
    parts: list[str] = []
    stack = [iter(tag.children)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a comment
                parts.append(str(node))
        elif isinstance(node, Tag) and not (skip_lists and node.name in ("ul", "ol")):
            stack.append(iter(node.children))
    return "\n".join(clean(line) for line in "".join(parts).split("\n") if line.strip())


def _is_bold(tag: Tag) -> bool:
    return tag.name in _BOLD or bool(_BOLD_STYLE.search(str(tag.get("style", ""))))


def _bold_only(tag: Tag) -> bool:
    children = [c for c in tag.children if not (isinstance(c, NavigableString) and not c.strip())]
    return len(children) == 1 and isinstance(children[0], Tag) and _is_bold(children[0])


def _bold_lead(tag: Tag) -> str:
    """The text of a bold run that opens a block and ends at a line break, if any:
    <p><strong>Heading</strong><br>text</p>."""
    # Keep the line break (a "\n" string) that follows the bold run.
    children = [
        c for c in tag.children if not (isinstance(c, NavigableString) and not c.strip(" \t\r"))
    ]
    if len(children) >= 2 and isinstance(children[0], Tag) and _is_bold(children[0]):
        second = children[1]
        if isinstance(second, NavigableString) and str(second).startswith("\n"):
            return clean(children[0].get_text())
    return ""


def _heading_level(tag: Tag) -> int | None:
    if tag.name in _HEADINGS:
        return _HEADINGS[tag.name]
    if tag.get("role") == "heading":  # SharePoint and other ARIA-built pages
        level = str(tag.get("aria-level", "2"))
        return int(level) if level.isdigit() and 1 <= int(level) <= 6 else 2
    for name in tag.get("class", []):
        if m := _HEADING_CLASS.match(str(name)):
            return int(m.group(1))
    return None


def _row_text(tr: Tag, shape: _Shape) -> str | None:
    """A row of a table of learning (one with column headers) as one point, its cells in
    order ("" for the header row); None for a layout grid, whose cells are read apart."""
    cells = [c for c in tr.children if isinstance(c, Tag) and c.name in ("td", "th")]
    table = tr.find_parent("table")
    headed = table is not None and shape.has_header(table)
    nested = _BLOCK_TAGS - {"p"}  # a cell may hold paragraphs, not lists or tables
    if len(cells) < 2 or not headed or any(c.find(nested) for c in cells):
        return None
    if all(c.name == "th" for c in cells):
        return ""
    return ": ".join(t for c in cells if (t := clean(_text(c).replace("\n", " "))))


def _number(li: Tag, shape: _Shape) -> int | None:
    parent = li.parent
    if parent is None or parent.name != "ol":
        return None
    try:
        start = int(parent.get("start", 1))
    except ValueError:
        start = 1
    numbers = shape.numbers.get(id(parent))
    if numbers is None:  # numbered once per list, not once per item
        items = [c for c in parent.children if isinstance(c, Tag) and c.name == "li"]
        numbers = shape.numbers[id(parent)] = {id(c): start + i for i, c in enumerate(items)}
    return numbers.get(id(li))


class _Shape:
    """Which tags hold block-level tags below them, worked out once for the whole tree
    (bs4's find() walks to a subtree's end each time, quadratic on deep pages)."""

    def __init__(self, root: Tag) -> None:
        self.numbers: dict[int, dict[int, int]] = {}  # list -> {item: its number}
        self.headed: dict[int, bool] = {}  # table -> has column headers
        self.blocks: set[int] = set()  # ids of tags with a block tag below
        self.non_heading: set[int] = set()  # ... with a block tag other than a heading below
        for tag in reversed([t for t in root.descendants if isinstance(t, Tag)]):
            for child in tag.children:
                if not isinstance(child, Tag):
                    continue
                if child.name in _BLOCK_TAGS or id(child) in self.blocks:
                    self.blocks.add(id(tag))
                if (child.name in _BLOCK_TAGS and child.name not in _HEADINGS) or id(
                    child
                ) in self.non_heading:
                    self.non_heading.add(id(tag))

    def has_header(self, table: Tag) -> bool:
        """Whether a table has column headers (looked up once per table)."""
        if id(table) not in self.headed:
            self.headed[id(table)] = table.find("th") is not None
        return self.headed[id(table)]


def _block_of(tag: Tag, line: int, shape: _Shape) -> list[Block] | None:
    """The blocks a tag gives when read whole, or None when its children are read."""
    if tag.name == "tr" and (row := _row_text(tag, shape)) is not None:
        return [Block(BlockKind.ITEM, row, line)] if row else []
    level = _heading_level(tag)
    if level is not None and id(tag) not in shape.non_heading:
        text = clean(_text(tag))
        return [Block(BlockKind.HEADING, text, line, level=level)] if text else []
    if tag.name in _LABELS:
        text = clean(_text(tag))
        level = int(tag.get("data-outline-level", PSEUDO_HEADING_LEVEL))
        return [Block(BlockKind.HEADING, text, line, level=level)] if text else []
    if tag.name == "li":
        text = clean(_text(tag, skip_lists=True))
        return [Block(BlockKind.ITEM, text, line, number=_number(tag, shape))] if text else []
    if tag.name in _TEXT_BLOCKS or id(tag) not in shape.blocks:
        text = _text(tag)
        blocks = []
        if lead := _bold_lead(tag):
            blocks.append(Block(BlockKind.HEADING, lead, line, level=PSEUDO_HEADING_LEVEL))
            text = text.removeprefix(lead).lstrip("\n")
        return blocks + text_blocks(text, line, bold=not lead and _bold_only(tag))
    return None


def _nested_lists(li: Tag) -> list[Tag]:
    """The lists directly inside a list item (not those inside them), in order."""
    found, stack = [], [iter(li.children)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif isinstance(node, Tag):
            if node.name in ("ul", "ol"):
                found.append(node)
            else:
                stack.append(iter(node.children))
    return found


def _walk(root: Tag) -> list[Block]:
    """Blocks in reading order, in one pass over the tree (no recursion, so deeply nested
    pages are fine). Text lying loose in a container between its blocks is a paragraph."""
    blocks: list[Block] = []
    loose: list[str] = []
    count = 0
    shape = _Shape(root)

    def flush() -> None:
        if text := "\n".join(x for x in "".join(loose).split("\n") if x.strip()):
            blocks.extend(text_blocks(text, count, bold=False))
        loose.clear()

    stack = [iter(root.children)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            flush()
            continue
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a comment or doctype
                loose.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        count += 1
        if node.name not in _BLOCK_TAGS and id(node) not in shape.blocks:
            loose.append(node.get_text())  # inline: part of the loose text around it
            continue
        flush()
        line = node.sourceline or count
        found = _block_of(node, line, shape)
        if found is None:
            stack.append(iter(node.children))
            continue
        blocks.extend(found)
        if node.name == "li":  # its nested lists are items of their own
            nested = _nested_lists(node)
            stack.extend(iter([n]) for n in reversed(nested))
    return blocks


def _meta(soup: BeautifulSoup, **attrs: str) -> str:
    tag = soup.find("meta", attrs=attrs)
    return clean(str(tag.get("content", ""))) if tag else ""


def _level_accordions(root: Tag) -> None:
    """An accordion's label is a heading one level below the heading the accordions sit
    under ("What the review found" under the brief's h1 is an h2), so headings inside an
    accordion stay below its label."""
    for label in root.find_all("summary"):
        above = next(
            (h for h in label.find_all_previous(list(_HEADINGS)) if not h.find_parent("details")),
            None,
        )
        level = _heading_level(above) if above is not None else None
        label["data-outline-level"] = str(min(6, level + 1) if level else 2)


def read_html(data: bytes) -> Outline:
    soup = BeautifulSoup(data, "lxml")
    title = _meta(soup, property="og:title") or clean(soup.title.get_text() if soup.title else "")
    canonical = soup.find("link", rel="canonical")
    url = (str(canonical.get("href", "")) if canonical else "") or _meta(soup, property="og:url")
    # Site headers and footers are dropped, but often name the partnership and date.
    site_parts = [
        t for t in soup.find_all(_SITE_PARTS)
        if t.name == "footer" or not t.find_parent(["article", "main"])
    ]  # fmt: skip
    chrome_text = " \n".join(clean(t.get_text(" ")) for t in site_parts if t.get_text().strip())
    times = [str(t.get("datetime", "")) for t in soup.find_all("time") if t.get("datetime")]
    for tag in [*soup.find_all(_DROP_TAGS), *site_parts]:
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all("button"):  # keep the words of accordion headings
        tag.unwrap()
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in [t for t in soup.find_all(True) if _is_chrome(t)]:
        if not tag.decomposed:
            chrome_text += "\n" + clean(tag.get_text(" "))
            tag.decompose()
    root = (
        soup.find("main")
        or soup.find(attrs={"role": "main"})
        or soup.find("article")
        or soup.body
        or soup
    )
    _level_accordions(root)
    blocks = _walk(root)
    chrome_text = "\n".join([chrome_text, *(f"Published: {t}" for t in times[:1])]).strip()
    hints = {"source_url": url, "page_chrome": chrome_text}
    return Outline(blocks=tuple(blocks), title=title, hints={k: v for k, v in hints.items() if v})
