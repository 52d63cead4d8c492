"""The help pages: terms and sources (the glossary, kept as data) and how scoring works,
both open without an account and linked from every page's footer."""

from __future__ import annotations

import re

import pytest

from drafter.help.glossary import GlossaryError, glossary, glossary_path, parse_glossary, source
from drafter.scoring import list_checklists, load_checklist


def test_both_pages_are_open_to_anyone_and_linked_from_every_footer(anonymous, client):
    for url, heading in (("/help/glossary", "Terms and sources"),
                         ("/help/scoring", "How scoring works")):
        response = anonymous.get(url)
        assert response.status_code == 200
        assert f"<h1>{heading}</h1>" in response.get_data(as_text=True)
    for page in (anonymous.get("/login"), client.get("/")):
        footer = page.get_data(as_text=True).split('class="site-footer"')[1]
        assert 'href="/help/glossary"' in footer and 'href="/help/scoring"' in footer


def test_every_source_a_checklist_names_is_explained(anonymous):
    named = {key for info in list_checklists() for criterion in load_checklist(info.path).criteria
             for key in criterion.sources}
    assert {"GS", "CG", "OEF", "WANEP", "Nepal 2011", "SiLNAP I"} <= named
    unexplained = sorted(key for key in named if source(key) is None)
    assert unexplained == [], "add these to data/glossary.yaml"
    page = anonymous.get("/help/glossary").get_data(as_text=True)
    for key in ("GS", "CG", "OEF", "WANEP"):
        entry = source(key)
        assert f'<dt id="{entry.anchor}"><strong class="source-key">{key}</strong>' in page
        assert entry.text[:40].replace("'", "&#39;") in page
    assert "Also written: Nepal 2011, Nepal 2022." in page
    assert source("Nepal 2011") == source("Nepal")


def test_the_glossary_explains_the_words_of_the_checklists(anonymous):
    page = anonymous.get("/help/glossary").get_data(as_text=True)
    for term in ("National Action Plan (NAP)", "Medium-term expenditure framework (MTEF)",
                 "Gender-responsive budgeting and gender budget tagging",
                 "CEDAW and General Recommendation 30", "Baseline and target",
                 "Basis: good practice (several sources)"):
        assert term in page, term


@pytest.mark.parametrize("change, problem", [
    (lambda text: text.replace("  - key: OEF\n", "  - key: GS\n"), "source key used twice: GS"),
    (lambda text: text.replace("    also: [Nepal 2011, Nepal 2022]",
                               "    also: [Nepal 2011, GS]"), "source key used twice: GS"),
    (lambda text: text.replace("  - id: smart\n", "  - id: smart\n    colour: red\n"),
     "colour"),
    (lambda text: text.replace("  - key: WANEP\n", "  - name_only: WANEP\n"), "key"),
    (lambda text: text.replace("\nterms:\n", "\nterms: [\n"), "glossary.yaml"),
])
def test_a_broken_glossary_is_refused_with_a_message_saying_where(change, problem):
    text = glossary_path().read_text(encoding="utf-8")
    assert parse_glossary(text) == glossary()  # the file as shipped is valid
    with pytest.raises(GlossaryError) as raised:
        parse_glossary(change(text), str(glossary_path()))
    assert problem in str(raised.value)


def test_how_scoring_works_gives_each_checklist_s_own_figures(anonymous):
    page = anonymous.get("/help/scoring").get_data(as_text=True)
    for info in list_checklists():
        checklist = load_checklist(info.path)
        row = re.search(rf"<td[^>]*>{re.escape(checklist.name)}</td><td[^>]*>(\d+)%</td>"
                        rf"<td[^>]*>(\d+)%</td>", page)
        assert row, checklist.name
        assert (int(row.group(1)), int(row.group(2))) == (
            round(100 * checklist.thresholds.met), round(100 * checklist.thresholds.partly_met))
        critical = sum(criterion.critical for criterion in checklist.criteria)
        assert f"{len(checklist.criteria)} criteria, {critical} of them critical" in page
    csag = page[page.index('id="checklist-csag-2012"'):]
    csag = csag[:csag.index("</table>")]
    shares = [int(share) for share in re.findall(r">(\d+)%</td></tr>", csag)]
    assert len(shares) == 11 and abs(sum(shares) - 100) <= 5
    for words in ("Critical criteria", "not the average of the areas",
                  "What the score says, and what it does not", "it never changes the score"):
        assert words in page, words
