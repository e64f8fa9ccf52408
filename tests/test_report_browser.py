"""`kg report` in a real browser: headless Chromium (the Debian package) driven by Playwright.

Opens the sample's report and the invented corpus's report from file:// URLs, fails on any console
error or page error (a blocked fetch under the page's Content-Security-Policy is one), checks what the
events table shows, the evidence navigation, the filters and their totals, the page without JavaScript
and in print, and takes screenshots. Playwright's own browser downloads are never used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("headless Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)",
                allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from kg.report.build import build_report  # noqa: E402
from test_report import INVENTED, sample_turtle  # noqa: E402

pytestmark = pytest.mark.browser

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A page that records every console error and uncaught exception."""

    def __init__(self, browser, url: str, **context):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "assert") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:"))
                     else self.errors.append(f"network request: {r.url}"))
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def sample_report(run_text, sample_path, tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("browser")
    ttl = sample_turtle(run_text, sample_path, d / "dnipro.ttl")
    out = d / "dnipro.html"
    out.write_text(build_report([ttl]), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "invented.html"
    out.write_text(build_report([INVENTED]), encoding="utf-8")
    return out


def clinic_row(page):
    return page.locator('#events-table tbody tr[data-first="2023-05-26"][data-last="2023-05-26"]').filter(
        has_text="Dnipro, Ukraine")


def test_sample_report_shows_the_dnipro_strike_its_casualties_and_claims(browser, sample_report, tmp_path):
    p = Page(browser, sample_report.as_uri())
    page = p.page
    row = clinic_row(page)
    expect(row).to_have_count(1)
    expect(row.locator("th")).to_have_text("missile strike")
    expect(row.locator('td[data-kind="killed"]')).to_contain_text("≥ 2")
    expect(row.locator('td[data-kind="injured"]')).to_contain_text("30")
    expect(row.locator("td").nth(2)).to_have_text("Russia")  # attacker
    claims = row.locator(".claim-list li")
    assert claims.count() >= 3
    expect(claims.filter(has_text="accusation").filter(has_text="Russia").first).to_be_visible()
    section = page.locator(f'section.event-claims[data-event="{row.get_attribute("data-event")}"]')
    expect(section.locator("tr.hedged .flag-hedged").first).to_be_visible()

    # the script ran: the filters are shown and its totals agree with the ones written in the page
    expect(page.locator("#filters")).to_be_visible()
    expect(page.locator('#events-table tfoot td[data-kind="killed"] .total-figure')).to_have_text("≥ 48")
    expect(page.locator("#filter-status")).to_have_text("6 of 6 events shown")

    # clicking the event scrolls to its evidence in the source and marks it
    row.locator("th a").click()
    anchor = row.get_attribute("data-evidence")
    assert page.evaluate("location.hash") == "#" + anchor
    current = page.locator("mark.current")
    expect(current).to_have_count(1)
    expect(current).to_have_text("hit")
    expect(current).to_be_in_viewport()
    # and a claim's kind scrolls to the claim's words
    page.locator("table.claims a.to-evidence").first.click()
    expect(page.locator("mark.current").first).to_be_in_viewport()

    shot = tmp_path / "sample-report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    p.close()
    assert p.errors == []


def test_corpus_filters_recount_without_inventing_exact_totals(browser, corpus_report, tmp_path):
    p = Page(browser, corpus_report.as_uri())
    page = p.page
    killed = page.locator('#events-table tfoot td[data-kind="killed"] .total-figure')
    injured = page.locator('#events-table tfoot td[data-kind="injured"] .total-figure')
    visible_rows = page.locator("#events-table tbody tr:visible")
    expect(killed).to_have_text("≥ 14")  # the script's count equals the page's

    page.select_option('select[name="place"]', "Kharkiv")
    expect(visible_rows).to_have_count(2)
    expect(page.locator("#filter-status")).to_have_text("2 of 6 events shown")
    expect(killed).to_have_text("≥ 4")  # at least 3 + at least 1: never "4"
    expect(injured).to_have_text("≥ 12")  # 12 + "dozens"
    expect(page.locator("svg .tl-item:visible")).to_have_count(2)
    expect(page.locator("svg .map-point:visible")).to_have_count(1)

    page.select_option('select[name="place"]', "Ukraine")  # a country takes in its places
    expect(visible_rows).to_have_count(3)
    expect(killed).to_have_text("≥ 4")

    page.click('button[type="reset"]')
    expect(visible_rows).to_have_count(6)
    page.fill('input[name="from"]', "2024-05-01")
    expect(visible_rows).to_have_count(1)  # only the Gao bombing is dated in May
    expect(killed).to_have_text("8")  # every figure exact: an exact total
    expect(injured).to_have_text("≥ 20")
    expect(page.locator("section.event-claims:visible")).to_have_count(1 + 1)  # the bombing's and the loose threat

    page.click('button[type="reset"]')
    page.select_option('select[name="actor"]', "JNIM")
    expect(visible_rows).to_have_count(1)
    expect(visible_rows.first.locator("th")).to_have_text("bombing")
    page.select_option('select[name="type"]', "shelling")
    expect(visible_rows).to_have_count(0)
    expect(killed).to_have_text("–")
    page.screenshot(path=str(tmp_path / "corpus-filtered.png"))
    p.close()
    assert p.errors == []


def test_tables_without_javascript_and_in_print(browser, corpus_report):
    p = Page(browser, corpus_report.as_uri(), java_script_enabled=False)
    page = p.page
    expect(page.locator("#events-table tbody tr:visible")).to_have_count(6)
    expect(page.locator("#filters")).to_be_hidden()
    expect(page.locator('#events-table tfoot td[data-kind="killed"] .total-figure')).to_have_text("≥ 14")
    expect(page.locator("table.claims tbody tr:visible")).to_have_count(9)
    p.close()
    assert p.errors == []

    p = Page(browser, corpus_report.as_uri())
    page = p.page
    page.emulate_media(media="print")
    expect(page.locator("#filters")).to_be_hidden()
    expect(page.locator("nav")).to_be_hidden()
    expect(page.locator("#events-table")).to_be_visible()
    p.close()
    assert p.errors == []
