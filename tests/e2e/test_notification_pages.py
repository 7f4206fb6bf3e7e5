"""The bell and the notifications page in a real browser, in both languages, on a desktop and a phone: the count,
the list with links, marking as read, the preferences; axe on every page, screenshots in test-artifacts/."""
import re

import pytest
from playwright.sync_api import expect

from matchmaker.auth.models import Language
from matchmaker.extensions import db
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.workflow.services import post_message
from matchmaker.workflow.stages import Stage
from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"bell": "Notifications", "unread": "unread", "all_read": "Mark all as read", "read": "Mark as read",
           "sign_in": "Sign in", "password": "Password", "save": "Save the notification preferences"},
    "it": {"bell": "Notifiche", "unread": "da leggere", "all_read": "Segna tutte come lette",
           "read": "Segna come letta", "sign_in": "Accedi", "password": "Password",
           "save": "Salva le preferenze per le notifiche"},
}


@pytest.mark.parametrize("language, width", [("en", 1280), ("it", 1280), ("en", 390), ("it", 390)])
def test_a_member_follows_the_bell_to_what_happened_and_marks_it_read(page, in_live_app, language, width):
    words = WORDS[language]
    with in_live_app():
        make = factories.Factory()
        organisation = make.organisation(name="Cooperativa Casa Comune", status=OrganisationStatus.VERIFIED)
        member = make.member(organisation, name="Sara Moretti", verified=True, language=Language(language))
        academic = make.profile(make.academic(name="Luca Bianchi", verified=True),
                                biography="Energy retrofit of social housing.", expertise=["energy"]).user
        challenge = make.challenge(organisation, author=member, title="Warmer homes in Barriera di Milano")
        proposal = make.proposal(Stage.FRAMING, challenge=challenge, member=member, academic=academic)
        post_message(proposal, academic, "I have drafted the problem statement: could you read it before Friday?")
        db.session.commit()
        email, proposal_id = member.email, proposal.id

    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    bell = page.locator("#bell")
    expect(bell).to_contain_text(f"2 {words['unread']}")
    check_accessibility(page)
    screenshot(page, f"notifications-bell-{language}-{width}")
    bell.click()

    expect(page).to_have_url(re.compile(r"/notifications$"))
    items = page.get_by_role("list", name=re.compile(".")).locator("li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Luca Bianchi")
    expect(items.first.get_by_role("link")).to_have_attribute("href", f"/proposals/{proposal_id}")
    check_accessibility(page)
    screenshot(page, f"notifications-page-{language}-{width}")

    items.first.get_by_role("button", name=re.compile(words["read"])).click()
    expect(page.locator("#bell")).to_contain_text(f"1 {words['unread']}")
    page.get_by_role("button", name=words["all_read"]).click()
    expect(page.locator("#bell .badge")).to_have_count(0)
    page.locator("#id-move, #move").first.select_option("digest")
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("status")).to_be_visible()
    check_accessibility(page)
