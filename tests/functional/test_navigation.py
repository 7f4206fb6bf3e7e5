"""The main menu: public links for everyone, a person's own pages under "Your work", the coordinators' pages under
"Coordination" (for coordinators only), and the page shown marked in it."""
import re

from matchmaker.auth.models import Language, Role, UserRole
from matchmaker.extensions import db
from matchmaker.orgs.models import OrganisationStatus
from tests.pages import text_of

COORDINATION_PAGES = {"/coordination/organisations", "/dashboard/pipeline", "/coordination/matching",
                      "/coordination/sdgs", "/coordination/initiatives/import", "/coordination/outbox"}
OWN_PAGES = {"/dashboard", "/challenges/mine", "/offers/mine", "/profile", "/matching/for-you", "/proposals"}


def navbar(html: str) -> str:
    return html.split("<header>", 1)[1].split("</header>", 1)[0]


def group(html: str, key: str) -> str:
    """The list of one group of the menu ('' when the page has none)."""
    found = re.search(rf'<ul class="dropdown-menu[^"]*" id="{key}"[^>]*>(.*?)</ul>', navbar(html), re.S)
    return found.group(1) if found else ""


def links(fragment: str) -> set[str]:
    return set(re.findall(r'href="([^"#]+)"', fragment))


def toggle(html: str, key: str) -> str:
    found = re.search(rf'<a [^>]*id="{key}-toggle"[^>]*>', navbar(html))
    return found.group(0) if found else ""


def coordinator_with_every_role(make, language=Language.EN):
    """A coordinator who is also an academic and a member of an organisation: the longest menu there is."""
    person = make.academic(name="Roberta Lanza", verified=True, language=language)
    person.role_rows += [UserRole(role=Role.COORDINATOR), UserRole(role=Role.ORGANISATION)]
    db.session.commit()
    make.organisation(members=[person])
    return person


def test_a_coordinator_finds_every_coordination_page_in_the_coordination_group(client, make, login):
    login(coordinator_with_every_role(make))

    html = text_of(client.get("/", headers={"Accept-Language": "en"}))

    assert links(group(html, "nav-coordination")) == COORDINATION_PAGES
    assert links(group(html, "nav-your-work")) == OWN_PAGES
    # Nowhere else in the menu: the row stays short.
    outside_groups = re.sub(r'<ul class="dropdown-menu.*?</ul>', "", navbar(html), flags=re.S)
    assert not links(outside_groups) & (COORDINATION_PAGES | OWN_PAGES)
    assert ">Coordination</a>" in navbar(html) and ">Your work</a>" in navbar(html)


def test_a_member_sees_their_work_and_no_coordination_group(client, make, login):
    login(make.member(verified=True))

    html = text_of(client.get("/", headers={"Accept-Language": "en"}))

    assert group(html, "nav-coordination") == "" and "Coordination" not in navbar(html)
    assert not [href for href in links(navbar(html)) if href.startswith("/coordination")]
    assert links(group(html, "nav-your-work")) == {"/dashboard", "/challenges/mine", "/proposals"}


def test_a_visitor_sees_the_public_links_and_no_group(client):
    html = text_of(client.get("/", headers={"Accept-Language": "en"}))

    assert {"/challenges/", "/offers/", "/people", "/initiatives/", "/login"} <= links(navbar(html))
    assert "dropdown-menu" not in navbar(html)


def test_the_menu_marks_the_page_shown_and_the_group_that_holds_it(client, make, login):
    login(coordinator_with_every_role(make, Language.IT))

    html = text_of(client.get("/coordination/sdgs"))

    assert re.search(r'<a class="dropdown-item active" href="/coordination/sdgs" aria-current="page">'
                     r"Obiettivi SDG da rivedere</a>", group(html, "nav-coordination"))
    assert navbar(html).count('aria-current="page"') == 1
    assert 'aria-current="true"' in toggle(html, "nav-coordination") and ">Coordinamento</a>" in navbar(html)
    assert "aria-current" not in toggle(html, "nav-your-work")


def test_the_later_steps_of_a_page_keep_its_group_marked(client, make, login):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    proposal = make.proposal(challenge=make.challenge(organisation, author=member), member=member)
    login(member)

    html = text_of(client.get(f"/proposals/{proposal.id}", headers={"Accept-Language": "en"}))

    assert 'aria-current="true"' in toggle(html, "nav-your-work")
    assert re.search(r'href="/proposals" aria-current="true">Proposals</a>', group(html, "nav-your-work"))
    assert 'aria-current="page"' not in navbar(html)
