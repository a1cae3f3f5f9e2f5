"""Take the README's screenshot: the app answering a real question, sources open.

Usage: .venv/bin/python docs/make_screenshot.py docs/screenshot.png  (or `make screenshot`)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.served_app import make_corpus, serve  # noqa: E402

QUESTION = "Mum says she doesn't see her ex any more, how much should I trust that?"


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(Path(tmp))
        with serve(Path(tmp)) as url, sync_playwright() as p:
            shoot(p, url, out)


def shoot(p, url: str, out: Path) -> None:
    browser = p.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    page = browser.new_page(viewport={"width": 1200, "height": 1060})
    page.goto(url)
    page.get_by_text("Ready:").wait_for(timeout=180_000)
    box = page.locator("#question textarea")
    box.fill(QUESTION)
    box.press("Enter")
    sources = page.locator("#answer").get_by_text("Sources", exact=True)
    sources.first.wait_for(timeout=60_000)
    page.wait_for_timeout(800)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(
        path=str(out), full_page=True, clip={"x": 0, "y": 0, "width": 1200, "height": 1250}
    )
    browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png"))
