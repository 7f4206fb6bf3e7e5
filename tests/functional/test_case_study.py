"""An initiative's impact case study: its five REF sections with the right content, who may read it, who is
named in it, and its PDF for coordinators."""
import io
import re
from datetime import date

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from matchmaker.academics.models import Publication
from matchmaker.auth.models import Language
from matchmaker.casestudies.views import EVIDENCE_ENDPOINT, pdf_filename
from matchmaker.extensions import db
from matchmaker.impact.models import Indicator, IndicatorValue, Verification
from matchmaker.initiatives.models import InitiativePartner, InitiativePerson, Milestone
from matchmaker.reference.services import seed_reference_data
from matchmaker.types import utcnow

SECTIONS = ("1. Summary of the impact", "2. Underpinning research", "3. References to the research",
            "4. Details of the impact", "5. Sources to corroborate the impact")
SECTIONS_IT = ("1. Sintesi dell'impatto", "2. Ricerca alla base", "3. Riferimenti alla ricerca",
               "4. Dettagli dell'impatto", "5. Fonti a conferma dell'impatto")


def english(client, url, **kwargs):
    return client.get(url, headers={"Accept-Language": "en"}, **kwargs)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def indicator(code: str) -> Indicator:
    if db.session.scalar(sa.select(Indicator).where(Indicator.code == code)) is None:
        seed_reference_data()
        db.session.commit()
    return db.session.scalar(sa.select(Indicator).where(Indicator.code == code))


def add_value(initiative, code: str, value: float, state=Verification.DECLARED, year=2025, **fields) -> IndicatorValue:
    row = IndicatorValue(initiative_id=initiative.id, indicator_id=indicator(code).id, year=year, value=value,
                         method=fields.pop("method", "Counted at the door"),
                         measured_by=fields.pop("measured_by", "The project team"), state=state, **fields)
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def energy_desk(make):
    """A public initiative on energy poverty, led by an academic in the directory with two publications (one on
    energy poverty, one on something else), with a partner, a milestone and figures in every state."""
    lead = make.academic(verified=True, name="Francesca Ricci", department_code="DENERG")
    make.profile(lead)
    coordinator = make.coordinator(verified=True, name="Carla Coordinatrice")
    partner = make.organisation(name="Cooperativa Il Ponte")
    initiative = make.initiative(
        lead, title="Energy help desk for the families of Falchera",
        summary="Students help families read their energy bills and cut their costs.",
        description="Every Thursday students of energy engineering meet families facing energy poverty.",
        partner_story="Our families now understand their bills.", place="Falchera, Torino", sdgs=(7, 11),
        departments=("DENERG",), starts_on=date(2024, 2, 1))
    initiative.partners = [InitiativePartner(organisation_id=partner.id, position=0)]
    initiative.milestones = [Milestone(title="First desk open", due_on=date(2024, 3, 1), done=True)]
    db.session.add_all([
        Publication(user_id=lead.id, title="Energy poverty in Turin: mapping families at risk", year=2023,
                    venue="Energy Policy", url="https://doi.org/10.1000/energy-poverty",
                    abstract="Indicators of energy poverty for families, bills and costs."),
        Publication(user_id=lead.id, title="Sitting volleyball: a biomechanical analysis", year=2024,
                    venue="Sports Biomechanics", abstract="Movement on court."),
    ])
    db.session.commit()
    add_value(initiative, "people_reached", 340, Verification.CONFIRMED, state_by_name="Maria Bianchi",
              state_at=utcnow(), evidence_url="https://example.org/register-of-visits.pdf")
    add_value(initiative, "events", 12, Verification.CONFIRMED, state_by_id=coordinator.id, state_at=utcnow())
    add_value(initiative, "students_involved", 9, Verification.DECLARED,
              evidence_url="https://example.org/student-list")
    add_value(initiative, "volunteers", 777, Verification.DISPUTED, state_reason="Counted twice at every event",
              evidence_url="https://example.org/disputed-volunteers")
    return initiative


def test_a_visitor_reads_the_five_sections_of_a_public_initiative_s_case_study(client, energy_desk):
    response = english(client, f"/initiatives/{energy_desk.id}/case-study")
    assert response.status_code == 200
    page = text_of(response)
    positions = [page.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    summary, research, references, details, sources = (page[a:b] for a, b in zip(
        positions, positions[1:] + [len(page)], strict=True))
    assert "Students help families read their energy bills" in summary
    assert "Francesca Ricci" in research and "(lead)" in research
    assert "Energy poverty in Turin: mapping families at risk" in research
    assert "Energy Policy" in references and "2023" in references
    assert 'href="https://doi.org/10.1000/energy-poverty"' in response.get_data(as_text=True)
    assert "Sitting volleyball" not in page  # shares no word with the initiative
    for expected in ("energy poverty", "Our families now understand their bills", "First desk open",
                     "Falchera, Torino", "Cooperativa Il Ponte", "SDG 7", "People reached", "340",
                     "Counted at the door"):
        assert expected in details, expected
    assert "https://example.org/register-of-visits.pdf" in sources
    assert "Confirmed by the partner organisation" in sources
    assert "Confirmed by a coordinator of PoliTO for Society" in sources
    assert "Declared by The project team, not confirmed yet" in sources
    assert "https://example.org/student-list" in sources


def test_disputed_figures_are_listed_as_disputed_and_never_as_evidence(client, energy_desk):
    html = english(client, f"/initiatives/{energy_desk.id}/case-study").get_data(as_text=True)
    evidence = html[html.index('class="case-study-sources"'):html.index('id="cs-disputed"')]
    disputed = html[html.index('id="cs-disputed"'):]
    assert "777" not in evidence and "disputed-volunteers" not in evidence
    assert "777" in disputed and "Disputed" in disputed
    assert "disputed-volunteers" not in html  # a disputed value's evidence link is no source at all


def test_why_a_figure_is_disputed_is_read_by_its_curators_not_the_public(client, make, login, energy_desk):
    assert "Counted twice" not in english(client, f"/initiatives/{energy_desk.id}/case-study").get_data(as_text=True)
    login(make.coordinator(verified=True))
    assert "Counted twice at every event" in english(
        client, f"/initiatives/{energy_desk.id}/case-study").get_data(as_text=True)


def test_an_evidence_document_is_a_source(client, energy_desk):
    add_value(energy_desk, "academic_hours", 120, Verification.DECLARED, evidence_key="k" * 40,
              evidence_filename="timesheets-2025.pdf", evidence_content_type="application/pdf")
    html = english(client, f"/initiatives/{energy_desk.id}/case-study").get_data(as_text=True)
    sources = html[html.index('class="case-study-sources"'):html.index('id="cs-disputed"')]
    assert "Academic hours given, 2025" in sources and "timesheets-2025.pdf" in sources


def test_an_evidence_document_links_to_where_the_app_serves_it(app, client, energy_desk):
    if EVIDENCE_ENDPOINT not in app.view_functions:  # this branch without the impact values' pages
        app.add_url_rule("/impact/values/<int:value_id>/evidence", EVIDENCE_ENDPOINT, lambda value_id: "")
    row = add_value(energy_desk, "academic_hours", 120, Verification.CONFIRMED, evidence_key="k" * 40,
                    evidence_filename="timesheets-2025.pdf", evidence_content_type="application/pdf")
    html = english(client, f"/initiatives/{energy_desk.id}/case-study").get_data(as_text=True)
    assert re.search(rf'href="http://[^"]+/impact/values/{row.id}/evidence">timesheets-2025.pdf</a>', html)


def test_a_partner_is_named_as_they_typed_and_an_account_s_name_to_coordinators_only(client, make, login,
                                                                                     energy_desk):
    """As on the initiative page: the confirmation form tells the partner their name will be shown."""
    public = english(client, f"/initiatives/{energy_desk.id}/case-study").get_data(as_text=True)
    assert "Maria Bianchi" in public and "Carla Coordinatrice" not in public
    login(make.coordinator(verified=True))
    page = english(client, f"/initiatives/{energy_desk.id}/case-study").get_data(as_text=True)
    assert "Maria Bianchi" in page and "Carla Coordinatrice" in page


def test_the_case_study_reads_in_italian(client, energy_desk):
    response = client.get(f"/initiatives/{energy_desk.id}/case-study", headers={"Accept-Language": "it"})
    page = text_of(response)
    assert 'lang="it"' in response.get_data(as_text=True)
    for section in SECTIONS_IT:
        assert section in page, section
    assert "Confermato dall'organizzazione partner" in page and "Contestato" in page


def test_people_not_shown_publicly_are_not_named_nor_their_publications_listed(client, make, energy_desk):
    hidden = make.academic(verified=True, name="Ottavio Riservato")
    make.profile(hidden, directory_opt_in=False)
    db.session.add(InitiativePerson(initiative_id=energy_desk.id, user_id=hidden.id, lead=False, position=5))
    db.session.add(Publication(user_id=hidden.id, title="Energy bills of families in Falchera", year=2025,
                               venue="Private notes", abstract="Energy poverty, families, bills."))
    db.session.commit()
    page = text_of(english(client, f"/initiatives/{energy_desk.id}/case-study"))
    assert "Ottavio Riservato" not in page and "Energy bills of families in Falchera" not in page
    assert "and 1 more person" in page


def test_a_lead_outside_the_directory_is_named_but_their_publications_stay_off_the_public_page(
        client, make, login, energy_desk):
    lead = db.session.get(InitiativePerson, energy_desk.people[0].id).user
    make.profile(lead, directory_opt_in=False)
    page = text_of(english(client, f"/initiatives/{energy_desk.id}/case-study"))
    assert "Francesca Ricci" in page and "Energy poverty in Turin" not in page
    login(make.coordinator(verified=True))
    assert "Energy poverty in Turin" in text_of(english(client, f"/initiatives/{energy_desk.id}/case-study"))


def test_without_related_publications_the_leads_latest_ones_are_the_references(client, make):
    lead = make.academic(verified=True)
    make.profile(lead)
    initiative = make.initiative(lead, title="Choir for the elderly", summary="Singing together weekly.")
    db.session.add_all([Publication(user_id=lead.id, title=f"Bridge fatigue study {n}", year=2010 + n)
                        for n in range(5)])
    db.session.commit()
    page = text_of(english(client, f"/initiatives/{initiative.id}/case-study"))
    assert "these are their latest ones" in page
    assert "Bridge fatigue study 4" in page and "Bridge fatigue study 2" in page
    assert "Bridge fatigue study 1" not in page  # three per person


@pytest.mark.parametrize("who", ["visitor", "member", "other_academic"])
def test_a_non_public_initiative_s_case_study_does_not_exist_for_outsiders(client, make, login, who):
    initiative = make.initiative(approved=False, title="Pending neighbourhood map")
    if who == "member":
        login(make.member(verified=True))
    elif who == "other_academic":
        login(make.academic(verified=True))
    for url in (f"/initiatives/{initiative.id}/case-study", f"/initiatives/{initiative.id}/case-study.pdf"):
        response = english(client, url)
        assert response.status_code == 404 and "Pending neighbourhood map" not in response.get_data(as_text=True)


def test_the_lead_of_a_pending_initiative_reads_its_case_study_with_a_warning(client, make, login):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead, approved=False, title="Pending neighbourhood map")
    login(lead)
    page = text_of(english(client, f"/initiatives/{initiative.id}/case-study"))
    assert "Pending neighbourhood map" in page and "This initiative is not public" in page


def test_forged_ids_answer_404(client):
    assert english(client, "/initiatives/999999/case-study").status_code == 404
    assert english(client, "/initiatives/99999999999999999999/case-study").status_code == 404
    assert english(client, "/initiatives/abc/case-study.pdf").status_code == 404


def test_the_initiative_page_links_its_case_study(client, energy_desk):
    page = english(client, f"/initiatives/{energy_desk.id}").get_data(as_text=True)
    assert f'href="/initiatives/{energy_desk.id}/case-study"' in page


def test_the_pdf_is_for_coordinators_only_and_the_page_says_so(client, make, login, energy_desk):
    url = f"/initiatives/{energy_desk.id}/case-study.pdf"
    visitor = english(client, url)
    assert visitor.status_code in (302, 401) and not visitor.data.startswith(b"%PDF")
    if visitor.status_code == 302:
        assert "/login" in visitor.headers["Location"]
    page = english(client, f"/initiatives/{energy_desk.id}/case-study").get_data(as_text=True)
    assert url not in page and "Print command" in page
    lead = db.session.get(InitiativePerson, energy_desk.people[0].id).user
    for person in (lead, make.member(verified=True), make.academic(verified=True)):
        login(person)
        assert english(client, url).status_code == 403
        assert url not in english(client, f"/initiatives/{energy_desk.id}/case-study").get_data(as_text=True)
        client.post("/logout")


def test_a_coordinator_downloads_a_tagged_pdf_of_the_case_study(client, make, login, energy_desk):
    login(make.coordinator(verified=True, language=Language.EN))
    response = english(client, f"/initiatives/{energy_desk.id}/case-study.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="case-study-{energy_desk.id}-energy-help-desk-for-the-families-of-falchera.pdf"')
    reader = PdfReader(io.BytesIO(response.data))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Energy help desk for the families of Falchera" in text
    assert "5. Sources to corroborate the impact" in text and "Maria Bianchi" in text
    assert "Welcome back" not in text  # the sign-in's message is no part of the document
    assert f"/initiatives/{energy_desk.id}/case-study.pdf" in english(
        client, f"/initiatives/{energy_desk.id}/case-study").get_data(as_text=True)


def test_without_weasyprint_the_pdf_answers_a_clear_503(client, make, login, energy_desk, monkeypatch):
    from matchmaker.casestudies import views
    from matchmaker.printing import PdfUnavailable

    def unavailable(_html):
        raise PdfUnavailable("no Pango here")

    monkeypatch.setattr(views, "pdf_from_html", unavailable)
    login(make.coordinator(verified=True))
    response = english(client, f"/initiatives/{energy_desk.id}/case-study.pdf")
    assert response.status_code == 503
    assert "The PDF cannot be made now" in response.get_data(as_text=True)
    assert "no Pango here" not in response.get_data(as_text=True)


@pytest.mark.parametrize(("title", "expected"), [
    ("Comunità energetica a Settimo", "case-study-7-comunita-energetica-a-settimo.pdf"),
    ("«»", "case-study-7.pdf"),
    ('a/../"b"\r\nc', "case-study-7-a-b-c.pdf"),
])
def test_the_pdf_file_name_is_ascii_and_safe(title, expected):
    assert pdf_filename(title, 7) == expected


def test_a_merged_initiative_s_case_study_leads_to_the_one_kept(client, make, energy_desk):
    duplicate = make.initiative(title="Energy desk (duplicate)", merged_into_id=energy_desk.id, hidden_at=utcnow())
    response = english(client, f"/initiatives/{duplicate.id}/case-study")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/initiatives/{energy_desk.id}/case-study")


def test_a_publication_sharing_one_word_by_chance_is_left_out_when_others_share_many(client, make, energy_desk):
    lead = db.session.get(InitiativePerson, energy_desk.people[0].id).user
    db.session.add(Publication(user_id=lead.id, title="Thursday seminars on turbines", year=2025))
    db.session.commit()
    page = text_of(english(client, f"/initiatives/{energy_desk.id}/case-study"))
    assert "Energy poverty in Turin" in page and "Thursday seminars on turbines" not in page
