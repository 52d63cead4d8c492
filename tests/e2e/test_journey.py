"""A new user drafts a whole plan in the browser, section by section, and finds every
value on "Check your plan" and again after closing the browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from drafter.plan.schema import About, PlanDocument

pytestmark = pytest.mark.e2e


# --- small helpers -------------------------------------------------------------------

def field(page: Page, label: str):
    return page.get_by_label(label, exact=True)


def fill(page: Page, values: dict[str, str]) -> None:
    for label, value in values.items():
        field(page, label).fill(value)


def choose(page: Page, values: dict[str, str]) -> None:
    for label, option in values.items():
        field(page, label).select_option(label=option)


def tick(page: Page, *labels: str) -> None:
    for label in labels:
        field(page, label).check()


def answer(page_or_row, *questions: str, reply: str = "Yes") -> None:
    """Give `reply` (Yes, No or Not stated) to each question: a group of three radios
    named by the question (in a row, "<question>, row 1")."""
    for question in questions:
        group = page_or_row.get_by_role("group", name=re.compile(rf"^{re.escape(question)}(, |$)"))
        group.get_by_label(reply, exact=True).check()


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def save_and_continue(page: Page, next_title: str) -> None:
    page.get_by_role("button", name="Save and continue").click()
    heading(page, next_title)


def rows(page: Page, list_name: str):
    return page.locator(f"#{list_name} tbody tr[data-row]")


def add_row(page: Page, list_name: str):
    """Press the list's add button, "Add a member" say (the script clones the row
    template); the new row."""
    before = rows(page, list_name).count()
    page.locator(f"#{list_name} [data-add-row]").click()
    expect(rows(page, list_name)).to_have_count(before + 1)
    row = rows(page, list_name).nth(before)
    # The script moves focus to the new row's first input.
    expect(row.locator("input:not([type=hidden]), select, textarea").first).to_be_focused()
    return row


def cell(row, column: str):
    """The control of one column of a row (its hidden label is "<column>, new row")."""
    return row.get_by_label(re.compile(rf"^{re.escape(column)}, "))


# What each section's part of "Check your plan" must show after the journey.
EXPECTED: dict[str, list[str]] = {
    "about": ["Republic of Varesia", "National action plan",
              "Second National Action Plan of Varesia", "2026", "2030",
              "Ministry of Gender Equality",
              "Resolution 1325 (2000), Resolution 1820 (2008), Resolution 2242 (2015)",
              "Council of Ministers", "Cabinet decision No. 14/2026", "2026-03",
              "Prime Minister Alva Renn", "Port Alder",
              "Northern Highlands, Lakes District, Coastal Plain",
              "National Gender Policy 2024"],
    "context": ["Twenty years of conflict in the northern highlands",
                "Displaced women head most households in the camps",
                "One in three women reports insecurity at night", "2024",
                "Community peace programme run by three NGOs",
                "The penal code still lacks a definition of conflict-related sexual violence",
                # Answers as a reader says them, the one not given too.
                "broken down by sex\nYes", "acts at home (domestic dimension)\nYes",
                "peacekeeping\nNo"],
    "leadership": ["Ministry of Gender Equality, WPS Directorate", "Director for WPS",
                   "Two staff in the directorate", "Cabinet or council of ministers",
                   "National Steering Committee on WPS", "Every year", "Ministry of Defence",
                   "Defence", "Civil society or women's organisation", "Women's Peace Network",
                   "3", "Parliament's gender committee hears the annual report",
                   "The directorate reports to the cabinet each year",
                   "Police and army officers trained each year",
                   "Elections delay adoption", "Adopt before the election period"],
    "consultation": ["Inter-ministerial working group with civil society", "Justice",
                     "Workshops in every region, with interpretation",
                     "Comments were logged and answered in an annex", "2025-11-20",
                     "Port Alder", "Capital District", "40", "12",
                     "Highland Town", "Northern Highlands", "25", "5",
                     # Consultations counted by level, in aggregate.
                     "District or municipal", "52", "3,100", "1,900", "All five regions",
                     "Rural women, Young women and youth"],
    "pillars": ["Women and girls in Varesia live free of violence and lead peace",
                "If women lead local peace committees",
                "1.1", "Participation", "Women lead local peace committees",
                "A third of committee members are women by 2030"],
    "actions": ["1.1.1", "Train women mediators", "Ministry of Interior", "2027-12-31"],
    "indicators": ["I-1", "Number of women mediators trained", "12", "40"],
    "budget": ["EUR", "Gender-responsive budgeting", "Budget calls go out in June",
               "A gap of 150,000 is sought from donors", "Approach two donors in 2026",
               "Mediator training", "250,000", "100,000", "Ministry of Finance"],
    "monitoring": ["Monitoring group of the steering committee", "4", "Twice a year",
                   "Parliament", "The public", "A results matrix filled by each ministry",
                   "Mid-term review", "Planned", "2028", "Final evaluation", "2031",
                   "National Audit Office", "Findings shape the third plan"],
    "localisation": ["Northern Highlands and Lakes District will adopt local plans",
                     "Provincial gender committees", "Varesian, English",
                     "Radio programmes in every province", "2026-04-15"],
    "regional": ["EU Action Plan on WPS", "Reports to the regional WPS forum each year",
                 "Republic of Norland", "Peer review", "2025",
                 "Exchange of focal points every year"],
    "review": ["The first plan had no budget", "A mid-term review in 2028 revises the plan",
               "A new Security Council resolution or a crisis",
               ],
}
REMOVED = ["Ministry of Tourism", "Fund a mediation network", "1.1.2"]


# --- the journey -------------------------------------------------------------------

NEW_USER = ("Fatima Drafter", "fatima@gender.example", "a long password for fatima")


def sign_up(page: Page, base_url: str) -> None:
    """A new official: log the fixture's account out, then create one's own."""
    page.goto(base_url + "/")
    page.get_by_role("button", name="Log out").click()
    heading(page, "Log in")
    page.get_by_role("link", name="Create an account").click()
    name, email, password = NEW_USER
    fill(page, {"Your name": name, "E-mail address": email, "Password": password})
    page.get_by_role("button", name="Create the account").click()
    # Then log in, as after any sign-up (the address is filled in already).
    heading(page, "Log in")
    expect(page.get_by_label("E-mail address")).to_have_value(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def start_plan(page: Page, base_url: str) -> None:
    sign_up(page, base_url)
    heading(page, "Your plans")
    page.get_by_role("link", name="Start a new plan").click()
    heading(page, "Start a new plan")
    fill(page, {"Country or organisation": "Republic of Varesia",
                "Working title of the plan (optional)": "Second National Action Plan of Varesia"})
    choose(page, {"Type of plan": "National action plan"})
    page.get_by_role("button", name="Start the plan").click()
    heading(page, "Second National Action Plan of Varesia")
    expect(page.get_by_role("status")).to_contain_text("Your plan is started")


def fill_about(page: Page) -> None:
    page.get_by_role("link", name="About the plan").click()
    heading(page, "About the plan")
    expect(field(page, "Country or organisation")).to_have_value("Republic of Varesia")
    fill(page, {"First year of the plan": "2026", "Last year of the plan": "2030",
                "Which plan is this?": "2", "Lead institution": "Ministry of Gender Equality",
                "Adopted by": "Council of Ministers",
                "Instrument of adoption": "Cabinet decision No. 14/2026",
                "Date of adoption": "2026-03", "Foreword by": "Prime Minister Alva Renn",
                "Capital city": "Port Alder",
                "Regions, provinces or member states":
                    "Northern Highlands\nLakes District\n\nCoastal Plain\n",
                "Links to national policies and laws": "National Gender Policy 2024"})
    tick(page, "Resolution 1325 (2000)", "Resolution 1820 (2008)", "Resolution 2242 (2015)")
    save_and_continue(page, "Context analysis")
    expect(page.get_by_role("status")).to_have_text("Saved “About the plan”.")


def fill_context(page: Page) -> None:
    fill(page, {
        "Conflict and security situation": "Twenty years of conflict in the northern highlands.",
        "How conflict affects women, men, girls and boys differently":
            "Displaced women head most households in the camps.",
        "Baseline findings": "One in three women reports insecurity at night.",
        "Year of the baseline assessment": "2024",
        "Existing programmes and actors": "Community peace programme run by three NGOs.",
        "Review of laws and policies":
            "The penal code still lacks a definition of conflict-related sexual violence."})
    answer(page, "The baseline data is broken down by sex",
           "The review considers CEDAW General Recommendation 30",
           "The plan acts at home (domestic dimension)")
    answer(page, "The plan acts abroad: foreign policy, aid, peacekeeping", reply="No")
    save_and_continue(page, "Leadership and coordination")


def fill_leadership(page: Page) -> None:
    # Asked once: the lead institution typed on "About the plan" is filled in here.
    expect(field(page, "Lead institution")).to_have_value("Ministry of Gender Equality")
    fill(page, {"Lead institution": "Ministry of Gender Equality, WPS Directorate",
                "Focal point": "Director for WPS",
                "Secretariat and staff time": "Two staff in the directorate",
                "Name of the coordination body": "National Steering Committee on WPS",
                "Seats held by civil society": "3",
                "Role of parliament": "Parliament's gender committee hears the annual report.",
                "Who reports to whom": "The directorate reports to the cabinet each year.",
                "Training and capacity building": "Police and army officers trained each year."})
    choose(page, {"Highest level of endorsement": "Cabinet or council of ministers",
                  "How often the body meets": "Every year"})
    answer(page, "The body has written terms of reference")

    expect(page.locator("#members [data-empty]")).to_be_visible()
    first = add_row(page, "members")
    expect(page.locator("#members [data-empty]")).to_be_hidden()
    cell(first, "Institution").fill("Ministry of Defence")
    cell(first, "Sector").select_option(label="Defence")
    second = add_row(page, "members")
    cell(second, "Institution").fill("Ministry of Tourism")
    third = add_row(page, "members")
    cell(third, "Institution").fill("Women's Peace Network")
    cell(third, "Sector").select_option(label="Civil society or women's organisation")
    second.get_by_role("button", name=re.compile("^Remove")).click()
    expect(rows(page, "members")).to_have_count(2)
    # Removing a row hands focus back to "Add a member".
    expect(page.locator("#members").get_by_role("button", name="Add a member")).to_be_focused()

    risk = add_row(page, "risks")
    cell(risk, "Risk").fill("Elections delay adoption")
    cell(risk, "Mitigation").fill("Adopt before the election period")
    save_and_continue(page, "Consultation")


def fill_consultation(page: Page) -> None:
    # The step's own fields first: "Add a consultation event" saves them on its way.
    fill(page, {"Who drafted the plan": "Inter-ministerial working group with civil society",
                "How the consultation was run": "Workshops in every region, with interpretation."})
    page.get_by_role("button", name="Add a consultation event").click()
    heading(page, "Add a consultation event")
    expect(page.get_by_role("status")).to_have_text("Your changes to “Consultation” are saved.")
    # The regions named on "About the plan" are offered; another can still be typed.
    expect(page.locator("#region-suggestions option")).to_have_count(3)
    fill(page, {"Date": "2025-09-10", "Place": "Port Alder", "Region": "Capital District",
                "Number of women": "40", "Number of men": "12",
                "Organisations represented": "Women's Peace Network",
                "Summary of what was said": "Women asked for seats on peace committees."})
    tick(page, "Held in the capital", "Women's organisations")
    choose(page, {"Format": "Workshop"})
    page.get_by_role("button", name="Save and add another").click()
    heading(page, "Add a consultation event")
    expect(page.get_by_role("status")).to_have_text("Saved the consultation event.")
    fill(page, {"Date": "2025-10-02", "Place": "Highland Town", "Region": "Northern Highlands",
                "Number of women": "25", "Number of men": "5"})
    tick(page, "Rural women", "Displaced and refugee women")
    choose(page, {"Format": "Focus group"})
    expect(field(page, "Held in the capital")).not_to_be_checked()
    page.get_by_role("button", name="Save", exact=True).click()
    heading(page, "Consultation")
    expect(page.locator("#items-title")).to_contain_text("(2)")
    events = page.locator("#items tbody tr")
    expect(events).to_have_count(2)
    expect(events.nth(1)).to_contain_text("Highland Town")

    expect(field(page, "Who drafted the plan")).to_have_value(
        "Inter-ministerial working group with civil society")
    fill(page, {"How what people said was used": "Comments were logged and answered in an annex.",
                "Date of the validation workshop": "2025-11-20"})
    tick(page, "Justice", "Civil society or women's organisation")
    answer(page, "Civil society sat on the drafting body", "The draft was published for comment")
    # Consultations counted by level: a row whose groups heard are checkboxes in the row.
    level = add_row(page, "levels")
    cell(level, "Level").select_option(label="District or municipal")
    cell(level, "Consultations").fill("52")
    cell(level, "Participants").fill("3100")
    cell(level, "Of whom women").fill("1900")
    cell(level, "Places").fill("All five regions")
    groups = level.get_by_role("group", name=re.compile("^Groups heard, "))
    groups.get_by_label("Rural women", exact=True).check()
    groups.get_by_label("Young women and youth", exact=True).check()
    save_and_continue(page, "Pillars and objectives")


def fill_pillars(page: Page) -> None:
    fill(page, {"Vision": "Women and girls in Varesia live free of violence and lead peace.",
                "Theory of change": "If women lead local peace committees, then agreements last."})
    expect(rows(page, "pillars")).to_have_count(4)  # the four standard pillars
    objective = add_row(page, "objectives")
    cell(objective, "Code").fill("1.1")
    cell(objective, "Pillar").select_option(label="Participation")
    cell(objective, "Objective").fill("Women lead local peace committees")
    cell(objective, "Expected outcome").fill("A third of committee members are women by 2030")
    save_and_continue(page, "Actions")


def fill_actions(page: Page) -> None:
    for number, (code, title, lead, start, end), button in (
        (1, ("1.1.1", "Train women mediators", "Ministry of Interior", "2026-04-01",
             "2027-12-31"), "Save and add another"),
        (2, ("1.1.2", "Fund a mediation network", "Ministry of Finance", "2026-06-01",
             "2028-06-30"), "Save"),
    ):
        if number == 1:
            page.get_by_role("button", name="Add an action").click()
        heading(page, "Add an action")
        fill(page, {"Code": code, "Action": title, "Lead institution": lead,
                    "Partners": "Women's Peace Network", "Start": start, "End": end,
                    "Description": f"{title}, in every province."})
        choose(page, {"Objective": "1.1 Women lead local peace committees",
                      "Dimension": "Domestic"})
        tick(page, "Peace processes and mediation")
        page.get_by_role("button", name=button, exact=True).click()
    heading(page, "Actions")
    expect(page.locator("#items tbody tr")).to_have_count(2)
    save_and_continue(page, "Indicators")


def fill_indicators(page: Page) -> None:
    page.get_by_role("button", name="Add an indicator").click()
    heading(page, "Add an indicator")
    fill(page, {"Code": "I-1", "Indicator": "Number of women mediators trained",
                "Unit": "number of people", "Baseline value": "12", "Baseline year": "2025",
                "Target value": "40", "Target year": "2030",
                "Data source": "Training records of the ministry",
                "Who collects it": "WPS Directorate"})
    choose(page, {"Level": "Output", "What it measures": "1.1.1 Train women mediators",
                  "How often it is collected": "Every year"})
    tick(page, "Sex", "Location")
    page.get_by_role("button", name="Save", exact=True).click()
    heading(page, "Indicators")
    expect(page.locator("#items tbody tr")).to_have_count(1)
    save_and_continue(page, "Budget and financing")


def fill_budget(page: Page) -> None:
    page.get_by_role("button", name="Add a budget line").click()
    heading(page, "Add a budget line")
    choose(page, {"Kind of cost": "An action of the plan", "Action": "1.1.1 Train women mediators",
                  "Funding source": "National budget (new allocation)"})
    fill(page, {"Description": "Mediator training", "Cost": "250000",
                "Funder": "Ministry of Finance", "Amount secured": "100000"})
    page.get_by_role("button", name="Save", exact=True).click()
    heading(page, "Budget and financing")
    choose(page, {"Currency": "EUR"})
    tick(page, "Gender-responsive budgeting")
    fill(page, {"Notes on the budget cycle": "Budget calls go out in June.",
                "Funding gap": "A gap of 150,000 is sought from donors.",
                "Resource mobilisation": "Approach two donors in 2026."})
    save_and_continue(page, "Monitoring, evaluation and reporting")


def fill_monitoring(page: Page) -> None:
    fill(page, {"Who monitors the plan": "Monitoring group of the steering committee",
                "Seats held by civil society": "4",
                "How data is collected": "A results matrix filled by each ministry.",
                "How findings will be used": "Findings shape the third plan."})
    choose(page, {"How often progress is reported": "Twice a year"})
    tick(page, "Parliament", "The public")
    answer(page, "Progress reports are published", "Civil-society shadow reports are recognised")
    for kind, year, by in (("Mid-term review", "2028", ""),
                           ("Final evaluation", "2031", "National Audit Office")):
        evaluation = add_row(page, "evaluations")
        cell(evaluation, "Kind").select_option(label=kind)
        cell(evaluation, "Status").select_option(label="Planned")
        cell(evaluation, "Year").fill(year)
        cell(evaluation, "Carried out by").fill(by)
        answer(evaluation, "Independent")
    save_and_continue(page, "Localisation and dissemination")


def fill_localisation(page: Page) -> None:
    fill(page, {"Local action plans": "Northern Highlands and Lakes District will adopt local plans.",
                "Sub-national coordination": "Provincial gender committees.",
                "Languages the plan is translated into": "Varesian\nEnglish",
                "How the plan will be made known": "Radio programmes in every province.",
                "Date of the public launch": "2026-04-15"})
    answer(page, "There are guidelines for localising the plan", "The plan is published online")
    save_and_continue(page, "Regional links and twinning")


def fill_regional(page: Page) -> None:
    tick(page, "EU Action Plan on WPS")
    answer(page, "The plan reports to a regional body")
    fill(page, {"How the plan links to them": "Reports to the regional WPS forum each year."})
    partner = add_row(page, "partners")
    cell(partner, "Partner").fill("Republic of Norland")
    cell(partner, "Form of exchange").select_option(label="Peer review")
    cell(partner, "Since").fill("2025")
    cell(partner, "Learning both ways").check()
    cell(partner, "Description").fill("Exchange of focal points every year")
    save_and_continue(page, "Review and revision")


def fill_review(page: Page) -> None:
    fill(page, {"Lessons from the previous plan": "The first plan had no budget.",
                "How the plan will be reviewed and revised":
                    "A mid-term review in 2028 revises the plan.",
                "What would prompt a revision": "A new Security Council resolution or a crisis."})
    answer(page, "A successor plan is planned")
    tick(page, "I have completed this section")
    # The last step leads to "Check your plan".
    save_and_continue(page, "Check your plan")


def delete_second_action(page: Page, base_url: str, plan_path: str) -> None:
    page.goto(f"{base_url}{plan_path}/actions")
    page.get_by_role("link", name=re.compile(r"^Delete 1\.1\.2 ")).click()
    heading(page, "Delete “1.1.2 Fund a mediation network”?")
    page.get_by_role("button", name="Delete", exact=True).click()
    heading(page, "Actions")
    expect(page.get_by_role("status")).to_have_text("Deleted “1.1.2 Fund a mediation network”.")
    expect(page.locator("#items tbody tr")).to_have_count(1)


def check_section_text(page: Page, key: str) -> str:
    return page.locator(f"section[aria-labelledby=check-{key}]").inner_text()


def test_a_new_user_drafts_every_section(live_server, browser, context, page):
    base = live_server.url
    start_plan(page, base)
    plan_path = re.search(r"/plans/\d+", page.url).group(0)
    fill_about(page)
    fill_context(page)
    fill_leadership(page)
    fill_consultation(page)
    fill_pillars(page)
    fill_actions(page)
    fill_indicators(page)
    fill_budget(page)
    fill_monitoring(page)
    fill_localisation(page)
    fill_regional(page)
    fill_review(page)
    delete_second_action(page, base, plan_path)

    page.goto(f"{base}{plan_path}")
    page.get_by_role("link", name="Check your plan").click()
    heading(page, "Check your plan")
    whole = page.locator("main").inner_text()
    for key, values in EXPECTED.items():
        shown = check_section_text(page, key)
        missing = [value for value in values if value not in shown]
        assert not missing, f"{key}: not on Check your plan: {missing}\n---\n{shown}"
    for gone in REMOVED:
        assert gone not in whole, f"{gone!r} was removed but is still shown"
    assert "Yes" in check_section_text(page, "review")  # the successor plan
    expect(page.locator("#check-review ~ .tag")).to_have_text("Complete")

    # Close the browser, open it again: the plan is kept on the server.
    context.close()
    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        again = fresh.new_page()
        live_server.log_in(again, NEW_USER[1], NEW_USER[2])
        again.goto(base + "/")
        again.get_by_role("link", name="Second National Action Plan of Varesia").click()
        expect(again.locator(".task", has_text="Actions")).to_contain_text("1 item")
        expect(again.locator(".task", has_text="Consultation")).to_contain_text("2 items")
        expect(again.locator(".task", has_text="Review and revision")).to_contain_text("Complete")
        again.get_by_role("link", name="Leadership and coordination").click()
        expect(again.get_by_label("Institution, row 1")).to_have_value("Ministry of Defence")
        expect(again.get_by_label("Institution, row 2")).to_have_value("Women's Peace Network")
        expect(rows(again, "members")).to_have_count(2)
        expect(again.get_by_label("Risk, row 1")).to_have_value("Elections delay adoption")
        again.goto(f"{base}{plan_path}/about")
        expect(field(again, "Regions, provinces or member states")).to_have_value(
            "Northern Highlands\nLakes District\nCoastal Plain")
        expect(field(again, "Resolution 1820 (2008)")).to_be_checked()
        expect(field(again, "Resolution 1888 (2009)")).not_to_be_checked()
    finally:
        fresh.close()


def test_an_end_year_before_the_start_year_is_explained(live_server, page):
    plan_id = live_server.create_plan(PlanDocument(about=About(title="Plan of Varesia")))
    page.goto(f"{live_server.url}/plans/{plan_id}/about")
    fill(page, {"Title of the plan": "A title typed before the mistake",
                "First year of the plan": "2030", "Last year of the plan": "2026",
                "Capital city": "Port Alder",
                "Regions, provinces or member states": "Northern Highlands\nLakes District"})
    choose(page, {"Type of plan": "Regional action plan"})
    tick(page, "Resolution 2467 (2019)")
    page.get_by_role("button", name="Save and continue").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    link = summary.get_by_role("link")
    expect(link).to_have_count(1)
    expect(link).to_contain_text("Last year of the plan")
    expect(link).to_contain_text("must end in or after the year it starts")
    expect(link).to_have_attribute("href", "#period_end")
    end = field(page, "Last year of the plan")
    expect(end).to_have_attribute("id", "period_end")
    expect(end).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#period_end-error")).to_contain_text("must end in or after")
    expect(end).to_have_attribute("aria-describedby", re.compile(r"period_end-error"))

    # Everything typed is still there.
    expect(field(page, "Title of the plan")).to_have_value("A title typed before the mistake")
    expect(field(page, "First year of the plan")).to_have_value("2030")
    expect(end).to_have_value("2026")
    expect(field(page, "Capital city")).to_have_value("Port Alder")
    expect(field(page, "Regions, provinces or member states")).to_have_value(
        "Northern Highlands\nLakes District")
    expect(field(page, "Type of plan")).to_have_value("regional")
    expect(field(page, "Resolution 2467 (2019)")).to_be_checked()

    link.click()  # the link takes the person to the field, ready to type
    expect(page).to_have_url(re.compile(r"#period_end$"))
    expect(end).to_be_focused()
    expect(end).to_be_in_viewport()

    # Put it right and the page saves.
    end.fill("2034")
    page.get_by_role("button", name="Save and continue").click()
    heading(page, "Context analysis")
    assert live_server.load(plan_id).document.about.period_end == 2034
