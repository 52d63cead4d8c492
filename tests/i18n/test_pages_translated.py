"""Every page, in every language, has no English sentence left.

Each page of the access table's URL list is fetched as the plan's owner in English and in
each language; any sentence of the English page (a text, or a label read by a screen
reader: aria-label, title, placeholder, alt) that appears unchanged on the translated
page was left untranslated. Names people typed (the plan's title, a team's name) are
short and the same in every language; a sentence has at least three words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from test_access import EXPECTED, OWNER, url_for_rule, world  # noqa: F401 (a fixture)

from drafter import db
from drafter.i18n import LANGUAGES, SOURCE_LANGUAGE, direction
from drafter.plan.store import PlanStore

TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
READ_ALOUD = ("aria-label", "title", "placeholder", "alt")
WORD = re.compile(r"[A-Za-z][a-z]+")
# Pages that are not pages: files, JSON, the static folder.
NOT_PAGES = {"static", "ops.health", "ops.favicon", "wizard.export", "reports.draft_pdf",
             "reports.gap_report_pdf", "reports.draft_docx", "workshops.summary_pdf",
             "workshops.debrief_zip", "workshops.dashboard"}


class Sentences(HTMLParser):
    """The texts a reader sees or hears on a page, and its <html> attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.root: dict[str, str] = {}
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.root = {key: value or "" for key, value in values.items()}
        if tag in ("script", "style"):
            self._skip += 1
        self.found += [values[name] for name in READ_ALOUD if values.get(name)]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.found.append(" ".join(data.split()))


def read(html: str) -> Sentences:
    parser = Sentences()
    parser.feed(html)
    return parser


def sentences(found: list[str], typed: set[str]) -> set[str]:
    """The texts of three words or more that are not what people typed: the plan's own
    content (its default pillars are named in its creator's language), addresses, and
    the product's name after a page's title."""
    kept = set()
    for text in found:
        text = text.removesuffix(" – NAP Drafter")
        if "@" not in text and text not in typed and len(WORD.findall(text)) >= 3:
            kept.add(text)
    return kept


def strings_in(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return set().union(*map(strings_in, value)) if value else set()
    return set()


def pages(app, world) -> list[tuple[str, str]]:  # noqa: F811 (the fixture's value)
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_PAGES or "GET" not in rule.methods:
            continue
        if OWNER in EXPECTED[rule.endpoint].get("GET", ()):
            found.append((rule.endpoint, url_for_rule(app, rule, world)))
    return sorted(found)


def fetch(client, url: str, language: str) -> str | None:
    client.set_cookie("drafter_language", language)
    response = client.get(url)
    if response.status_code != 200 or response.mimetype != "text/html":
        return None
    return response.get_data(as_text=True)


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_sentence_is_left_on_any_page(app, world, language):  # noqa: F811
    client = world["clients"][OWNER]
    with app.app_context():
        typed = strings_in(PlanStore(db.session()).load(world["plan_id"])
                           .document.model_dump(mode="json"))
    left: dict[str, set[str]] = {}
    seen = 0
    for endpoint, url in pages(app, world):
        english = fetch(client, url, SOURCE_LANGUAGE)
        translated = fetch(client, url, language)
        if english is None or translated is None:
            continue
        seen += 1
        page = read(translated)
        if page.root:  # a whole page, not a fragment a page fetches (the teams table)
            assert page.root.get("lang") == language and \
                page.root.get("dir") == direction(language), url
        same = sentences(read(english).found, typed) & sentences(page.found, typed)
        if same:
            left[f"{endpoint} {url}"] = same
    assert seen >= 30, f"only {seen} pages were read"
    assert not left, "\n".join(f"{page}: {sorted(texts)[:5]}" for page, texts in left.items())
