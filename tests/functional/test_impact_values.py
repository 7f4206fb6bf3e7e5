"""Impact values through their pages: who records, edits, deletes, confirms and disputes them, what the initiative
page says about each, how bad input is refused with nothing written, and the evidence documents."""
import io
import zipfile

import pytest
import sqlalchemy as sa

from matchmaker.auth.models import Language
from matchmaker.extensions import db
from matchmaker.impact.models import Indicator, IndicatorValue, ValueAction, ValueEvent, Verification
from matchmaker.initiatives.models import InitiativePartner
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.reference.services import seed_reference_data
from matchmaker.types import utcnow
from tests.pages import field_error, text_of

PDF = b"%PDF-1.4\n" + b"0" * 200


@pytest.fixture
def app_settings(tmp_path):
    return {"IMPACT_EVIDENCE_DIR": str(tmp_path / "evidence"), "IMPACT_EVIDENCE_MAX_BYTES": 4096}


@pytest.fixture(autouse=True)
def catalogue(app):
    """The standard indicators, which each test's clean-up removes with the custom ones."""
    seed_reference_data()
    db.session.commit()


def indicator(code="people_reached") -> Indicator:
    return db.session.scalar(sa.select(Indicator).where(Indicator.code == code))


def form(**changes) -> dict:
    data = {"indicator_id": str(indicator().id), "year": "2025", "value": "1250", "method": "Sign-in sheets of the "
            "twelve workshops", "measured_by": "Cooperativa Barriera", "evidence_url": "https://example.org/report"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def values() -> list[IndicatorValue]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(IndicatorValue).order_by(IndicatorValue.id)))


def events(value) -> list[ValueAction]:
    return list(db.session.scalars(sa.select(ValueEvent.action).where(ValueEvent.value_id == value.id)
                                   .order_by(ValueEvent.id)))


def a_value(initiative, state=Verification.DECLARED, **fields) -> IndicatorValue:
    value = IndicatorValue(initiative_id=initiative.id, indicator=indicator(), year=fields.pop("year", 2024),
                           value=fields.pop("value", 300.0), method="Register of the desk",
                           measured_by="The desk's volunteers", state=state, **fields)
    if state is Verification.DISPUTED:
        value.state_reason = value.state_reason or "We counted 200, not 300."
    if state is Verification.CONFIRMED:
        value.state_by_name, value.state_at = "Anna Neri, Cooperativa Barriera", utcnow()
    db.session.add(value)
    db.session.commit()
    return value


# --- recording ---------------------------------------------------------------------------------------------

def test_a_lead_records_a_value_with_its_source_and_the_page_shows_it_declared(client, make, login):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    login(lead)

    response = client.post(f"/impact/values/new/{initiative.id}", data=form(value="1.250,5"))

    assert response.status_code == 302
    [value] = values()
    assert (value.value, value.year, value.state, value.recorded_by_id) == (1250.5, 2025, Verification.DECLARED,
                                                                            lead.id)
    assert events(value) == [ValueAction.DECLARED]
    page = text_of(client.get(f"/initiatives/{initiative.id}", headers={"Accept-Language": "en"}))
    assert "Sign-in sheets of the twelve workshops" in page and "Cooperativa Barriera" in page
    assert "Declared by the academic" in page and "0 of 1 values (0%)" in page


@pytest.mark.parametrize(("typed", "stored"), [("12,5", 12.5), ("12.5", 12.5), ("1.234,5", 1234.5),
                                               ("1,234.5", 1234.5), ("1 250", 1250.0), ("0", 0.0)])
def test_numbers_are_read_as_people_type_them_in_italian_or_english(client, make, login, typed, stored):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    login(lead)
    assert client.post(f"/impact/values/new/{initiative.id}", data=form(value=typed)).status_code == 302
    assert values()[0].value == stored


def test_a_lead_records_a_value_of_a_new_custom_indicator(client, make, login):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    login(lead)

    response = client.post(f"/impact/values/new/{initiative.id}", data=form(
        indicator_id="custom", custom_name="Families supported", custom_unit="families",
        custom_outcome="vulnerable_reached"))

    assert response.status_code == 302
    [value] = values()
    assert value.indicator.custom and value.indicator.code == "custom-families-supported-families"
    assert value.indicator.outcome.value == "vulnerable_reached"


def test_the_same_indicator_and_year_twice_is_refused_with_a_message(client, make, login):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    a_value(initiative, year=2025)
    login(lead)

    response = client.post(f"/impact/values/new/{initiative.id}", data=form(), headers={"Accept-Language": "en"})

    assert response.status_code == 422
    assert "already has a value of this indicator for 2025" in field_error(text_of(response), "year")
    assert len(values()) == 1


NEXT_YEAR_PLUS_ONE = str(utcnow().year + 2)
BAD_INPUT = [
    ({"year": "1989"}, "year", "Give a year from 1990 to", "Indica un anno dal 1990 al"),
    ({"year": NEXT_YEAR_PLUS_ONE}, "year", "Give a year from 1990 to", "Indica un anno dal 1990 al"),
    ({"year": "duemila"}, "year", "Give a year from 1990 to", "Indica un anno dal 1990 al"),
    ({"year": ""}, "year", "Give the year the value is for.", "Indica l'anno a cui si riferisce il valore."),
    ({"value": "-3"}, "value", "The value cannot be negative.", "Il valore non può essere negativo."),
    ({"value": "tanti"}, "value", "Give the value as a number", "Indica il valore come numero"),
    ({"value": "1e999"}, "value", "Give the value as a number", "Indica il valore come numero"),
    ({"value": "99999999999999"}, "value", "too large", "troppo grande"),
    ({"value": ""}, "value", "Give the value, as a number.", "Indica il valore, come numero."),
    ({"method": "  "}, "method", "This field is required.", "Questo campo è obbligatorio."),
    ({"measured_by": ""}, "measured_by", "This field is required.", "Questo campo è obbligatorio."),
    ({"evidence_url": "javascript:alert(1)"}, "evidence_url", "starting with http:// or https://",
     "che inizi con http:// o https://"),
    ({"evidence_url": "ftp://example.org/x"}, "evidence_url", "starting with http:// or https://",
     "che inizi con http:// o https://"),
    ({"indicator_id": "999999"}, "indicator_id", "Choose an indicator of the catalogue",
     "Scegli un indicatore del catalogo"),
    ({"indicator_id": "custom", "custom_name": ""}, "custom_name", "This field is required.",
     "Questo campo è obbligatorio."),
]


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize(("changes", "field", "english", "italian"), BAD_INPUT)
def test_bad_input_is_refused_with_a_message_in_the_page_language_and_nothing_written(
        client, make, login, language, changes, field, english, italian):
    lead = make.academic(verified=True, language=Language(language))  # a signed-in person reads their language
    initiative = make.initiative(lead)
    login(lead)
    sent = form(**{"method": "Counted at the door, by hand", **changes})

    response = client.post(f"/impact/values/new/{initiative.id}", data=sent, headers={"Accept-Language": language})

    page = text_of(response)
    assert response.status_code == 422
    assert (english if language == "en" else italian) in field_error(page, field), field_error(page, field)
    assert values() == []
    assert "Counted at the door, by hand" in page or field == "method"  # the form keeps what was typed


# --- evidence documents --------------------------------------------------------------------------------------

def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("report.pdf", PDF, "application/pdf"), ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"0" * 100, "image/jpeg"),
    ("minutes.docx", None, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("minutes.odt", None, "application/vnd.oasis.opendocument.text"),
    ("no-extension", PDF, "application/pdf")])
def test_an_evidence_document_is_kept_by_its_content_and_downloaded_as_an_attachment(
        client, make, login, name, data, content_type):
    data = data or (docx() if name.endswith("docx") else odt())
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    login(lead)

    response = client.post(f"/impact/values/new/{initiative.id}",
                           data={**form(), "evidence_file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")

    assert response.status_code == 302, text_of(response)
    [value] = values()
    assert value.evidence_content_type == content_type and len(value.evidence_key) >= 32
    download = client.get(f"/impact/values/{value.id}/evidence")
    assert download.status_code == 200 and download.data == data
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.mimetype == content_type


@pytest.mark.parametrize(("name", "data", "message"), [
    ("report.pdf", b"<html><script>alert(1)</script></html>", "is not a PDF, ODT, DOCX, PNG or JPEG"),
    ("archive.docx", b"PK\x03\x04 not really a zip", "is not a PDF, ODT, DOCX, PNG or JPEG"),
    ("picture.svg", b"<svg onload='alert(1)'/>", "is not a PDF, ODT, DOCX, PNG or JPEG"),
    ("big.pdf", PDF + b"0" * 5000, "too large"),
])
def test_a_document_that_is_not_evidence_is_refused_and_nothing_is_written(client, make, login, name, data, message):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    login(lead)

    response = client.post(f"/impact/values/new/{initiative.id}",
                           data={**form(), "evidence_file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data", headers={"Accept-Language": "en"})

    assert response.status_code == 422
    assert message in field_error(text_of(response), "evidence_file")
    assert values() == []


def test_the_evidence_of_an_initiative_not_yet_public_is_only_for_those_who_see_it(client, make, login):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead, approved=False)
    login(lead)
    client.post(f"/impact/values/new/{initiative.id}", data={**form(), "evidence_file": (io.BytesIO(PDF), "a.pdf")},
                content_type="multipart/form-data")
    [value] = values()
    assert client.get(f"/impact/values/{value.id}/evidence").status_code == 200

    client.post("/logout")
    assert client.get(f"/impact/values/{value.id}/evidence").status_code == 404
    login(make.academic(verified=True))
    assert client.get(f"/impact/values/{value.id}/evidence").status_code == 404


# --- editing and deleting ----------------------------------------------------------------------------------

def test_a_real_change_sends_a_confirmed_value_back_to_declared(client, make, login):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    value = a_value(initiative, Verification.CONFIRMED)
    login(lead)

    response = client.post(f"/impact/values/{value.id}/edit", data=form(year="2024", value="320",
                                                                        method="Register of the desk",
                                                                        measured_by="The desk's volunteers",
                                                                        evidence_url=""))

    assert response.status_code == 302
    [value] = values()
    assert (value.value, value.state, value.state_by_name, value.state_at) == (320.0, Verification.DECLARED, None,
                                                                               None)
    assert events(value) == [ValueAction.EDITED]


def test_a_disputed_value_edited_is_declared_again_without_its_reason(client, make, login):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    value = a_value(initiative, Verification.DISPUTED)
    login(lead)
    client.post(f"/impact/values/{value.id}/edit", data=form(year="2024", value="200", method="Register of the desk",
                                                             measured_by="The desk's volunteers", evidence_url=""))
    [value] = values()
    assert value.state is Verification.DECLARED and value.state_reason is None


def test_an_unchanged_save_keeps_the_confirmation(client, make, login):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    value = a_value(initiative, Verification.CONFIRMED)
    updated_at = value.updated_at
    login(lead)

    page = text_of(client.get(f"/impact/values/{value.id}/edit"))
    assert 'value="300"' in page
    response = client.post(f"/impact/values/{value.id}/edit", data=form(year="2024", value="300,0",
                                                                        method="Register of the desk",
                                                                        measured_by="The desk's volunteers",
                                                                        evidence_url=""))

    assert response.status_code == 302
    [value] = values()
    assert value.state is Verification.CONFIRMED and value.updated_at == updated_at
    assert events(value) == []


def test_a_lead_deletes_a_declared_value_but_not_a_confirmed_one(client, make, login):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    declared = a_value(initiative, year=2023)
    confirmed = a_value(initiative, Verification.CONFIRMED, year=2024)
    login(lead)

    assert client.post(f"/impact/values/{declared.id}/delete").status_code == 302
    assert client.post(f"/impact/values/{confirmed.id}/delete").status_code == 403
    assert [v.id for v in values()] == [confirmed.id]


# --- verifying -----------------------------------------------------------------------------------------------

def partnered(make):
    """An initiative with a registered partner organisation and its confirmed member."""
    organisation = make.organisation(name="Cooperativa Barriera", status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    db.session.add(InitiativePartner(initiative_id=initiative.id, organisation_id=organisation.id))
    db.session.commit()
    return initiative, lead, member


def test_a_partner_member_confirms_a_value_for_their_organisation(client, make, login):
    initiative, _lead, member = partnered(make)
    value = a_value(initiative)
    login(member)

    assert client.post(f"/impact/values/{value.id}/confirm").status_code == 302

    [value] = values()
    assert value.state is Verification.CONFIRMED and value.state_by_id == member.id
    assert value.state_by_name == "Cooperativa Barriera"
    page = text_of(client.get(f"/initiatives/{initiative.id}", headers={"Accept-Language": "en"}))
    assert "Confirmed by Cooperativa Barriera on" in page and "1 of 1 values (100%)" in page
    assert events(value) == [ValueAction.CONFIRMED]


def test_a_coordinator_confirms_and_the_public_sees_it_confirmed_by_a_coordinator(app, client, make, login):
    initiative = make.initiative()
    value = a_value(initiative)
    login(make.coordinator(verified=True, name="Rita Coordinator"))
    client.post(f"/impact/values/{value.id}/confirm")
    visitor = app.test_client()
    page = text_of(visitor.get(f"/initiatives/{initiative.id}", headers={"Accept-Language": "en"}))
    assert "Confirmed by a coordinator on" in page and "Rita Coordinator" not in page


def test_a_dispute_needs_a_reason_that_only_leads_and_coordinators_read(client, make, login):
    initiative, lead, member = partnered(make)
    value = a_value(initiative)
    login(member)

    refused = client.post(f"/impact/values/{value.id}/dispute", data={"reason": "  "},
                          headers={"Accept-Language": "en"})
    assert refused.status_code == 422
    assert "Say why you dispute this value." in field_error(text_of(refused), "reason")
    assert values()[0].state is Verification.DECLARED

    assert client.post(f"/impact/values/{value.id}/dispute", data={"reason": "We counted 200 families"}).status_code \
        == 302
    assert values()[0].state is Verification.DISPUTED
    client.post("/logout")
    public = text_of(client.get(f"/initiatives/{initiative.id}", headers={"Accept-Language": "en"}))
    assert "Disputed: not counted in the published figures" in public and "We counted 200" not in public
    login(lead)
    assert "We counted 200 families" in text_of(client.get(f"/initiatives/{initiative.id}"))


# --- who may do what -----------------------------------------------------------------------------------------

ROUTES = [
    ("GET", "/impact/values/new/{initiative}"), ("POST", "/impact/values/new/{initiative}"),
    ("GET", "/impact/values/{value}"), ("GET", "/impact/values/{value}/edit"),
    ("POST", "/impact/values/{value}/edit"), ("POST", "/impact/values/{value}/delete"),
    ("POST", "/impact/values/{value}/confirm"), ("POST", "/impact/values/{value}/dispute"),
    ("POST", "/impact/values/{value}/send-link"), ("GET", "/impact/indicators"),
]
# What each person gets: 2xx/3xx "ok" (a form refused for its content counts: 422), "login", 403 or 404.
EXPECTED = {
    "visitor": ["login", "login", "ok", "login", "login", "login", "login", "login", "login", "ok"],
    "other academic": [403, 403, "ok", 403, 403, 403, 403, 403, 403, "ok"],
    "member of another organisation": [403, 403, "ok", 403, 403, 403, 403, 403, 403, "ok"],
    "partner member": [403, 403, "ok", 403, 403, 403, "ok", "ok", 403, "ok"],
    "lead": ["ok", "ok", "ok", "ok", "ok", "ok", 403, 403, "ok", "ok"],
    "coordinator": ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_permissions_of_every_value_route(client, make, login, who):
    initiative, lead, member = partnered(make)
    people = {"visitor": None, "other academic": make.academic(verified=True),
              "member of another organisation": make.member(make.organisation(status=OrganisationStatus.VERIFIED),
                                                            verified=True),
              "partner member": member, "lead": lead, "coordinator": make.coordinator(verified=True)}
    if people[who] is not None:
        login(people[who])
    answers = []
    for method, path in ROUTES:
        value = a_value(initiative, year=2000 + len(answers))
        url = path.format(initiative=initiative.id, value=value.id)
        response = client.open(url, method=method, data={"reason": "Not what we saw", "email": "partner@example.org"}
                               if method == "POST" else None)
        status = response.status_code
        if status == 302 and "/login" in response.headers["Location"]:
            answers.append("login")
        elif status < 400 or status == 422:
            answers.append("ok")
        else:
            answers.append(status)
    assert answers == EXPECTED[who]


def test_a_value_of_an_initiative_not_yet_public_does_not_exist_for_the_public(client, make, login):
    initiative = make.initiative(approved=False)
    value = a_value(initiative)
    assert client.get(f"/impact/values/{value.id}").status_code == 404
    login(make.academic(verified=True))
    assert client.get(f"/impact/values/{value.id}").status_code == 404
    assert client.post(f"/impact/values/{value.id}/confirm").status_code == 404


def test_forged_and_foreign_ids_answer_404(client, make, login):
    login(make.coordinator(verified=True))
    for path in ("/impact/values/999999", "/impact/values/999999/edit", "/impact/values/new/999999",
                 "/impact/values/2147483648", "/impact/values/999999/evidence"):
        assert client.get(path).status_code == 404, path
    assert client.post("/impact/values/999999/confirm").status_code == 404


# --- the catalogue ----------------------------------------------------------------------------------------

def test_the_public_catalogue_lists_standard_indicators_then_custom_ones_in_the_page_language(client, make):
    from matchmaker.impact.services import custom_indicator

    custom_indicator("Alberi piantati", "alberi")
    db.session.commit()
    english = text_of(client.get("/impact/indicators", headers={"Accept-Language": "en"}))
    italian = text_of(client.get("/impact/indicators", headers={"Accept-Language": "it"}))
    assert "People reached, of whom vulnerable" in english and "Persone raggiunte" in italian
    groups = '<th scope="rowgroup" colspan="4">'
    assert english.index(groups + "Standard indicators") < english.index("further_funding") \
        < english.index(groups + "Custom indicators") < english.index("Alberi piantati")
    assert groups + "Indicatori personalizzati" in italian
