"""The HTML edition in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium, or the
path in $CHROMIUM). Without a browser these tests skip locally and fail in CI (conftest.require).

The view switch (with and without JavaScript), the search (a person and a phrase), every link of every
page, no console errors, nothing requested from the network, and a screenshot of the seed's page in
test-artifacts/ (to look at)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPO, SEED, SEEDS, require
from test_site import TITLE, convert_corpus
from tei_edition.site import build_site

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require(sync_playwright is not None, "the playwright package is not installed")
    require(CHROMIUM.is_file(), f"no Chromium at {CHROMIUM} (apt-get install chromium, or set $CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory, register, config):
    corpus = convert_corpus(tmp_path_factory.mktemp("tei"), register, config)
    out = tmp_path_factory.mktemp("site")
    build_site(corpus, out, SEEDS / "register.xml", TITLE)
    return out


class Watch:
    """A page that records console errors, page errors and every request that is not a local file."""

    def __init__(self, context):
        self.page = context.new_page()
        self.errors: list[str] = []
        self.remote: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.remote.append(url)
            route.abort()


@pytest.fixture
def watch(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    yield Watch(context)
    context.close()


def seed_url(site: Path) -> str:
    return (site / "doc" / f"{SEED.stem}.html").as_uri()


def shown(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)")


def test_view_toggle(site, watch):
    page = watch.page
    page.goto(seed_url(site))
    assert shown(page, ".text-body .corr").count("I") == 7 and shown(page, ".text-body .sic") == []
    assert shown(page, ".text-body br.lb") == []
    page.click("a.view-button[data-view=diplomatic]")
    assert page.get_attribute(".text-frame", "data-view") == "diplomatic"
    assert page.get_attribute("a.view-button[data-view=diplomatic]", "aria-pressed") == "true"
    sics = shown(page, ".text-body .sic")
    assert sics.count("|") == 7 and "Dehaui" in sics and shown(page, ".text-body .corr") == []
    assert len(shown(page, ".text-body br.lb")) == 33
    assert "[Stalin]" in page.inner_text(".text-body")
    page.keyboard.press("Shift+Tab")  # the switch is keyboard-operable: Space on the focused button
    page.focus("a.view-button[data-view=reading]")
    page.keyboard.press(" ")
    assert page.get_attribute(".text-frame", "data-view") == "reading"
    assert shown(page, ".text-body .sic") == []
    assert watch.errors == [] and watch.remote == []


def test_view_toggle_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_url(site))
    assert shown(page, ".text-body .sic") == []
    page.click("a.view-button[data-view=diplomatic]")  # a plain link to #diplomatic: :target switches
    assert shown(page, ".text-body .sic").count("|") == 7 and shown(page, ".text-body .corr") == []
    page.click("a.view-button[data-view=reading]")
    assert shown(page, ".text-body .sic") == [] and shown(page, ".text-body .corr").count("I") == 7
    context.close()


def test_closing_line_and_note_line_in_both_views(browser, tmp_path, register, config):
    # the signature and the date share one source line: one line in the diplomatic view, two when read
    from tei_edition.convert import convert_source

    source = tmp_path / "closing.txt"
    source.write_text("[handwritten: to Comrade Molotov]\nCIPHERED TELEGRAM No. 12\n\nTO Comrade STALIN\n\n"
                      "We agree that the Ameri-\ncans will withdraw.\n\nMAO ZEDONG     5 January 1951\n", encoding="utf-8")
    tei = tmp_path / "closing.xml"
    tei.write_bytes(convert_source(source, register, config).xml)
    build_site([tei], tmp_path / "site", SEEDS / "register.xml", TITLE)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((tmp_path / "site" / "doc" / "closing.html").as_uri() + "#diplomatic")
    top = "e => Math.round(e.getBoundingClientRect().top)"
    assert page.eval_on_selector(".closer .signed", top) == page.eval_on_selector(".closer .dateline", top)
    assert " ".join(page.inner_text(".closer").split()) == "MAO ZEDONG 5 January 1951"
    assert "Ameri-\ncans" in page.inner_text(".text-body")
    page.click("a.view-button[data-view=reading]")
    assert page.eval_on_selector(".closer .signed", top) < page.eval_on_selector(".closer .dateline", top)
    # a line that is only a transcriber's note stays readable in the reading view (not just its marker)
    assert "[handwritten: to Comrade Molotov]" in page.inner_text(".text-body")
    assert "the Americans will withdraw" in page.inner_text(".text-body")  # a soft hyphen, joined
    context.close()


def search(page, site: Path, query: str) -> list[str]:
    page.goto((site / "search.html").as_uri())
    page.fill("#q", query)
    page.click(".search-form button")
    page.wait_for_selector("#search-status:not(:empty)")
    return page.eval_on_selector_all("#search-results ol.results > li > a", "as => as.map(a => a.getAttribute('href'))")


def test_search_person_and_phrase(site, watch):
    page = watch.page
    seed = f"doc/{SEED.stem}.html"
    found = search(page, site, "Zhou Enlai")
    assert seed in found and len(found) > 1
    assert "persons.html#zhou-enlai" in page.eval_on_selector_all(
        "#search-results ul.entities a", "as => as.map(a => a.getAttribute('href'))")
    assert search(page, site, "Filippov") and seed in search(page, site, "Joseph Stalin")
    # another form of a register name finds the documents that mention its entry, in whatever form
    assert "Fyn Si" not in (SEED.read_text(encoding="utf-8")) and seed in search(page, site, "Fyn Si")
    assert search(page, site, '"serious rightist moods"') == [seed]
    assert page.inner_text("#search-results mark").lower() == "serious rightist moods"
    assert search(page, site, "I received your telegram of June 4") == [seed]  # the corrected reading
    assert search(page, site, "no such words anywhere") == []
    assert "0 documents" in page.inner_text("#search-status")
    # a query in the address works too, and hostile input stays text
    page.goto((site / "search.html").as_uri() + "?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert page.eval_on_selector_all("#search-results img", "x => x.length") == 0
    assert watch.errors == [] and watch.remote == []


def test_every_link_resolves_and_no_errors(site, watch):
    """Every <a href> of every page: a local file that exists, an anchor that exists, or an http(s) link
    (not followed). Each page loads without console errors and asks nothing of the network."""
    page = watch.page
    pages = sorted(site.rglob("*.html"))
    ids: dict[str, set[str]] = {}
    problems = []
    for html in pages:
        page.goto(html.as_uri())
        ids[html.as_uri()] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"):
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue
            if parts.scheme != "file":
                problems.append(f"{html.name}: {href}")
                continue
            target = Path(unquote(parts.path))
            if not target.is_file():
                problems.append(f"{html.name}: {href} (no such file)")
            elif parts.fragment:
                key = target.as_uri()
                if key not in ids:
                    other = watch.page.context.new_page()
                    other.goto(key)
                    ids[key] = set(other.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
                    other.close()
                if unquote(parts.fragment) not in ids[key]:
                    problems.append(f"{html.name}: {href} (no such anchor)")
    assert problems == []
    assert watch.errors == [], watch.errors
    assert watch.remote == [], watch.remote


def test_screenshot_of_seed_page(site, watch):
    """Written for people to look at: test-artifacts/seed-page.png (reading), seed-page-diplomatic.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = watch.page
    page.goto(seed_url(site))
    page.screenshot(path=str(ARTIFACTS / "seed-page.png"), full_page=True)
    page.click("a.view-button[data-view=diplomatic]")
    page.screenshot(path=str(ARTIFACTS / "seed-page-diplomatic.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "seed-page-print.png"), full_page=True)
    assert (ARTIFACTS / "seed-page.png").stat().st_size > 10_000
    assert watch.errors == []
