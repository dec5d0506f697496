"""axe-core (npm, self-hosted from node_modules) on every kind of page, in both languages, at desktop and
phone width: no violations of any impact, minor included, of any of axe's rules (WCAG 2.1 A/AA, to which
GB/T 37668 is aligned, and axe's best practices such as unique landmark names and heading order)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import browser_page

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_KINDS = [
    "",
    "policy/",
    "policy/side-by-side/",
    "tasks/",
    "leading-group/",
    "glossary/",
    "indicators/",
    "indicators/17/",
    "indicators/present/",
    "units/",
    "units/market-regulation/",
    "units/matrix/",
    "self-scoring/",
]
# A page another change may add is audited as soon as its source exists.
PAGE_KINDS += [
    kind
    for kind in ["downloads/"]
    if (ROOT / "docs" / "zh" / (kind.rstrip("/") + ".md")).exists()
    or (ROOT / "docs" / "zh" / kind / "index.md").exists()
]
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
# Every rule axe runs by default (not only the WCAG-tagged ones), every impact.
RUN_AXE = """async () => {
    const result = await axe.run(document);
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                         nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run npm ci (./dev test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_violations(built_site, site_browser, axe_source, kind, lang, viewport):
    path = ("en/" if lang == "en" else "") + kind
    assert (built_site.dir / path / "index.html").exists(), f"missing page {path}"
    violations = audit(built_site, site_browser, axe_source, path, viewport)
    assert violations == [], f"{path} at {viewport}: {violations}"


def audit(built_site, site_browser, axe_source, path, viewport, then=None):
    # The page's own CSP forbids injected scripts, rightly; the audit tool is let in from outside.
    with browser_page(site_browser, viewport=VIEWPORTS[viewport], bypass_csp=True, service_workers="block") as page:
        page.goto(built_site.url + path)
        page.wait_for_load_state("networkidle")
        if then:
            then(page)
        page.add_script_tag(content=axe_source)
        return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_not_found_page_has_no_violations(built_site, site_browser, axe_source, viewport):
    assert audit(built_site, site_browser, axe_source, "404.html", viewport) == []


def _open_calculator(page):
    page.locator("details[data-calculator] summary").first.click()
    page.wait_for_selector(".calc-status[data-ready]", state="attached", timeout=120_000)
    page.wait_for_selector(".calc-item[data-item]")


def _open_slide_calculator(page):
    # The presentation's calculator is an indicator's third slide: → twice from the first.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute(".present-slide.is-current", "id") == "slide-1-3"
    _open_calculator(page)


def _scored(page):
    page.wait_for_selector(".selfscore-status[data-ready]", timeout=120_000)
    page.wait_for_selector(".selfscore-summary[data-total]", timeout=30_000)
    page.click(".selfscore-tracker > summary")  # the county's tracker of the units' files, opened
    page.wait_for_selector(".selfscore-tracker[open] tr[data-unit]")


# The markup drawn in the browser: an opened calculator (indicator page and slide) and a scored form with
# the county's tracker open.
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "kind,then",
    [("indicators/17/", _open_calculator), ("indicators/present/", _open_slide_calculator), ("self-scoring/", _scored)],
    ids=["calculator", "slide-calculator", "scored"],
)
def test_no_violations_once_drawn(built_site, site_browser, axe_source, kind, then, lang, viewport):
    path = ("en/" if lang == "en" else "") + kind
    violations = audit(built_site, site_browser, axe_source, path, viewport, then)
    assert violations == [], f"{path} ({then.__name__}) at {viewport}: {violations}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_elderly_friendly_controls_persist_across_pages(built_site, site_browser, axe_source, lang):
    prefix = "en/" if lang == "en" else ""
    with browser_page(site_browser, viewport=VIEWPORTS["phone"], bypass_csp=True) as page:
        page.goto(built_site.url + prefix)
        normal = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
        page.click("[data-elder='elder-large']")
        page.click("[data-elder='elder-contrast']")
        assert page.get_attribute("[data-elder='elder-large']", "aria-pressed") == "true"
        page.goto(built_site.url + prefix + "policy/")  # a full page load: the choice comes from storage
        classes = page.evaluate("document.documentElement.className")
        assert "elder-large" in classes and "elder-contrast" in classes
        paragraph = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.md-typeset p'));
            return {size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight)}; }""")
        assert paragraph["size"] >= normal * 1.3 and paragraph["line"] / paragraph["size"] >= 1.3 - 1e-6
        page.add_script_tag(content=axe_source)
        assert page.evaluate(RUN_AXE) == []
        page.click("[data-elder='elder-large']")
        page.goto(built_site.url + prefix + "tasks/")
        assert "elder-large" not in page.evaluate("document.documentElement.className")


@pytest.mark.parametrize("kind", ["", "policy/", "indicators/17/", "self-scoring/"])
def test_body_text_line_spacing_is_at_least_1_3(built_site, site_browser, kind):
    with browser_page(site_browser, viewport=VIEWPORTS["phone"]) as page:
        page.goto(built_site.url + kind)
        ratios = page.evaluate("""() => [...document.querySelectorAll('.md-typeset p, .md-typeset li')].slice(0, 40)
            .map((e) => { const s = getComputedStyle(e); return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })""")
    assert ratios and min(ratios) >= 1.3 - 1e-6  # computed styles carry float noise
