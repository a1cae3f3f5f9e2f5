"""The running app in headless Chromium: ask, open sources, build a handout, stay inert.

Needs Debian's /usr/bin/chromium (`make test` installs it when missing).
"""

from __future__ import annotations

import shutil

import pytest
from docx import Document

pytestmark = [pytest.mark.browser, pytest.mark.real_model]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture(scope="module")
def page(served_app):
    if not shutil.which("chromium") and not shutil.os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    url, _ = served_app
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 1000}
        )
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        page.get_by_text("Ready:").wait_for(timeout=180_000)
        yield page
        browser.close()


def ask(page, question: str) -> None:
    """Send a question and wait for its answer's Sources box to appear."""
    page.get_by_role("tab", name="Ask").click()
    sources = page.locator("#answer").get_by_text("Sources", exact=True)
    before = sources.count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    sources.nth(before).wait_for(timeout=60_000)


def download_docx(page, path) -> None:
    """The files are written when the handout changes; retry until the button has one."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(10):
        try:
            with page.expect_download(timeout=3_000) as download:
                page.locator("#download-docx").click()
        except PlaywrightTimeout:
            continue
        download.value.save_as(path)
        return
    raise AssertionError("the Word download never started")


def test_ask_see_a_cited_answer_and_open_its_sources(page):
    ask(page, "What did reviews say about forced marriage?")
    answer = page.locator("#answer")
    assert "[1]" in answer.inner_text()
    answer.get_by_text("Sources", exact=True).last.click()
    source = answer.get_by_text("Forced marriage \u203a point").first
    source.wait_for(timeout=10_000)
    assert source.is_visible()


def test_add_a_point_to_the_handout_and_download_the_docx(page, tmp_path):
    ask(page, "What did reviews say about forced marriage?")
    page.locator("#picks input[type=checkbox]").first.check()
    page.locator("#add-to-handout").click()
    page.get_by_role("tab", name="Handout").click()
    page.locator("#handout-preview").get_by_text("Forced marriage").first.wait_for()
    path = tmp_path / "handout.docx"
    download_docx(page, path)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Joint Targeted Area Inspections (JTAI) - Domestic Abuse \u203a Forced marriage" in text
    assert "(source: learning-from-reviews.txt, line" in text


def test_markup_in_a_source_document_renders_as_inert_text(page):
    ask(page, "How do we keep children safe near canals?")
    answer = page.locator("#answer").inner_text()
    assert "<script>alert('xss')</script>" in answer
    assert "<img src=x onerror=\"alert('img')\">" in answer
    assert "javascript:alert('link')" in answer
    page.get_by_role("tab", name="Browse").click()
    page.locator("#review-choice input").click()
    page.locator("#review-choice input").fill("inert markup")
    page.get_by_role("option").filter(has_text="inert markup").first.click()
    page.locator("#review-view").get_by_text("Water safety near canals").first.wait_for()
    view = page.locator("#review-view").inner_text()
    assert "<script>alert('title')</script>" in view
    hostile = "script, img[onerror], [onmouseover], a[href^='javascript']"
    assert page.locator(f"#answer {hostile}, #review-view {hostile}").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []


def test_themes_tab_counts_a_theme_and_builds_a_briefing(page, tmp_path):
    page.get_by_role("tab", name="Themes").click()
    table = page.locator("#theme-table")
    table.get_by_text("Joint working between agencies", exact=True).first.click()
    view = page.locator("#theme-view")
    view.get_by_text(
        "2 of the 6 reviews in this collection speak to this theme", exact=False
    ).wait_for(timeout=30_000)
    assert "Joint Targeted Area Inspections (JTAI)" in view.inner_text()
    page.locator("#theme-briefing").click()
    page.locator("#briefing-preview").get_by_text("Key learning").wait_for(timeout=30_000)
    with page.expect_download(timeout=10_000) as download:
        page.locator("#briefing-docx").click()
    path = tmp_path / "briefing.docx"
    download.value.save_as(path)
    assert Document(str(path)).paragraphs[0].text == (
        "7-minute briefing: Joint working between agencies"
    )
    # A theme named with markup in a source document is listed as text.
    assert "onerror" in table.inner_text()
    assert page.locator("#theme-table img, #theme-table script").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []


def test_a_question_with_an_outside_image_link_fetches_nothing(page):
    """The chat shows the typed question as Markdown; the page's Content-Security-Policy
    stops an image link in it from reaching another host."""
    fetched, blocked = [], []
    page.on("requestfinished", lambda r: fetched.append(r.url) if "evil.example" in r.url else 0)
    page.on("requestfailed", lambda r: blocked.append(r.failure) if "evil.example" in r.url else 0)
    page.context.route(
        "**/*evil.example*/**", lambda route: (fetched.append(route.request.url), route.abort())
    )
    page.get_by_role("tab", name="Ask").click()
    box = page.locator("#question textarea")
    box.fill("![track](http://evil.example/pixel.png) <img src=http://evil.example/i.png>")
    box.press("Enter")
    page.locator("#answer").get_by_text("don't cover").last.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    assert fetched == [], fetched
    assert all(reason == "csp" for reason in blocked), blocked
