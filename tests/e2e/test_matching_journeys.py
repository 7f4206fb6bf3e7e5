"""Matching, end to end in a real browser: challenges for an academic, who fits a challenge (and a team), the
coordinators' recomputation; axe on every page visited, screenshots in test-artifacts/."""
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from matchmaker.auth.models import Language
from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.reference.services import department_by_code
from tests import factories
from tests.e2e.conftest import check_accessibility, follow_menu_link, screenshot
from tests.e2e.test_market_journeys import sign_in, visit, visitor_page

pytestmark = pytest.mark.browser

FITTING = "Warmer homes: energy poverty in social housing"
READING = "A reading club for teenagers"
GARDENS = "Community gardens on vacant lots"
SPANNING = "Energy retrofit and digital inclusion for elderly tenants"


def compute_matches() -> None:
    """What the coordinators' button and `flask matching recompute` do: rebuild the index, store every match."""
    matching.recompute_all()
    db.session.commit()


def suggestion_cards(page):
    """The suggested challenges of "Challenges for you", best first."""
    return page.get_by_role("main").locator("li.match")


def card_of(page, title: str):
    return suggestion_cards(page).filter(has=page.get_by_role("heading", name=title))


def score_of(card) -> int:
    return int(re.match(r"\d+", card.locator(".match-score").inner_text().strip())[0])


def build_energy_academic(make, *, language=Language.EN) -> dict:
    """A verified organisation with one challenge on energy poverty and two unrelated ones (each shares a word
    or two with the academic, so that all three are suggested); an energy academic with a profile and an offer.
    """
    organisation = make.organisation(name="Cooperativa Casa Comune", status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, name="Sara Moretti", verified=True)
    make.challenge(organisation, author=member, title=READING, sdgs=(4,), keywords=("reading", "libraries"),
                   summary="Books, libraries and reading groups for teenagers after school, in the courtyards of "
                           "our social housing.")
    make.challenge(organisation, author=member, title=FITTING, sdgs=(7, 11),
                   keywords=("energy poverty", "building retrofit", "social housing"),
                   summary="Families in our social housing cannot afford heating: we need a building retrofit to "
                           "cut energy bills.",
                   description="We manage 40 poorly insulated buildings in Barriera di Milano. Insulation, heating "
                               "systems and an energy retrofit could lower the bills of families in energy poverty.")
    make.challenge(organisation, author=member, title=GARDENS, sdgs=(15,), keywords=("urban gardening", "vegetables"),
                   summary="Volunteers and students want to grow vegetables and flowers on vacant urban lots.")
    academic = make.academic("DENERG", name="Anna Rossi", language=language, verified=True)
    make.profile(academic, expertise=["energy poverty", "building retrofit", "thermal comfort"],
                 biography="I study energy poverty and the building retrofit of social housing with tenants.")
    make.offer(academic, title="Energy audits of social housing", sdgs=(7,),
               description="With my students I audit the insulation and heating of social housing buildings to "
                           "fight energy poverty.",
               keywords=("energy audit", "energy poverty", "building retrofit"))
    compute_matches()
    return {"email": academic.email, "name": academic.name}


def test_an_academic_sees_the_challenges_that_fit_best_first_with_reasons_and_dismisses_one(page, in_live_app):
    with in_live_app():
        data = build_energy_academic(factories.Factory())

    sign_in(page, data["email"], data["name"])
    follow_menu_link(page, "Your work", "Challenges for you")
    expect(page).to_have_url(re.compile(r"/matching/for-you$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenges for you")
    check_accessibility(page)

    cards = suggestion_cards(page)
    expect(cards).to_have_count(3)
    first = cards.first
    expect(first.get_by_role("heading", level=3)).to_contain_text(FITTING)
    expect(first.get_by_role("link", name=FITTING, exact=True)).to_be_visible()
    expect(first).to_contain_text("Cooperativa Casa Comune")
    reasons = first.locator(".match-reasons")
    expect(reasons).to_contain_text(re.compile(r"You share: .*energy"))
    expect(reasons).to_contain_text("poverty")
    expect(reasons).to_contain_text("Both work on SDG 7")
    # What holds for every suggestion (the academic is available) is said once, above the list.
    expect(reasons).not_to_contain_text("Available this semester")
    expect(page.locator(".common-reasons")).to_contain_text("Available this semester")
    expect(first.locator(".match-score")).to_contain_text("out of 100")  # said to screen readers
    expect(first.locator(".fit-label")).to_have_text(re.compile(r"^(strong|good|possible) fit$"))  # not colour alone
    expect(page.locator(".score-legend")).to_contain_text("Score 0–100")
    scores = [score_of(cards.nth(i)) for i in range(3)]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[1], scores
    assert 0 <= scores[-1] and scores[0] <= 100, scores
    # The unrelated challenges are suggested too, lower, each saying what little it shares.
    expect(card_of(page, READING).locator(".match-reasons")).to_contain_text("You share:")
    screenshot(page, "30-academic-challenges-for-you")

    card_of(page, READING).get_by_role("button", name=f"Dismiss {READING}").click()
    expect(page).to_have_url(re.compile(r"/matching/for-you$"))
    expect(page.get_by_role("status")).to_contain_text("The suggestion is dismissed: you will not see it again.")
    expect(cards).to_have_count(2)
    expect(page.get_by_role("heading", name=READING)).to_have_count(0)
    expect(cards.first.get_by_role("heading", level=3)).to_contain_text(FITTING)
    check_accessibility(page)
    screenshot(page, "31-academic-dismissed-a-suggestion")

    page.reload()
    expect(cards).to_have_count(2)
    expect(page.get_by_role("heading", name=READING)).to_have_count(0)
    expect(card_of(page, GARDENS)).to_have_count(1)
    check_accessibility(page)


@pytest.mark.parametrize("locale", ["it-IT"])
def test_challenges_for_you_is_accessible_in_italian(page, in_live_app):
    with in_live_app():
        data = build_energy_academic(factories.Factory(), language=Language.IT)

    visit(page, "/login")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    page.get_by_label("E-mail", exact=True).fill(data["email"])
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    expect(page.get_by_role("status")).to_contain_text(f"Ti diamo il bentornato, {data['name']}.")
    check_accessibility(page)

    follow_menu_link(page, "Il tuo lavoro", "Sfide per te")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sfide per te")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    cards = suggestion_cards(page)
    expect(cards).to_have_count(3)
    expect(cards.first).to_contain_text(FITTING)
    expect(cards.first.get_by_role("button", name=f"Scarta {FITTING}")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "32-challenges-for-you-it")


def build_spanning_challenge(make) -> dict:
    """A challenge on two fields (energy retrofit and digital inclusion of the elderly), two academics of
    different departments each covering one side (one also with an offer), and a third who has nothing to do
    with it."""
    organisation = make.organisation(name="Casa Insieme", status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, name="Giorgio Bassi", verified=True)
    challenge = make.challenge(
        organisation, author=member, title=SPANNING, sdgs=(7, 10),
        keywords=("energy retrofit", "digital inclusion", "elderly"),
        summary="Our elderly tenants live in poorly insulated flats with high heating bills, and cannot use the "
                "smartphone app that controls the new smart thermostats.",
        description="We need a thermal retrofit of the buildings and digital training courses for older adults.")
    energy = make.academic("DENERG", name="Anna Rossi", verified=True)
    make.profile(energy, expertise=["thermal retrofit", "insulation", "heating"],
                 biography="I study the thermal retrofit of poorly insulated residential buildings, heating systems "
                           "and heating bills.")
    digital = make.academic("DAUIN", name="Marco Bianchi", verified=True)
    make.profile(digital, expertise=["digital inclusion", "older adults", "smartphone"],
                 biography="I design digital training courses that help older adults and elderly people use a "
                           "smartphone app.")
    make.offer(digital, title="Smartphone courses for older adults", sdgs=(10,),
               description="Digital training courses for elderly people, designed with them.",
               keywords=("digital inclusion", "elderly"))
    food = make.academic("DISAT", name="Paola Neri", verified=True)
    make.profile(food, expertise=["food waste", "school canteens"],
                 biography="I measure food waste in school canteens.")
    compute_matches()
    return {"email": member.email, "name": member.name, "challenge_id": challenge.id,
            "energy_department": department_by_code("DENERG").name_en,
            "digital_department": department_by_code("DAUIN").name_en}


def test_a_member_sees_who_fits_their_challenge_and_a_team_and_a_visitor_does_not(page, in_live_app):
    with in_live_app():
        data = build_spanning_challenge(factories.Factory())

    sign_in(page, data["email"], data["name"])
    follow_menu_link(page, "Your work", "Your challenges")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your challenges")
    check_accessibility(page)
    page.get_by_role("main").get_by_role("link", name=SPANNING).click()
    expect(page).to_have_url(re.compile(rf"/challenges/{data['challenge_id']}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SPANNING)

    panel = page.get_by_role("region", name="Academics and offers that fit")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Only your organisation and the coordinators see these suggestions.")
    academics, offers = panel.locator(".match-list").nth(0), panel.locator(".match-list").nth(1)
    people = academics.get_by_role("listitem").filter(has=page.get_by_role("heading"))
    expect(people).to_have_count(2)  # the food scientist shares nothing with this challenge
    # Both cover the challenge well (about 85 out of 100): which one comes first is not the point here.
    scores = [score_of(people.nth(i)) for i in range(2)]
    assert scores[0] >= scores[1] >= 50, scores
    marco = people.filter(has=page.get_by_role("heading", name="Marco Bianchi"))
    anna = people.filter(has=page.get_by_role("heading", name="Anna Rossi"))
    expect(marco).to_contain_text(data["digital_department"])
    expect(marco.locator(".match-reasons")).to_contain_text(re.compile(r"You share: .*digital"))
    expect(marco.locator(".match-reasons")).to_contain_text("Both work on SDG 10")
    expect(anna).to_contain_text(data["energy_department"])
    expect(anna.locator(".match-reasons")).to_contain_text(re.compile(r"You share: .*retrofit"))
    expect(anna.get_by_role("button", name="Dismiss Anna Rossi")).to_be_visible()
    expect(offers.get_by_role("link", name="Smartphone courses for older adults", exact=True)).to_be_visible()
    expect(offers).to_contain_text("Marco Bianchi")
    expect(panel).not_to_contain_text("Paola Neri")

    team = page.get_by_role("region", name="A team for this challenge")
    expect(team).to_contain_text("Together, these people from different departments cover")
    members = team.get_by_role("listitem")
    expect(members).to_have_count(2)
    expect(members.filter(has_text="Marco Bianchi")).to_contain_text(data["digital_department"])
    expect(members.filter(has_text="Marco Bianchi")).to_contain_text(re.compile(r"Brings: .*digital"))
    expect(members.filter(has_text="Anna Rossi")).to_contain_text(data["energy_department"])
    expect(members.filter(has_text="Anna Rossi")).to_contain_text(re.compile(r"Brings: .*retrofit"))
    expect(members.filter(has_text="Anna Rossi")).not_to_contain_text("digital")
    expect(team).not_to_contain_text("Paola Neri")
    check_accessibility(page)
    page.locator("#suggestions").scroll_into_view_if_needed()
    screenshot(page, "33-member-sees-who-fits-and-a-team")
    challenge_url = page.url

    with visitor_page(page) as other:
        visit(other, challenge_url)
        expect(other.get_by_role("heading", level=1)).to_have_text(SPANNING)
        expect(other.get_by_role("region", name="Academics and offers that fit")).to_have_count(0)
        expect(other.get_by_role("region", name="A team for this challenge")).to_have_count(0)
        expect(other.get_by_role("main")).not_to_contain_text("Marco Bianchi")
        expect(other.get_by_role("main")).not_to_contain_text("Anna Rossi")
        screenshot(other, "34-visitor-sees-no-suggestions")


def test_a_coordinator_recomputes_the_matches_and_sees_when_it_last_ran(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        organisation = make.organisation(name="Rete Quartieri", status=OrganisationStatus.VERIFIED)
        make.challenge(organisation, title=FITTING, summary="Energy poverty and heating bills in social housing.",
                       keywords=("energy poverty",), sdgs=(7,))
        energy = make.academic("DENERG", name="Anna Rossi", verified=True)
        make.profile(energy, expertise=["energy poverty", "heating"], biography="Energy poverty in social housing.")
        coordinator = make.coordinator(name="Chiara Gallo", verified=True)
        email = coordinator.email

    sign_in(page, email, "Chiara Gallo")
    follow_menu_link(page, "Coordination", "Matching")
    expect(page).to_have_url(re.compile(r"/coordination/matching$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Matching")
    last_full = page.locator("dt", has_text="Last full recomputation").locator("xpath=following-sibling::dd[1]")
    expect(last_full).to_have_text("Never")
    check_accessibility(page)
    screenshot(page, "35-coordinator-matching-never-ran")

    page.get_by_role("button", name="Recompute all suggestions").click()
    expect(page).to_have_url(re.compile(r"/coordination/matching$"))
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Matches recomputed: [1-9]\d* stored\."))
    expect(last_full).not_to_have_text("Never")
    expect(last_full).to_contain_text(str(date.today().year))
    expect(page.get_by_role("main")).to_contain_text("1 academics and 0 offers suggested for challenges")
    runs = page.get_by_role("table")
    first_run = runs.get_by_role("row").nth(1)
    expect(first_run).to_contain_text("Full")
    expect(first_run).to_contain_text("Done")
    check_accessibility(page)
    screenshot(page, "36-coordinator-recomputed")
