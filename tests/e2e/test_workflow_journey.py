"""The co-design workflow end to end in a real browser, axe on every page: an organisation member invites a
suggested academic, they frame the problem and plan together, a coordinator sends the plan back once and then
approves it, and the challenge shows the partnership. Screenshots in test-artifacts/."""
import contextlib
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from matchmaker.auth.models import User
from matchmaker.challenges.models import Challenge
from matchmaker.extensions import db
from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_market_journeys import sign_in, visit
from tests.e2e.test_matching_journeys import FITTING, build_energy_academic

pytestmark = pytest.mark.browser

PROBLEM = ("Families in our 40 social housing buildings cannot afford heating. We need to know which buildings "
           "lose most heat and which works would cut the bills most.")
PROBLEM_ADDED = " Tenants must be involved from the first survey."
PLAN = {
    "Objectives": "Audit the 40 buildings and rank the retrofit works by savings per euro.",
    "Activities": "Thermal camera survey in January; meter readings; a report; two meetings with tenants.",
    "Roles of each side": "The cooperative opens the buildings.",
    "Timeline of the work": "January to April.",
    "Resources": "Six students, the department's thermal cameras, the cooperative's meeting room.",
    "Expected impact indicators": "Buildings audited; expected saving per family per year.",
}
ROLES_FIXED = ("The cooperative opens the buildings and invites the tenants; the students survey and measure; "
               "Anna Rossi supervises and writes the report with the cooperative.")
CHANGES_REASON = "Say who does what on each side: who talks to the tenants, who writes the report."


@contextlib.contextmanager
def person_page(page):
    """Another person's browser, on the same server, next to the first one."""
    base_url = re.match(r"https?://[^/]+", page.url)[0]
    context = page.context.browser.new_context(locale="en-GB", base_url=base_url,
                                               viewport={"width": 1280, "height": 900})
    context.set_default_timeout(5000)
    try:
        yield context.new_page()
    finally:
        context.close()


def after_click(page, role: str, name: str):
    """Click, wait for the page the click leads to, and check its accessibility."""
    page.get_by_role(role, name=name, exact=True).first.click()
    page.wait_for_load_state()
    check_accessibility(page)


def stage_is(page, label: str):
    expect(page.locator(".stage-badge").first).to_have_text(label)


def move(page, button: str, confirm: bool = False, **fill):
    """Open the page of a move from the proposal page, fill what it asks, and make it."""
    after_click(page, "link", button)
    expect(page.get_by_role("heading", level=1)).to_have_text(button)
    for label, text in fill.items():
        page.get_by_label(label, exact=True).fill(text)
    if confirm:
        page.get_by_label("I confirm: this decision is final.").check()
    after_click(page, "button", button)
    expect(page.get_by_role("status")).to_contain_text("Done: the proposal is now")


def open_workspace(page, proposal_url: str):
    visit(page, proposal_url)
    after_click(page, "link", "Open the workspace and its history")
    expect(page.get_by_role("heading", level=1)).to_contain_text("workspace")


def test_an_invited_academic_and_an_organisation_carry_a_proposal_to_an_approved_partnership(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        academic = build_energy_academic(make)  # a verified organisation, its member Sara and a fitting academic
        challenge = db.session.scalar(sa.select(Challenge).where(Challenge.title == FITTING))
        member = next(membership.user for membership in challenge.organisation.memberships)
        coordinator = make.coordinator(name="Rita Coordinator", verified=True)
        data = {"challenge": challenge.id, "member": (member.email, member.name),
                "coordinator": (coordinator.email, coordinator.name),
                "academic_id": db.session.scalar(sa.select(User.id).where(User.email == academic["email"]))}

    # The organisation member finds the academic among the suggestions of the challenge, and invites them.
    sign_in(page, *data["member"])
    visit(page, f"/challenges/{data['challenge']}")
    suggestions = page.locator("#suggestions")
    expect(suggestions.get_by_role("heading", name=re.compile(academic["name"]))).to_be_visible()
    suggestions.get_by_role("link", name=f"Invite · {academic['name']}", exact=True).click()
    page.wait_for_load_state()
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite academics")
    expect(page.get_by_role("checkbox", name=re.compile(academic["name"]))).to_be_checked()
    page.get_by_label("Your message").fill("Dear Anna, your energy audits are what our tenants need. Shall we?")
    after_click(page, "button", "Send the proposal")
    expect(page.get_by_role("status")).to_contain_text("Your proposal is sent")
    stage_is(page, "Proposed")
    expect(page.get_by_text(f"Waiting for an answer from: {academic['name']}.")).to_be_visible()
    proposal_url = re.sub(r"^https?://[^/]+", "", page.url)

    with person_page(page) as scholar, person_page(page) as coordinator:
        # The academic finds it among their proposals, accepts, starts the framing and drafts the problem.
        sign_in(scholar, academic["email"], academic["name"])
        visit(scholar, "/proposals")
        after_click(scholar, "link", FITTING)
        expect(scholar.get_by_text("Dear Anna, your energy audits")).to_be_visible()
        after_click(scholar, "button", "Accept")
        stage_is(scholar, "Accepted")
        after_click(scholar, "button", "Start framing the problem")
        stage_is(scholar, "Framing the problem")
        open_workspace(scholar, proposal_url)
        scholar.get_by_role("textbox", name="Shared problem statement").fill(PROBLEM)
        after_click(scholar, "button", "Save the problem statement")

        # The member completes the problem statement, agrees on it and starts the plan.
        open_workspace(page, proposal_url)
        expect(page.get_by_role("textbox", name="Shared problem statement")).to_have_value(PROBLEM)
        page.get_by_role("textbox", name="Shared problem statement").fill(PROBLEM + PROBLEM_ADDED)
        after_click(page, "button", "Save the problem statement")
        visit(page, proposal_url)
        move(page, "Agree on the problem statement")
        stage_is(page, "Co-creation")
        open_workspace(page, proposal_url)
        for label, text in list(PLAN.items())[:3]:
            page.get_by_label(label, exact=True).fill(text)
        after_click(page, "button", "Save the action plan")

        # The academic writes the rest of the plan and submits it for review.
        open_workspace(scholar, proposal_url)
        for label, text in list(PLAN.items())[3:]:
            scholar.get_by_label(label, exact=True).fill(text)
        after_click(scholar, "button", "Save the action plan")
        visit(scholar, proposal_url)
        move(scholar, "Submit the action plan for review")
        stage_is(scholar, "Under review")
        expect(scholar.get_by_text("Waiting for a coordinator's decision.")).to_be_visible()

        # The coordinator sends it back, saying why.
        sign_in(coordinator, *data["coordinator"])
        visit(coordinator, "/proposals")
        after_click(coordinator, "link", FITTING)
        after_click(coordinator, "link", "Request changes")
        coordinator.get_by_label("Reason", exact=True).select_option(label="The roles are unclear")
        coordinator.get_by_label("In your own words").fill(CHANGES_REASON)
        after_click(coordinator, "button", "Request changes")
        stage_is(coordinator, "Co-creation")

        # The member reads why, fixes the roles and resubmits.
        visit(page, proposal_url)
        expect(page.get_by_text(CHANGES_REASON)).to_be_visible()
        open_workspace(page, proposal_url)
        page.get_by_label("Roles of each side", exact=True).fill(ROLES_FIXED)
        after_click(page, "button", "Save the action plan")
        visit(page, proposal_url)
        move(page, "Submit the action plan for review")
        stage_is(page, "Under review")

        # The coordinator approves, confirming the decision.
        visit(coordinator, proposal_url)
        move(coordinator, "Approve", confirm=True)
        stage_is(coordinator, "Approved")
        screenshot(coordinator, "workflow-approved-proposal")

        # The challenge shows the partnership, to anyone.
        visit(scholar, f"/challenges/{data['challenge']}")
        expect(scholar.get_by_text(f"In partnership with {academic['name']}")).to_be_visible()

    # The timeline shows every step, in order, with who made it and the reason of the one that had one.
    visit(page, proposal_url)
    steps = page.locator("#timeline-title ~ ol > li")
    expect(steps).to_have_count(8)
    names = ["Propose", "Accept", "Start framing the problem", "Agree on the problem statement",
             "Submit the action plan for review", "Request changes", "Submit the action plan for review", "Approve"]
    for index, name in enumerate(names):
        expect(steps.nth(index)).to_contain_text(name)
    expect(steps.nth(5)).to_contain_text("The roles are unclear")
    expect(steps.nth(5)).to_contain_text(CHANGES_REASON)
    expect(steps.nth(5)).to_contain_text(data["coordinator"][1])
    expect(steps.nth(1)).to_contain_text(academic["name"])
    expect(page.get_by_text(ROLES_FIXED)).to_be_visible()
    screenshot(page, "workflow-timeline")

    # Each person heard of what the others did: the bell counts it, the notifications page says it.
    expect(page.locator("#bell .badge")).to_be_visible()
    page.locator("#bell").click()
    page.wait_for_load_state()
    check_accessibility(page)
    notices = page.get_by_role("list", name="Your notifications, newest first")
    expect(notices).to_contain_text(f"{data['coordinator'][1]}: “Approve”")
    expect(notices).to_contain_text(f"{data['coordinator'][1]}: “Request changes”")
    with person_page(page) as scholar, person_page(page) as coordinator:
        sign_in(scholar, academic["email"], academic["name"])
        visit(scholar, "/notifications")
        expect(scholar.get_by_role("list", name="Your notifications, newest first")).to_contain_text(
            f"{data['member'][1]} started a proposal on “{FITTING}”")
        sign_in(coordinator, *data["coordinator"])
        visit(coordinator, "/notifications")
        expect(coordinator.get_by_role("list", name="Your notifications, newest first")).to_contain_text(
            "“Submit the action plan for review”")


@pytest.mark.parametrize(("email", "welcome", "proposals_title"), [
    ("coordinatore@polito.it", "Ti diamo il bentornato, Roberta Lanza.", "Tutte le proposte"),
    ("coordinator.en@polito.it", "Welcome back, Thomas Berger.", "All proposals"),
])
def test_a_coordinator_reads_every_demo_proposal_and_its_workspace_in_their_language(page, in_live_app, email,
                                                                                      welcome, proposals_title):
    from matchmaker.demo import DEMO_PASSWORD, seed_demo
    from matchmaker.workflow.models import Proposal

    with in_live_app():
        seed_demo()
        db.session.commit()
        stories = [(proposal.id, proposal.challenge.title, proposal.stage.value)
                   for proposal in db.session.scalars(sa.select(Proposal).order_by(Proposal.id))]

    visit(page, "/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("status")).to_contain_text(welcome)
    visit(page, "/proposals")
    expect(page.get_by_role("heading", level=1)).to_have_text(proposals_title)
    expect(page.get_by_role("main").locator("tbody tr")).to_have_count(len(stories))
    for proposal_id, title, stage in stories:
        visit(page, f"/proposals/{proposal_id}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(title)
        expect(page.locator(f".stage-badge.stage-{stage}").first).to_be_visible()
        visit(page, f"/proposals/{proposal_id}/workspace")
