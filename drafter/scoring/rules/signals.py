"""Signals: what a reviewer skimming a text looks for, found by plain patterns.

figures, years, percentages, money, figures with their years, dates, how often (a
frequency), named places, affected groups, named institutions, named laws or policies,
an "if ... then" chain, a reason ("because", "so that"), and links to the plan's own
objectives and pillars. Each finder takes a `prose.Text` (read once: its folded form,
words, sentences, numbers and runs of capitalised words) and returns what it found, in
the words of the text, so that evidence can show it ("places: Eastern Plains, Lakes").

Places and links to objectives depend on the plan (its regions, capital, consultation
places, objectives and codes): the `prose.Lexicon`, built once per plan when first needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ...plan import vocab
from ..i18n import _
from ..i18n import label as vocab_label
from .words import PUNCTUATION, content_words, find_terms, first_term, fold

# --- Numbers -------------------------------------------------------------------------

NUMBER = re.compile(r"\d[\d,./]*")
# Words after which a number names something rather than counts it: resolution 1325,
# Law No. 9/2019, SDG 5.5, article 24, paragraphs 81 and 83, actions 2.1.1 and 3.1.3.
REFERENCE_WORDS = frozenset("""resolution resolutions res no nos number article art articles
paragraph paragraphs para paras goal goals sdg sdgs gr recommendation chapter chapters
section sections annex annexes action actions objective objectives pillar pillars outcome
outcomes output outputs indicator indicators table tables figure figures page pages p vote
programme law decree decision act""".split())
LAW_REFERENCES = frozenset({"resolution", "resolutions", "no", "nos", "law", "decree",
                            "decision", "act", "sdg", "gr", "recommendation"})
CURRENCY_CODES = frozenset(code for code, _label in vocab.CURRENCIES.pairs)
CURRENCY_SYMBOLS = "$€£¥₦₹"
CURRENCY_WORDS = frozenset("""dollar dollars euro euros pound pounds franc francs shilling
shillings naira cedi cedis rupee rupees peso pesos dinar dinars birr rand kwacha leone leones
dalasi yen won krona kronor kroner""".split())
SCALE_WORDS = frozenset({"million", "billion", "m", "bn", "thousand"})
NUMBER_WORDS = frozenset("""two three four five six seven eight nine ten eleven twelve fifteen
twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
million millions billion billions dozen dozens half thirds quarters""".split())


class Number(NamedTuple):
    token: str
    sentence: int       # index of the sentence it is in
    kind: str           # "year", "figure", "code" or "reference"
    percent: bool
    money: bool
    law: str | None     # "resolution 1325", "No. 9/2019": a reference to a text


def _word_before(text: str, start: int, back: int = 1, raw: bool = False) -> str:
    before = text[max(0, start - 40):start].split()
    if len(before) < back:
        return ""
    word = before[-back].strip(PUNCTUATION)
    return word if raw else word.lower()


def _word_after(text: str, end: int) -> str:
    after = text[end:end + 30].split()
    return after[0].strip(PUNCTUATION) if after else ""


def scan_numbers(text: str, breaks: list[int]) -> list[Number]:
    """Every number of `text`, classified once for all the numeric signals."""
    found: list[Number] = []
    sentence = 0
    chained_until = -1  # a list of references ("actions 2.1.1, 3.1.3 and 4.2.1") goes on
    for match in NUMBER.finditer(text):
        start, token = match.start(), match.group().rstrip(".,/")
        end = start + len(token)
        if start and (text[start - 1].isalpha() or text[start - 1] in "_-"):
            continue  # part of a word or a code ("GR30", "A-3")
        while sentence < len(breaks) and breaks[sentence] <= start:
            sentence += 1
        raw_before = _word_before(text, start, raw=True)
        before = raw_before.lower()
        following = text[end:end + 10].lstrip()
        percent = following.startswith("%") or (
            following[:1] in "pP" and following.lower().startswith(("per cent", "percent")))
        after = _word_after(text, end)
        # Currency codes count only in capitals: "ALL", "TOP" and "TRY" are codes too.
        money = raw_before in CURRENCY_CODES \
            or (start and text[start - 1] in CURRENCY_SYMBOLS) \
            or (start > 1 and text[start - 2] in CURRENCY_SYMBOLS) \
            or after in CURRENCY_CODES or after.lower() in CURRENCY_WORDS \
            or (after.lower() in SCALE_WORDS
                and (_word_after(text, end + 1 + len(after)) in CURRENCY_CODES
                     or _word_after(text, end + 1 + len(after)).lower() in CURRENCY_WORDS))
        law = None
        if before in REFERENCE_WORDS or start <= chained_until:
            kind = "reference"
            if before in LAW_REFERENCES:
                law = f"{text[max(0, start - 40):start].split()[-1]} {token}"
            chained_until = end + 6
        elif token.count(".") >= 2:
            kind = "code"
        elif len(token) == 4 and token.isdigit() and 1950 <= int(token) <= 2100 and not percent:
            kind = "year"
        else:
            kind = "figure"
        found.append(Number(token, sentence, kind, percent, money, law))
    return found


# --- Runs of capitalised words -----------------------------------------------------

RUN = re.compile(r"[A-Z][\w'’&-]*(?:\s+(?:(?:of|for|on|and|the|de|du|des|la|le)\s+)*"
                 r"(?:No\.|[A-Z][\w'’&-]*))*")
INSTITUTION_WORDS = frozenset("""Ministry Ministries Committee Commission Council Parliament
Assembly Senate Cabinet Agency Office Bureau Directorate Department Secretariat Police Court
Tribunal University Network Fund Unit Authority Service Institute Institution Forum Caucus
Federation Association Coalition Ombudsman Ombudsperson Army Forces Board Centre Center
Academy College Platform Mission Commissioner Registry UNDP UNHCR UNICEF UNFPA IOM
OHCHR""".split())
BARE_INSTITUTIONS = frozenset({"Parliament", "Cabinet", "Senate", "Police", "Army", "UNDP",
                               "UNHCR", "UNICEF", "UNFPA", "IOM", "OHCHR"})
LAW_WORDS = frozenset("""Law Laws Act Constitution Code Policy Strategy Plan Decree Convention
Accord Agreement Protocol Framework Bill Ordinance Regulation Regulations Charter Declaration
Agenda Directive Statute CEDAW""".split())
BARE_LAWS = frozenset({"Constitution", "CEDAW"})
SELF_REFERENCE = re.compile(r"^(?:national\s+)?(?:action\s+)?plan$", re.IGNORECASE)
LEADING = frozenset("""The A An This That Each Every Our Its All In Of Under With By For From
At To On If When Where While Since And But Its""".split())
PREPOSITION_ENDINGS = tuple(f" {word}" for word in (
    "in", "at", "from", "across", "around", "near", "throughout", "to", "into", "between"))
MONTHS = frozenset("""January February March April May June July August September October
November December""".split())
NOT_PLACE_FIRST = MONTHS | frozenset("""The General Article Resolution Women Men Girls Boys
Annex Chapter Pillar Objective Action Goal Phase Part English French Arabic Spanish
Portuguese UN""".split())


class Run(NamedTuple):
    start: int
    words: tuple[str, ...]


def scan_runs(text: str) -> list[Run]:
    runs = []
    for match in RUN.finditer(text):
        found = match.group().split()
        while found and found[0] in LEADING:
            found.pop(0)
        while found and found[-1].islower():
            found.pop()
        if found:
            runs.append(Run(match.start(), tuple(word.rstrip(".,") for word in found)))
    return runs


def _institutions(text) -> list[str]:
    names = []
    for run in text.runs:
        keywords = INSTITUTION_WORDS.intersection(
            word.removesuffix("'s").removesuffix("’s") for word in run.words)
        if keywords and (len(run.words) > 1 or run.words[0] in BARE_INSTITUTIONS):
            names.append(" ".join(run.words))
    if "un women" in text.folded:
        names.append("UN Women")
    return list(dict.fromkeys(names))


def _laws(text) -> list[str]:
    names = []
    for run in text.runs:
        if LAW_WORDS.intersection(run.words) and (len(run.words) > 1 or run.words[0] in BARE_LAWS):
            name = " ".join(run.words)
            if not SELF_REFERENCE.match(name):
                names.append(name)
    names += [number.law for number in text.numbers if number.law]
    return list(dict.fromkeys(names))


def _after_preposition(text: str, start: int) -> bool:
    """Whether a run of capitalised words follows "in", "at", "from" (with or without
    "the"): "in the Eastern Plains", "from Port Lumen"."""
    before = text[max(0, start - 20):start].lower().rstrip()
    before = before.removesuffix(" the")
    return before.endswith(PREPOSITION_ENDINGS)


def _places(text) -> list[str]:
    lexicon = text.lexicon()
    found = []
    for run in text.runs:
        for index, word in enumerate(run.words):
            for name in lexicon.places.get(word, ()):
                rest = " ".join(run.words[index:])
                if rest == name or rest.startswith(name + " "):
                    found.append(name)
        first = run.words[0]
        if first not in NOT_PLACE_FIRST and not first.isupper() \
                and _after_preposition(text.text, run.start) \
                and not INSTITUTION_WORDS.intersection(run.words) \
                and not LAW_WORDS.intersection(run.words) \
                and " ".join(run.words).casefold() not in lexicon.not_places:
            found.append(" ".join(run.words))
    found += _directions(text.folded)
    return list(dict.fromkeys(found))


SIDES = ("north", "south", "east", "west", "central", "border")
AREAS = ("region", "province", "district", "count", "border", "area", "part", "communit",
         "town", "village")


def _directions(folded: str) -> list[str]:
    """Places named by their side of the country ("the northern region", "border
    districts") and camps: places without a proper name."""
    found = []
    for side in SIDES:
        start = folded.find(side)
        while start != -1:
            if start == 0 or not folded[start - 1].isalpha():
                following = folded[start:start + 40].split()
                if len(following) > 1 and following[1].startswith(AREAS):
                    found.append(f"{following[0]} {following[1]}".strip(PUNCTUATION))
            start = folded.find(side, start + 1)
    if "camps" in folded:
        found.append("camps")
    return found


# --- Groups -----------------------------------------------------------------------

# Groups a reviewer looks for, by the words plans use for them: first the plan's own
# vocabulary of groups, then a few groups it has no box for. Each term matches at the
# start of a word ("displace" finds "displaced" and "displacement").
GROUP_TERMS: dict[str, tuple[str, ...]] = {
    "womens_organisations": ("women's organi", "womens organi", "women's group",
                             "women's association", "women's network", "women's movement",
                             "women's rights organi", "civil society", "civil-society", "ngo",
                             "community-based organi"),
    "rural_women": ("rural",),
    "displaced_women": ("displace", "refugee", "idp", "returnee", "asylum"),
    "conflict_affected_women": ("conflict-affected", "war-affected", "affected by conflict",
                                "affected by the conflict", "affected by war",
                                "affected by violence", "affected by fighting",
                                "victims of conflict", "victims of the conflict",
                                "victims of war"),
    "survivors": ("survivor",),
    "youth": ("youth", "young women", "young men", "young people", "adolescen"),
    "women_with_disabilities": ("disabilit", "disabled"),
    "minority_women": ("minorit", "indigenous", "ethnic group", "ethnic communit",
                       "ethnic women", "tribal"),
    "human_rights_defenders": ("defenders", "human rights defender", "activists"),
    "women_veterans": ("veteran", "ex-combatant", "former combatant", "combatants"),
    "faith_traditional_leaders": ("religious leader", "faith leader", "traditional leader",
                                  "customary leader", "chiefs", "elders"),
    "men_and_boys": ("men and boys", "boys and men"),
    "widows": ("widow", "female-headed", "women-headed", "woman-headed"),
    "migrants": ("migrant", "trafficked", "victims of trafficking"),
    "lgbti": ("lgbt", "sexual minorit"),
    "older_women": ("older women", "older people", "older persons", "elderly"),
}
EXTRA_GROUPS = {"widows": "widows and women heading households",
                "migrants": "migrants and trafficked people", "lgbti": "LGBTI people",
                "older_women": "older people"}


def group_label(key: str) -> str:
    if key in EXTRA_GROUPS:
        return _(EXTRA_GROUPS[key])
    return vocab_label(vocab.GROUPS, key).lower()


def group_keys(folded: str) -> list[str]:
    """The groups a folded text names, as keys of `GROUP_TERMS` (the plan's own
    vocabulary of groups first)."""
    return [key for key, terms in GROUP_TERMS.items() if first_term(folded, terms)]


def _groups(text) -> list[str]:
    return [group_label(key) for key in group_keys(text.folded)]


# --- Structure: chains of reasons, links to the plan ------------------------------

CAUSAL_TERMS = ("because", "so that", "therefore", "as a result", "thereby", "in turn",
                "leads to", "lead to", "led to", "results in", "result in", "contributes to",
                "contribute to", "in order to", "which will", "which would")
FREQUENCY_TERMS = (
    "every year", "each year", "every quarter", "each quarter", "every month", "each month",
    "every week", "every two years", "every three years", "every six months", "twice a year",
    "once a year", "per year", "annual", "annually", "yearly", "quarterly",
    "monthly", "weekly", "biannual", "bi-annual", "semi-annual", "biennial", "regularly",
    "each session", "every session", "each budget cycle")
DATE_TERMS = ("first quarter", "second quarter", "third quarter", "fourth quarter",
              "by the end of", "by mid-")
WITHIN = re.compile(r"within (?:\d+|a|one|two|three|four|six|twelve) (?:days?|weeks?|months?|"
                    r"years?)")


def _conditional(text) -> list[str]:
    chains = []
    for sentence in text.sentences:
        folded = fold(sentence)
        start = folded.find("if ") if folded.startswith("if ") else folded.find(" if ")
        if start != -1 and (" then " in folded[start:] or ", then" in folded[start:]
                            or " will " in folded[start:]):
            chains.append(sentence[max(start, 0):][:60].strip())
    return chains


def _plan_links(text) -> list[str]:
    lexicon = text.lexicon()
    found = [number.token for number in text.numbers if number.token in lexicon.codes]
    found += [name for name in lexicon.pillar_names if name in text.folded]
    mine = content_words(text.words)
    found += [name for name, wanted in lexicon.objectives if len(mine & wanted) >= 2]
    return list(dict.fromkeys(found))


def _numbers(text, test: Callable[[Number], bool]) -> list[str]:
    return list(dict.fromkeys(number.token + ("%" if number.percent else "")
                              for number in text.numbers if test(number)))


def _figures(text) -> list[str]:
    found = _numbers(text, lambda number: number.kind == "figure"
                     and number.token not in ("0", "1"))
    return found + [word for word in dict.fromkeys(text.words) if word in NUMBER_WORDS]


def _dated_figures(text) -> list[str]:
    years: dict[int, str] = {}
    for number in text.numbers:
        if number.kind == "year":
            years.setdefault(number.sentence, number.token)
    return list(dict.fromkeys(
        f"{number.token}{'%' if number.percent else ''} ({years[number.sentence]})"
        for number in text.numbers if number.kind == "figure" and number.sentence in years
        and number.token not in ("0", "1")))


def _money(text) -> list[str]:
    return _numbers(text, lambda number: number.money)


def _years(text) -> list[str]:
    return _numbers(text, lambda number: number.kind == "year")


SIGNALS: dict[str, Callable] = {
    "years": _years,
    "figures": _figures,
    "percentages": lambda text: _numbers(text, lambda number: number.percent),
    "money": _money,
    "dated_figures": _dated_figures,
    "dates": lambda text: list(dict.fromkeys(
        _years(text) + [month for month in MONTHS if month in text.text]
        + find_terms(text.folded, DATE_TERMS) + WITHIN.findall(text.folded))),
    "frequencies": lambda text: find_terms(text.folded, FREQUENCY_TERMS)
    + WITHIN.findall(text.folded),
    "places": _places,
    "groups": _groups,
    "institutions": _institutions,
    "laws": _laws,
    "conditional": _conditional,
    "causal": lambda text: find_terms(text.folded, CAUSAL_TERMS),
    "plan_links": _plan_links,
}
