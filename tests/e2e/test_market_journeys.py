"""Challenges, offers and academic profiles, end to end in a real browser, with axe on every page visited."""
import contextlib
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from matchmaker.academics import services as academic_services
from matchmaker.challenges import services as challenge_services
from matchmaker.challenges.models import ChallengeStatus
from matchmaker.extensions import db
from matchmaker.offers import services as offer_services
from matchmaker.orgs.models import OrganisationStatus
from tests import factories
from tests.e2e.conftest import check_accessibility, follow_menu_link, screenshot

pytestmark = pytest.mark.browser

BIBTEX = """\
@article{rossi2023energy,
  title   = {Energy Poverty in Turin's Social Housing},
  author  = {Rossi, Anna and Bianchi, Marco},
  journal = {Energy and Buildings},
  year    = {2023},
  abstract = {A survey of 400 households in Barriera di Milano.}
}

@inproceedings{rossi2021retrofit,
  title     = {Low-cost Retrofit with Tenants' Associations},
  author    = {Rossi, Anna},
  booktitle = {Proceedings of the Sustainable Places Conference},
  year      = {2021}
}
"""


def visit(page, path: str):
    page.goto(path)
    check_accessibility(page)


def navbar(page):
    return page.get_by_role("banner").get_by_role("navigation")


def sign_in(page, email: str, name: str):
    visit(page, "/login")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("status")).to_contain_text(f"Welcome back, {name}.")
    check_accessibility(page)


def sdg_box(page, number: int):
    """The checkbox of one goal, inside the form's group of goals."""
    group = page.get_by_role("group", name="Sustainable Development Goals")
    return group.get_by_role("checkbox", name=re.compile(rf"^{number}\. "))


@contextlib.contextmanager
def visitor_page(page):
    """A page in a new, signed-out browser context on the same server: someone else, not signed in."""
    base_url = re.match(r"https?://[^/]+", page.url)[0]
    context = page.context.browser.new_context(locale="en-GB", base_url=base_url,
                                               viewport={"width": 1280, "height": 900})
    context.set_default_timeout(5000)
    try:
        yield context.new_page()
    finally:
        context.close()


def publish_challenge(organisation, author, title: str, sdgs: list[int], **extra):
    """An open challenge, made with the services inside the live app."""
    challenge = challenge_services.create_challenge(organisation, author, {
        "title": title, "summary": f"Summary of {title}.", "kind": "research_action", "sdgs": sdgs, **extra})
    challenge_services.change_status(challenge, ChallengeStatus.OPEN)
    db.session.commit()
    return challenge


def test_member_of_a_verified_organisation_posts_a_challenge_and_publishes_it(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        organisation = make.organisation(name="Cooperativa Il Ponte", status=OrganisationStatus.VERIFIED)
        member = make.member(organisation, name="Sara Moretti", email="sara@ilponte.org", verified=True)
        email = member.email
    deadline = date.today() + timedelta(days=60)

    sign_in(page, email, "Sara Moretti")
    follow_menu_link(page, "Your work", "Your challenges")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your challenges")
    check_accessibility(page)
    page.get_by_role("main").get_by_role("link", name="Post a challenge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Post a challenge")
    expect(page.get_by_role("main")).to_contain_text("On behalf of: Cooperativa Il Ponte")
    check_accessibility(page)

    page.get_by_label("Title").fill("Warmer homes for elderly tenants")
    page.get_by_label("Summary").fill("Help us find cheap ways to keep 40 flats warm in winter.")
    page.get_by_label("Description").fill(
        "Our tenants are **mostly over 75**.\n\nWe need:\n\n- an energy audit\n- ideas for *low-cost* fixes")
    page.get_by_label("Kind of help sought").select_option(label="Technical support")
    sdg_box(page, 7).check()
    sdg_box(page, 11).check()
    page.get_by_label("Keywords").fill("energy poverty, elderly, housing")
    page.get_by_label("Place").fill("Barriera di Milano, Torino")
    page.get_by_label("Deadline").fill(deadline.isoformat())
    screenshot(page, "10-member-fills-a-challenge")
    page.get_by_role("button", name="Save as draft").click()

    expect(page).to_have_url(re.compile(r"/challenges/\d+$"))
    expect(page.get_by_role("status")).to_contain_text("Your challenge is saved as a draft.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Warmer homes for elderly tenants")
    expect(page.locator(".status")).to_have_text("Draft")
    # The Markdown is rendered: bold text and a list.
    description = page.locator(".user-text").first
    expect(description.locator("strong")).to_have_text("mostly over 75")
    expect(description.locator("li")).to_have_count(2)
    sdgs = page.get_by_role("list", name="Sustainable Development Goals")
    expect(sdgs.get_by_role("listitem")).to_have_count(2)
    expect(sdgs).to_contain_text("SDG 7")
    expect(sdgs).to_contain_text("SDG 11")
    expect(page.get_by_role("list", name="Keywords")).to_contain_text("energy poverty")
    about = page.get_by_role("complementary", name="About this challenge")
    expect(about).to_contain_text("Barriera di Milano, Torino")
    expect(about).to_contain_text("Technical support")
    expect(about).to_contain_text(str(deadline.year))
    publish = page.get_by_role("button", name="Publish")
    expect(publish).to_be_visible()
    # axe does not measure these badges; white text on a transparent badge once made them invisible.
    for badge in (page.locator(".badge.status"), sdgs.locator(".badge").first):
        expect(badge).not_to_have_css("background-color", "rgba(0, 0, 0, 0)")
        expect(badge).not_to_have_css("color", "rgb(255, 255, 255)")
    check_accessibility(page)
    screenshot(page, "11-member-sees-the-draft")
    challenge_url = page.url

    publish.click()
    expect(page.get_by_role("status")).to_contain_text("The challenge is now “Open”.")
    expect(page.locator(".status")).to_have_text("Open")
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    check_accessibility(page)

    # A visitor, not signed in, finds it in the public list and can read it.
    with visitor_page(page) as other:
        visit(other, "/challenges/")
        expect(navbar(other).get_by_role("link", name="Sign in")).to_be_visible()
        listing = other.get_by_role("article", name="Warmer homes for elderly tenants")
        expect(listing).to_contain_text("Cooperativa Il Ponte")
        expect(listing).to_contain_text("Help us find cheap ways")
        screenshot(other, "12-visitor-sees-the-published-challenge")
        listing.get_by_role("link", name="Warmer homes for elderly tenants").click()
        expect(other).to_have_url(challenge_url)
        expect(other.get_by_role("button", name="Publish")).to_have_count(0)
        check_accessibility(other)


def test_member_of_an_unverified_organisation_saves_a_draft_and_sees_publishing_waits_for_verification(
        page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        organisation = make.organisation(name="Associazione Nuova", status=OrganisationStatus.PENDING)
        member = make.member(organisation, name="Elena Costa", verified=True)
        email = member.email

    sign_in(page, email, "Elena Costa")
    follow_menu_link(page, "Your work", "Your challenges")
    expect(page.get_by_role("main")).to_contain_text("Associazione Nuova is waiting for verification")
    check_accessibility(page)
    page.get_by_role("main").get_by_role("link", name="Post a challenge").click()
    expect(page.get_by_role("main")).to_contain_text("Associazione Nuova is waiting for verification")
    check_accessibility(page)

    page.get_by_label("Title").fill("After-school help in Falchera")
    page.get_by_label("Summary").fill("Volunteers and ideas for homework support.")
    page.get_by_label("Kind of help sought").select_option(label="Volunteering")
    sdg_box(page, 4).check()
    page.get_by_role("button", name="Save as draft").click()

    expect(page.get_by_role("status")).to_contain_text("Your challenge is saved as a draft.")
    expect(page.get_by_role("heading", level=1)).to_have_text("After-school help in Falchera")
    manage = page.get_by_role("complementary", name="About this challenge")
    expect(manage).to_contain_text("Publishing waits for a coordinator to verify Associazione Nuova.")
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "13-unverified-member-draft-waits")

    # And it is not in the public list.
    visit(page, "/challenges/")
    expect(page.get_by_role("article", name="After-school help in Falchera")).to_have_count(0)


def test_academic_fills_the_profile_uploads_publications_and_posts_an_offer(page, in_live_app, tmp_path):
    with in_live_app():
        academic = factories.Factory().academic(name="Anna Rossi", department_code="DENERG", verified=True)
        email = academic.email

    sign_in(page, email, "Anna Rossi")
    follow_menu_link(page, "Your work", "Your profile")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    check_accessibility(page)

    page.get_by_label("Role").select_option(label="Associate professor")
    page.get_by_label("Short biography").fill("I study **energy poverty** and building retrofit with tenants.")
    page.get_by_label("Expertise keywords").fill("energy poverty, building retrofit, thermal comfort")
    sdg_box(page, 7).check()
    sdg_box(page, 11).check()
    languages = page.get_by_role("group", name="Languages you work in")
    languages.get_by_role("checkbox", name="Italian").check()
    languages.get_by_role("checkbox", name="English").check()
    page.get_by_label("New collaborations you can take each semester").fill("3")
    page.get_by_label("I am available for new collaborations now").check()
    page.get_by_label("Show my profile in the public directory").check()
    page.get_by_role("button", name="Save the profile").click()

    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    expect(page.get_by_label("Role")).to_have_value("associate_professor")
    expect(page.get_by_label("Expertise keywords")).to_have_value("energy poverty, building retrofit, thermal comfort")
    expect(sdg_box(page, 7)).to_be_checked()
    expect(sdg_box(page, 11)).to_be_checked()
    expect(page.get_by_label("Show my profile in the public directory")).to_be_checked()
    check_accessibility(page)

    bib = tmp_path / "my-papers.bib"
    bib.write_text(BIBTEX, encoding="utf-8")
    page.get_by_label("BibTeX (.bib) or CSV file").set_input_files(str(bib))
    page.get_by_role("button", name="Add the publications").click()
    expect(page.get_by_role("status")).to_contain_text("2 publications added.")
    publications = page.get_by_role("region", name="Publications")
    expect(publications.get_by_role("listitem")).to_have_count(2)
    expect(publications).to_contain_text("Energy Poverty in Turin's Social Housing (2023)")
    expect(publications).to_contain_text("Low-cost Retrofit with Tenants' Associations (2021)")
    check_accessibility(page)
    screenshot(page, "14-academic-profile-with-publications")

    follow_menu_link(page, "Your work", "Your offers")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your offers")
    check_accessibility(page)
    page.get_by_role("main").get_by_role("link", name="Post an offer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Post an offer")
    check_accessibility(page)
    page.get_by_label("Title").fill("Energy audits of social housing")
    page.get_by_label("Description").fill("With my students I can audit **up to ten buildings** a year.")
    page.get_by_label("Kind of offer").select_option(label="Technical support")
    sdg_box(page, 7).check()
    page.get_by_label("Keywords").fill("energy audit, housing")
    page.get_by_label("How many collaborations at once").fill("2")
    page.get_by_role("button", name="Publish the offer").click()

    expect(page.get_by_role("status")).to_contain_text("Your offer is published.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Energy audits of social housing")
    check_accessibility(page)
    screenshot(page, "15-academic-offer-published")

    with visitor_page(page) as other:
        visit(other, "/offers/")
        offer = other.get_by_role("article", name="Energy audits of social housing")
        expect(offer).to_contain_text("Anna Rossi")
        expect(offer).to_contain_text("up to ten buildings")
        screenshot(other, "16-visitor-sees-offers")

        visit(other, "/people")
        person = other.get_by_role("article", name="Anna Rossi")
        expect(person).to_contain_text("Associate professor")
        expect(person).to_contain_text("available")
        expect(person.get_by_role("list", name="Keywords")).to_contain_text("energy poverty")
        screenshot(other, "17-visitor-sees-people")
        person.get_by_role("link", name="Anna Rossi").click()
        expect(other.get_by_role("heading", level=1)).to_have_text("Anna Rossi")
        expect(other.get_by_role("main")).to_contain_text("Energy Poverty in Turin's Social Housing")
        expect(other.get_by_role("link", name="Energy audits of social housing")).to_be_visible()
        check_accessibility(other)
        screenshot(other, "18-visitor-sees-the-profile")


def test_visitor_filters_challenges_by_goal_and_the_address_keeps_the_filter(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        organisation = make.organisation(name="Rete Quartieri", status=OrganisationStatus.VERIFIED)
        member = make.member(organisation, verified=True)
        publish_challenge(organisation, member, "Clean water for community gardens", [6, 11])
        publish_challenge(organisation, member, "Solar panels on the parish roof", [7])
        publish_challenge(organisation, member, "Energy advice desk", [7, 1])

    visit(page, "/challenges/")
    expect(page.get_by_role("article")).to_have_count(3)
    filters = page.get_by_role("search", name="Filter challenges")
    filters.get_by_label("Goal (SDG)").select_option("7")
    filters.get_by_role("button", name="Show challenges").click()

    expect(page).to_have_url(re.compile(r"[?&]sdg=7(&|$)"))
    titles = page.get_by_role("article").get_by_role("heading")
    expect(titles).to_have_count(2)
    expect(titles).to_contain_text(["Energy advice desk", "Solar panels on the parish roof"], ignore_case=False)
    expect(page.get_by_role("article", name="Clean water for community gardens")).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text("2 results")
    expect(page.get_by_label("Goal (SDG)")).to_have_value("7")
    check_accessibility(page)
    screenshot(page, "19-visitor-filters-by-sdg")

    filtered = page.url
    page.reload()
    expect(page).to_have_url(filtered)
    expect(page.get_by_role("article")).to_have_count(2)
    expect(page.get_by_role("article", name="Clean water for community gardens")).to_have_count(0)
    expect(page.get_by_label("Goal (SDG)")).to_have_value("7")
    check_accessibility(page)


def test_challenge_form_with_a_mistake_keeps_what_was_typed_and_focuses_the_first_mistake(page, in_live_app):
    with in_live_app():
        member = factories.Factory().member(name="Paolo Verdi", verified=True)
        email = member.email
    yesterday = date.today() - timedelta(days=1)

    sign_in(page, email, "Paolo Verdi")
    visit(page, "/challenges/new")
    page.get_by_label("Title").fill("Safer crossings near the school")
    page.get_by_label("Summary").fill("Children cross a busy road every morning.")
    page.get_by_label("Description").fill("We counted **300 cars** an hour.")
    page.get_by_label("Kind of help sought").select_option(label="Student project or thesis")
    sdg_box(page, 3).check()
    sdg_box(page, 11).check()
    page.get_by_label("Keywords").fill("road safety, children")
    page.get_by_label("Place").fill("Mirafiori Sud")
    page.get_by_label("Deadline").fill(yesterday.isoformat())
    page.get_by_role("button", name="Save as draft").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please correct the highlighted fields.")
    expect(summary).to_contain_text("Deadline: This date is in the past")
    deadline = page.get_by_label("Deadline")
    expect(deadline).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#deadline-error")).to_contain_text("This date is in the past")
    expect(deadline).to_be_focused()
    expect(deadline).to_have_value(yesterday.isoformat())
    expect(page.get_by_label("Title")).to_have_value("Safer crossings near the school")
    expect(page.get_by_label("Summary")).to_have_value("Children cross a busy road every morning.")
    expect(page.get_by_label("Description")).to_have_value("We counted **300 cars** an hour.")
    expect(page.get_by_label("Kind of help sought")).to_have_value("student_project")
    expect(sdg_box(page, 3)).to_be_checked()
    expect(sdg_box(page, 11)).to_be_checked()
    expect(sdg_box(page, 7)).not_to_be_checked()
    expect(page.get_by_label("Keywords")).to_have_value("road safety, children")
    expect(page.get_by_label("Place")).to_have_value("Mirafiori Sud")
    check_accessibility(page)
    screenshot(page, "20-challenge-form-error-keeps-input")

    # An empty title too: now the focus goes to the title, the first field with a mistake.
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Save as draft").click()
    title = page.get_by_label("Title")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#title-error")).to_have_text("This field is required.")
    expect(title).to_be_focused()
    expect(sdg_box(page, 3)).to_be_checked()
    expect(page.get_by_label("Place")).to_have_value("Mirafiori Sud")
    check_accessibility(page)


@pytest.mark.parametrize("locale", ["it-IT"])
def test_offer_profile_and_people_pages_are_accessible_in_italian(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        academic = make.academic(name="Luca Ferri", department_code="DIST", verified=True)
        academic_services.update_profile(academic.academic_profile, {
            "department": "DIST", "academic_role": "researcher", "biography": "Urbanistica *partecipata*.",
            "expertise": "rigenerazione urbana, partecipazione", "sdgs": [11, 16], "languages": ["it", "en"],
            "capacity_per_semester": 2, "available": True, "directory_opt_in": True})
        academic_services.add_publication(academic.academic_profile, {"title": "Quartieri in transizione",
                                                                      "year": 2022})
        offer = offer_services.create_offer(academic, {
            "title": "Laboratori di progettazione partecipata", "description": "Con gli studenti del **corso**.",
            "kind": "student_project", "sdgs": [11], "keywords": "partecipazione"})
        db.session.commit()
        offer_id, user_id = offer.id, academic.id

    visit(page, f"/offers/{offer_id}")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.get_by_role("heading", level=1)).to_have_text("Laboratori di progettazione partecipata")
    screenshot(page, "21-offer-detail-it")
    visit(page, f"/people/{user_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Luca Ferri")
    screenshot(page, "22-profile-detail-it")
    visit(page, "/people")
    expect(page.get_by_role("article", name="Luca Ferri")).to_be_visible()
    screenshot(page, "23-people-directory-it")
