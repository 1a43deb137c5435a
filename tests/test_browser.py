"""What readers get, checked in a real headless Chromium: privacy, language switching, the root,
search in the reader's language, accessibility (axe-core), keyboard use, weight and print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from browser_support import CHROMIUM_ARGS, chromium_path, first_visit, free_port, serve
from conftest import DOCUMENTS, LANGUAGES, ROOT, SAMPLE, SITE_URL, assemble, run_build
from policy_site.languages import native_name

# One page of each kind, as its address inside a language.
KINDS = {
    "home": "",
    "document": "privacy/",
    "version": "privacy/2017-06-21/",
    "comparison": "privacy/2027-01-01/changes/",
    "history": "privacy/history/",
    "subscribe": "subscribe/",
    "status": "translations/",
}


@pytest.fixture(scope="session")
def host(tmp_path_factory):
    """The site built for, and served on, a port of this machine (so every link is local)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    project = assemble(tmp_path_factory.mktemp("browser") / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace(f"site_url: {SITE_URL}", f"site_url: {base}"), encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    server = serve(site, port)
    SERVERS[base] = server
    yield base, site
    server.shutdown()


SERVERS = {}  # base address -> its server


@pytest.fixture(params=["with headers", "without headers"])
def headers(host, request):
    """Each test that takes it runs twice: as Netlify or nginx serve the site, with the generated
    headers, and as GitHub Pages or S3 do, without them (the <meta> policy alone)."""
    handler = SERVERS[host[0]].host_handler
    sent = handler.headers_to_send
    if request.param == "without headers":
        handler.headers_to_send = {}
    yield request.param
    handler.headers_to_send = sent


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    # axe-core is injected into the page as an inline script: only its test bypasses the CSP
    context = browser.new_context(bypass_csp="axe" in request.node.name)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


def search(page, words: str) -> list[str]:
    """Type into the theme's search box; return the addresses of the results."""
    box = "input[data-md-component=search-query]"
    page.click(box)
    page.fill(box, words)
    page.keyboard.press("End")  # the theme reacts to key events
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(l => l.href)")


def tab_to(page, condition: str, presses: int = 80) -> None:
    """Press Tab until `condition` (JavaScript, about document.activeElement) holds."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {condition}"):
            return
    pytest.fail(f"not reachable with Tab: {condition}")


def visit(page, url: str) -> list[str]:
    """Open a page; return every URL the browser requested meanwhile."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="networkidle")
    return requested


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_request_leaves_the_site_on_any_kind_of_page(host, headers, page, language):
    base, _ = host
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    for path in [*KINDS.values(), "no-such-page/"]:
        page.goto(f"{base}{language}/{path}", wait_until="networkidle")
    # search, then switch language
    page.goto(f"{base}{language}/privacy/", wait_until="networkidle")
    search(page, "Lettermoss")
    other = "de" if language != "de" else "fr"
    page.goto(page.get_attribute(f".md-select__link[hreflang={other}]", "href"), wait_until="networkidle")
    outside = sorted({url for url in requested if not url.startswith(base)})
    assert outside == []
    assert violations == []


INJECT = """() => { const script = document.createElement("script");
    script.textContent = "window.injected = true"; document.head.appendChild(script);
    return window.injected === true; }"""


@pytest.mark.parametrize("kind", KINDS)
def test_an_inline_script_no_template_emits_never_runs(host, headers, page, kind):
    base, _ = host
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    response = page.goto(f"{base}en/{KINDS[kind]}", wait_until="networkidle")
    assert ("content-security-policy" in response.headers) is (headers == "with headers")
    assert page.evaluate("() => document.querySelector('meta[http-equiv=Content-Security-Policy]') !== null")
    assert page.evaluate(INJECT) is False
    assert any("script-src" in text for text in violations), violations


@pytest.mark.parametrize("kind", KINDS)
def test_language_switching_keeps_the_reader_on_the_same_page(host, page, kind):
    base, _ = host
    page.goto(f"{base}en/{KINDS[kind]}", wait_until="domcontentloaded")
    names = page.eval_on_selector_all(".md-select__link", "links => links.map(l => l.textContent.trim())")
    assert names == [native_name(code) for code in LANGUAGES]
    for code in ("fr", "ru", "tr"):
        page.goto(page.get_attribute(f".md-select__link[hreflang={code}]", "href"), wait_until="domcontentloaded")
        assert page.url == f"{base}{code}/{KINDS[kind]}"
        assert page.get_attribute("html", "lang") == code
        page.goto(f"{base}en/{KINDS[kind]}", wait_until="domcontentloaded")


@pytest.mark.parametrize("address, lang", [("ru/no-such-page/", "ru"), ("tr/privacy/1999-01-01/", "tr"),
                                           ("no-such-page/", None)])
def test_an_unknown_address_gets_the_404_page_of_its_language(host, page, address, lang):
    base, _ = host
    response = page.goto(base + address, wait_until="networkidle")
    assert response.status == 404
    if lang:
        assert page.get_attribute("html", "lang") == lang
        assert page.get_attribute("article a", "href") == f"{base}{lang}/"
    else:  # outside every language: the page in all ten
        assert len(page.query_selector_all("ul.languages li")) == len(LANGUAGES)


@pytest.mark.parametrize("preferred, expected", [
    ("fr-FR", "fr"), ("pt-BR", "pt"), ("ru", "ru"), ("tr-TR", "tr"), ("ja-JP", "en"),
])
def test_the_root_sends_a_browser_to_its_language(host, browser, preferred, expected):
    base, _ = host
    context = browser.new_context(locale=preferred)
    page = context.new_page()
    page.goto(base)
    page.wait_for_url(f"{base}{expected}/")
    assert page.get_attribute("html", "lang") == expected
    context.close()


def test_without_javascript_the_root_lists_the_languages(host, browser):
    base, _ = host
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(base)
    assert page.url == base
    links = page.eval_on_selector_all("ul.languages a", "links => links.map(l => l.getAttribute('href'))")
    assert links == [f"{code}/" for code in LANGUAGES]
    context.close()


# lunr's rules for Russian drop Latin letters, so its index adds English's (multi) for names
LUNR_FILES = {
    "ru": ["lunr.multi.min.js", "lunr.ru.min.js", "lunr.stemmer.support.min.js"],
    "tr": ["lunr.stemmer.support.min.js", "lunr.tr.min.js"],
    "fr": ["lunr.fr.min.js", "lunr.stemmer.support.min.js"],
}


@pytest.mark.parametrize("language, words", [("ru", "резервные"), ("tr", "yedeklerini"), ("fr", "sauvegarde")])
def test_search_downloads_and_finds_only_the_readers_language(host, page, language, words):
    base, _ = host
    requested = visit(page, f"{base}{language}/privacy/")
    results = search(page, words)
    assert results and all(url.startswith(f"{base}{language}/") for url in results)
    indexes = [url for url in requested if "search_index" in url]
    assert indexes == [f"{base}{language}/search/search_index.json"]
    lunr = sorted(url.rsplit("/", 1)[1] for url in requested if "/lunr/" in url)
    assert lunr == LUNR_FILES[language]


# The text has "резервные копии" (backups, nominative); the reader types another case, which is
# not a prefix of it. Likewise in English, French, German and Turkish. A half-typed word still
# finds the words it begins.
@pytest.mark.parametrize("language, typed, in_text", [
    ("ru", "резервными копиями", "резервные"),
    ("ru", "удалёнными", "удалённых"),
    ("en", "backup", "backups"),
    ("en", "deleting", "deletion"),
    ("fr", "sauvegardées", "sauvegarde"),
    ("de", "gelöschte", "gelöschter"),
    ("tr", "yedekleri", "yedeklerini"),
    ("ru", "резерв", "резервные"),
    ("en", "backu", "backups"),
])
def test_search_finds_other_forms_of_a_word_in_the_readers_language(host, page, language, typed, in_text):
    base, _ = host
    page.goto(f"{base}{language}/privacy/", wait_until="networkidle")
    results = search(page, typed)
    assert results and all(url.startswith(f"{base}{language}/") for url in results)
    marked = page.eval_on_selector_all(".md-search-result mark", "marks => marks.map(m => m.innerText)")
    assert in_text in marked


@pytest.fixture(scope="session")
def lagging_host(lagging_site):
    """The lagging fixture (every translation of the first document shows its new English text)
    served on a port of this machine."""
    port = free_port()
    server = serve(lagging_site, port)
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()


# In the lagging site, the French page of the first document shows the English text of its new
# version. "deleting" finds its "deletion" only by English's rules (French's leave "deleting"
# whole); the French texts of its earlier versions are still found by French's rules.
def test_a_text_shown_in_english_is_searched_by_the_rules_of_english(lagging_host, page):
    document = f"{lagging_host}fr/{DOCUMENTS[0]}/"
    page.goto(document, wait_until="networkidle")
    assert page.eval_on_selector("article h1", "h => h.closest('[lang]').lang") == "en"  # the text shown is English
    results = search(page, "deleting")
    assert document in results and all(url.startswith(f"{lagging_host}fr/") for url in results)
    assert "deletion" in page.eval_on_selector_all(".md-search-result mark", "marks => marks.map(m => m.innerText)")
    page.goto(document, wait_until="networkidle")
    results = search(page, "sauvegardées")
    older = [url for url in results if url.startswith(document) and url != document and "#" not in url]
    assert older, results  # earlier versions, in French
    assert "sauvegarde" in page.eval_on_selector_all(".md-search-result mark", "marks => marks.map(m => m.innerText)")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_search_leads_to_the_text_in_force_first(host, page, language):
    base, _ = host
    page.goto(f"{base}{language}/terms/", wait_until="networkidle")
    results = search(page, "Lettermoss")
    assert results[0] in (f"{base}{language}/", f"{base}{language}/privacy/", f"{base}{language}/terms/")
    assert not any("/changes/" in url for url in results)
    assert not any("/privacy/2024-09-01/" in url for url in results)  # the text of privacy/, once
    older = page.inner_text(f".md-search-result__link[href='{base}{language}/privacy/2017-06-21/'] h1")
    assert older.startswith(page.inner_text(f".md-search-result__link[href='{base}{language}/privacy/'] h1") + " – ")


def test_a_result_names_a_missing_word_as_the_reader_typed_it(host, page):
    base, _ = host
    page.goto(f"{base}en/privacy/", wait_until="networkidle")
    search(page, "deleted documents")
    missing = page.eval_on_selector_all(".md-search-result__terms", "lines => lines.map(l => l.innerText)")
    assert "Missing: deleted" in missing
    assert not any("delet " in line or line.endswith("delet") for line in missing)


def test_a_first_visit_to_a_policy_page_is_light(host, page):
    base, _ = host
    transferred = first_visit(page, f"{base}fr/privacy/")
    names = [url.rsplit("/", 1)[1] for url, _ in transferred]
    assert "lunr.fr.min.js" in names and "search_index.json" in names  # counted with search ready
    total = sum(size for _, size in transferred)
    assert total <= 150_000, f"{total} bytes transferred"


def test_printing_gives_the_text_version_date_and_address_without_chrome(host, page):
    base, _ = host
    page.goto(f"{base}de/privacy/2017-06-21/", wait_until="networkidle")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    printed = page.inner_text("article")
    assert "21. Juni 2017" in printed
    assert f"{base}de/privacy/2017-06-21/" in printed
    assert "Datenschutzerklärung" in printed


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on the open page."""
    assert AXE.is_file(), "run `npm ci` (scripts/test does it)"
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in result["violations"]]


@pytest.mark.parametrize("language", ["en", "ru", "tr"])
@pytest.mark.parametrize("kind", [*KINDS, "404"])
def test_axe_finds_no_wcag_a_or_aa_violation(host, page, language, kind):
    base, _ = host
    url = f"{base}{language}/no-such-page/" if kind == "404" else f"{base}{language}/{KINDS[kind]}"
    page.goto(url, wait_until="networkidle")
    assert axe_violations(page) == []


def test_the_language_switcher_works_with_the_keyboard(host, page):
    base, _ = host
    page.goto(f"{base}en/privacy/", wait_until="networkidle")
    tab_to(page, "document.activeElement.matches('.md-select__link[hreflang=sv]')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}sv/privacy/")


def test_comparison_change_links_work_with_the_keyboard(host, page):
    base, _ = host
    page.goto(f"{base}fr/privacy/2027-01-01/changes/", wait_until="networkidle")
    tab_to(page, "document.activeElement.getAttribute('href') === '#change-2'")
    page.keyboard.press("Enter")
    assert page.url.endswith("#change-2")
    label = page.inner_text("#change-2")
    assert label == "Modification 2"
    hidden = page.eval_on_selector("del .visually-hidden", "e => [getComputedStyle(e).display, e.textContent]")
    assert hidden[0] != "none" and hidden[1].startswith("Supprimé")


def test_any_two_versions_can_be_compared_in_the_browser(host, page):
    base, _ = host
    page.goto(f"{base}en/privacy/history/", wait_until="networkidle")
    page.select_option("#compare-from", index=2)  # 2017-06-21
    page.select_option("#compare-to", index=0)  # 2027-01-01
    page.click("#compare-versions button[type=submit]")
    page.wait_for_selector("#compare-versions-result .change-block")
    status = page.inner_text("#compare-versions-result [role=status]")
    assert status == "Number of changes: 8"
    inserted = page.eval_on_selector_all("#compare-versions-result ins", "nodes => nodes.map(n => n.textContent)")
    assert any("30" in text for text in inserted)


def test_the_search_dialog_has_a_name_in_the_readers_language(host, page):
    base, _ = host
    page.goto(f"{base}tr/privacy/", wait_until="domcontentloaded")
    assert page.get_attribute(".md-search[role=dialog]", "aria-label") == "Arama"


def test_the_history_works_with_the_keyboard(host, page):
    base, _ = host
    page.goto(f"{base}ru/privacy/history/", wait_until="networkidle")
    tab_to(page, "(document.activeElement.getAttribute('href') || '').endsWith('2024-09-01/changes/')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}ru/privacy/2024-09-01/changes/")
    page.goto(f"{base}ru/privacy/history/", wait_until="networkidle")
    page.focus("#compare-from")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "compare-to"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#compare-versions-result [role=status]")


def test_axe_finds_no_wcag_a_or_aa_violation_on_the_root(host, page):
    base, _ = host
    page.route("**/language-choice.js", lambda route: route.abort())  # stay on the language list
    page.goto(base, wait_until="networkidle")
    assert page.url == base
    assert axe_violations(page) == []
