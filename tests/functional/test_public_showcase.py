"""The public showcase as a visitor browses it: initiatives found by their partner or lead, an initiative's page
leading to the directory pages of its people who opted in, and an academic's directory page listing the public
initiatives they lead."""
import re

from matchmaker.extensions import db
from matchmaker.initiatives.models import InitiativePartner, InitiativePerson
from matchmaker.types import utcnow


def english(client, url):
    return client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_an_initiative_page_links_the_people_in_the_directory_and_only_names_the_others(client, make):
    listed = make.academic(verified=True, name="Elena Listed")
    make.profile(listed)
    unlisted = make.academic(verified=True, name="Ugo Unlisted")
    make.profile(unlisted, directory_opt_in=False)
    initiative = make.initiative(listed, title="Community maps")
    db.session.add(InitiativePerson(initiative_id=initiative.id, user_id=unlisted.id, lead=True, position=1))
    db.session.commit()
    page = english(client, f"/initiatives/{initiative.id}")
    assert f'<a href="/people/{listed.id}">Elena Listed</a>' in page
    assert "Ugo Unlisted" in page and f"/people/{unlisted.id}" not in page


def test_an_academic_s_directory_page_lists_the_public_initiatives_they_lead(client, make):
    academic = make.academic(verified=True, name="Elena Listed")
    make.profile(academic)
    make.initiative(academic, title="Community maps of Barriera")
    make.initiative(academic, title="Pending school gardens", approved=False)
    make.initiative(academic, title="Hidden repair café", hidden_at=utcnow(), hidden_reason="Duplicate entry")
    other = make.initiative(title="Someone else's choir")
    db.session.add(InitiativePerson(initiative_id=other.id, user_id=academic.id, lead=False, position=1))
    db.session.commit()
    page = english(client, f"/people/{academic.id}")
    assert "Initiatives they lead" in page and "Community maps of Barriera" in page
    for absent in ("Pending school gardens", "Hidden repair café", "Someone else&#39;s choir", "Someone else's choir"):
        assert absent not in page


def test_a_directory_page_without_initiatives_has_no_initiatives_heading(client, make):
    academic = make.academic(verified=True)
    make.profile(academic)
    page = english(client, f"/people/{academic.id}")
    assert "Initiatives they lead" not in page


def test_the_directory_page_reads_in_italian(client, make):
    academic = make.academic(verified=True)
    make.profile(academic)
    make.initiative(academic, title="Mappe di comunità")
    page = client.get(f"/people/{academic.id}", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "Iniziative che guida" in page and "Mappe di comunità" in page


def test_a_visitor_finds_initiatives_by_their_partner_or_their_lead(client, make):
    lead = make.academic(verified=True, name="Francesca Ricci")
    partner = make.organisation(name="Cooperativa Il Ponte")
    with_partner = make.initiative(title="Energy help desk")
    with_partner.partners = [InitiativePartner(organisation_id=partner.id, position=0),
                             InitiativePartner(name="Comitato Falchera", position=1)]
    make.initiative(lead, title="Community maps")
    make.initiative(title="Air sensors at school")
    db.session.commit()
    for query, found in (("ponte", "Energy help desk"), ("Comitato Falchera", "Energy help desk"),
                         ("ricci", "Community maps")):
        page = english(client, f"/initiatives/?q={query}")
        assert found in page, query
        assert "Air sensors at school" not in page


def test_a_search_does_not_tell_who_takes_part_where_the_page_does_not_name_them(client, make):
    hidden = make.academic(verified=True, name="Ottavio Riservato")
    make.profile(hidden, directory_opt_in=False)
    initiative = make.initiative(title="Choir for the elderly")
    db.session.add(InitiativePerson(initiative_id=initiative.id, user_id=hidden.id, lead=False, position=1))
    db.session.commit()
    assert "Choir for the elderly" not in english(client, "/initiatives/?q=Riservato")
    assert "Choir for the elderly" in re.sub(r"<[^>]+>", "", english(client, "/initiatives/?q=choir"))
