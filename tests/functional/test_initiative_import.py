"""Coordinators import the registers of initiatives the university already keeps: the mapping and the dry run
first, every problem by row and column, nothing written unless the whole file is valid (or they choose the valid
rows only), re-imports that update and never duplicate, large files as a job, and the same import as a command."""
import csv
import io
import os
import re
import time
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
import sqlalchemy as sa

from matchmaker.auth.models import Language
from matchmaker.extensions import db
from matchmaker.initiatives import importing
from matchmaker.initiatives.importing import run_import
from matchmaker.initiatives.models import (
    CurationAction,
    ImportAction,
    ImportRun,
    ImportStatus,
    Initiative,
    InitiativeCuration,
    InitiativePerson,
    InitiativeStatus,
    InterventionKind,
    ReviewState,
)
from matchmaker.initiatives.table import row_of
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.reference.models import Scale
from tests import factories

HEADER = ["external_id", "title", "summary", "kind", "reach", "status", "starts_on", "ends_on", "sdgs",
          "departments", "people", "partners", "progress"]


@pytest.fixture
def app_settings(tmp_path):
    return {"IMPORT_UPLOADS_DIR": str(tmp_path / "uploads"), "IMPORT_INLINE_ROWS": 300}


def good_row(n: int, **changes) -> dict:
    row = {"external_id": f"REG-{n:05d}", "title": f"Community gardens number {n}",
           "summary": "Residents and students grow vegetables together.", "kind": "co_design", "reach": "city",
           "status": "concluded", "starts_on": "2024-03-01", "ends_on": "2025-06-30", "sdgs": "2;11",
           "departments": "DIST;DAD", "people": "Maria Bianchi", "partners": "Orto Comune", "progress": "100"}
    row.update(changes)
    return row


def csv_bytes(rows, header=HEADER, delimiter=",", bom=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header] if isinstance(row, dict) else row)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(name, "") for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def count(model=Initiative) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def upload(client, data: bytes, name="register.csv"):
    return client.post("/coordination/initiatives/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def upload_key(response) -> str:
    return re.search(r'name="upload" type="hidden" value="([^"]+)"', response.get_data(as_text=True))[1]


def confirm(client, key: str, action="import"):
    return client.post("/coordination/initiatives/import/confirm", data={"upload": key, "action": action})


def problems_of(response) -> list[tuple[str, str, str]]:
    page = response.get_data(as_text=True)
    table = page.split('id="import-problems"', 1)[1].split("</table>", 1)[0] if 'id="import-problems"' in page else ""
    return [tuple(re.sub(r"<[^>]+>", "", cell).strip() for cell in cells)
            for cells in re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table)]


@pytest.fixture
def coordinator(make, login):
    user = make.coordinator(verified=True)
    login(user)
    return user


# --- good files ----------------------------------------------------------------------------------------------

def test_a_coordinator_sees_the_mapping_and_dry_run_then_imports_a_good_csv(client, coordinator, make):
    make.organisation(name="Orto Comune", status=OrganisationStatus.VERIFIED)
    response = upload(client, csv_bytes([good_row(1), good_row(2)], header=[*HEADER, "notes"], bom=True))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "notes" in page.split('id="ignored-columns"')[1][:200]
    assert "New initiatives: 2" in page and ">Import</button>" in page
    assert count() == 0  # the dry run writes nothing
    response = confirm(client, upload_key(response))
    assert response.status_code == 302
    initiatives = db.session.scalars(sa.select(Initiative).order_by(Initiative.external_id)).all()
    assert [i.external_id for i in initiatives] == ["REG-00001", "REG-00002"]
    first = initiatives[0]
    assert first.review is ReviewState.APPROVED and first.is_public
    assert [s.number for s in first.sdgs] == [2, 11] and {d.code for d in first.departments} == {"DIST", "DAD"}
    assert first.starts_on == date(2024, 3, 1) and first.progress == 100
    assert [p.name for p in first.people] == ["Maria Bianchi"]
    assert first.partners[0].organisation is not None and first.partners[0].organisation.name == "Orto Comune"
    curation = db.session.scalar(sa.select(InitiativeCuration).where(InitiativeCuration.initiative_id == first.id))
    assert curation.action is CurationAction.APPROVE and "register.csv" in curation.reason
    assert curation.actor_id == coordinator.id


def test_a_semicolon_xlsx_with_real_date_cells_imports_like_a_csv(client, coordinator):
    rows = [good_row(1, starts_on=datetime(2023, 9, 15), ends_on=date(2024, 1, 31), progress=40)]
    response = upload(client, xlsx_bytes(rows), name="register.xlsx")
    assert problems_of(response) == [] and "New initiatives: 1" in response.get_data(as_text=True)
    confirm(client, upload_key(response))
    initiative = db.session.scalar(sa.select(Initiative))
    assert (initiative.starts_on, initiative.ends_on, initiative.progress) == (date(2023, 9, 15), date(2024, 1, 31), 40)
    response = upload(client, csv_bytes([good_row(2)], delimiter=";"))
    assert "New initiatives: 1" in response.get_data(as_text=True)


def test_italian_and_differently_written_headers_are_understood(client, coordinator):
    header = ["ID esterno", "Titolo", "Sintesi", "Tipo di intervento", " SDGS ", "Data di inizio"]
    response = upload(client, csv_bytes([["R-1", "Orti condivisi a Mirafiori", "Con i residenti.", "co_design", "11",
                                          "01/03/2024"]], header=header))
    assert problems_of(response) == [] and "New initiatives: 1" in response.get_data(as_text=True)


# --- bad files -----------------------------------------------------------------------------------------------

def test_each_problem_is_reported_with_its_row_and_column_and_nothing_is_written(client, coordinator):
    rows = [good_row(1), good_row(2, starts_on="2024-13-01"), good_row(3, sdgs="2;18"), good_row(4, sdgs="x"),
            good_row(5, starts_on="2025-01-01", ends_on="2024-01-01"), good_row(6, departments="NOPE"),
            good_row(7, kind="party"), good_row(8, progress="140"), good_row(9, title="T" * 151),
            good_row(1, title="Another with the same id"), good_row(11, lead_emails="nobody@polito.it")]
    response = upload(client, csv_bytes(rows, header=[*HEADER, "lead_emails"]))
    found = {(row, column) for row, column, _message in problems_of(response)}
    assert found == {("3", "starts_on"), ("4", "sdgs"), ("5", "sdgs"), ("6", "ends_on"), ("7", "departments"),
                     ("8", "kind"), ("9", "progress"), ("10", "title"), ("11", "external_id"),
                     ("12", "lead_emails")}
    messages = dict(((row, column), message) for row, column, message in problems_of(response))
    assert "18 is not a Sustainable Development Goal" in messages[("4", "sdgs")]
    assert "NOPE" in messages[("7", "departments")] and "row 2" in messages[("11", "external_id")].lower()
    page = response.get_data(as_text=True)
    assert ">Import</button>" not in page and "Import the valid rows only" in page
    response = confirm(client, upload_key(response), "import")
    assert response.status_code == 422 and count() == 0


def test_a_file_without_the_required_columns_says_which_and_offers_no_import(client, coordinator):
    response = upload(client, csv_bytes([["x", "y"]], header=["titolo", "colour"]))
    page = response.get_data(as_text=True)
    assert "external_id" in page.split('id="missing-columns"')[1][:400]
    assert "summary" in page.split('id="missing-columns"')[1][:400] and 'name="upload"' not in page


@pytest.mark.one_database
@pytest.mark.parametrize(("content", "name", "words"), [
    (b"", "empty.csv", "The file is empty"),
    (b"external_id,title,summary,kind\n", "header.csv", "no rows under it"),
    (b"%PDF-1.4\n\xff\xfe\x00\x01binary", "report.csv", "neither a CSV file in UTF-8 nor an XLSX"),
    (b"PK\x03\x04not really a zip", "broken.xlsx", "not an XLSX workbook that can be read"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.xls", "old Excel file"),
])
def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_clear_message(client, coordinator, content, name,
                                                                             words):
    response = upload(client, content, name)
    assert response.status_code == 422 and words in response.get_data(as_text=True)
    assert count() == 0


@pytest.mark.one_database
def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(client, coordinator):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (210 * 1024 * 1024))
    response = upload(client, buffer.getvalue(), "bomb.xlsx")
    assert response.status_code == 422 and "unpacks to more than" in response.get_data(as_text=True)


def test_hostile_cells_such_as_formulas_are_kept_as_plain_text(client, coordinator):
    formula = '=HYPERLINK("http://evil.example","click")'
    response = upload(client, xlsx_bytes([good_row(1, title=formula, summary="<script>alert(1)</script> ok")]),
                      name="register.xlsx")
    assert "<script>alert(1)" not in response.get_data(as_text=True)
    confirm(client, upload_key(response))
    initiative = db.session.scalar(sa.select(Initiative))
    assert initiative.title == formula and initiative.summary.startswith("<script>")
    page = client.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page


# --- mixed files ---------------------------------------------------------------------------------------------

def test_valid_only_writes_exactly_the_valid_rows(client, coordinator):
    rows = [good_row(1), good_row(2, sdgs="99"), good_row(3)]
    response = upload(client, csv_bytes(rows))
    key = upload_key(response)
    assert confirm(client, key, "import").status_code == 422 and count() == 0
    response = confirm(client, key, "valid_only")
    assert response.status_code == 302
    assert set(db.session.scalars(sa.select(Initiative.external_id))) == {"REG-00001", "REG-00003"}


# --- re-imports ----------------------------------------------------------------------------------------------

def test_a_re_import_updates_the_initiative_and_never_duplicates_it(client, coordinator):
    response = upload(client, csv_bytes([good_row(1)]))
    confirm(client, upload_key(response))
    response = upload(client, csv_bytes([good_row(1, title="Community gardens, second season"), good_row(2)]))
    page = response.get_data(as_text=True)
    assert "New initiatives: 1" in page and "Initiatives updated: 1" in page
    confirm(client, upload_key(response))
    db.session.expire_all()
    assert count() == 2
    assert db.session.scalar(sa.select(Initiative.title).where(Initiative.external_id == "REG-00001")) \
        == "Community gardens, second season"
    assert count(InitiativePerson) == 2  # Maria Bianchi is not added twice


def test_an_export_imported_again_changes_nothing(client, coordinator, make):
    academic = make.academic(verified=True, name="Giulia Rossi")
    make.profile(academic, directory_opt_in=True)
    hidden = make.academic(verified=True, name="Not In Directory")
    make.profile(hidden, directory_opt_in=False)
    initiative = make.initiative(academic, external_id="REG-7", sdgs=(2, 11), departments=("DIST",),
                                 place="Mirafiori")
    initiative.people.append(InitiativePerson(user_id=hidden.id, lead=False, position=1))
    initiative.people.append(InitiativePerson(name="Typed Name", lead=False, position=2))
    db.session.commit()
    before = row_of(initiative)
    people_before = sorted((p.user_id or 0, p.name, p.lead) for p in initiative.people)
    response = upload(client, csv_bytes([before], header=list(before)))
    assert "Already up to date: 1" in response.get_data(as_text=True)
    confirm(client, upload_key(response))
    db.session.expire_all()
    again = db.session.get(Initiative, initiative.id)
    assert row_of(again) == before
    assert sorted((p.user_id or 0, p.name, p.lead) for p in again.people) == people_before


def test_the_open_data_file_imported_again_keeps_texts_that_look_like_formulas(client, coordinator, make):
    """The export guards "- fewer cars" with an apostrophe so a spreadsheet never runs it; the import takes it off."""
    initiative = make.initiative(external_id="REG-8", summary="- fewer cars, more bicycles", place="=Borgo Po")
    before = row_of(initiative)
    exported = client.get("/opendata/initiatives.csv").get_data()
    assert b"'- fewer cars" in exported
    response = upload(client, exported)
    assert "Already up to date: 1" in response.get_data(as_text=True)
    confirm(client, upload_key(response))
    db.session.expire_all()
    assert row_of(db.session.get(Initiative, initiative.id)) == before


# --- a large file, through the job -----------------------------------------------------------------------------

@pytest.mark.one_database
def test_a_ten_thousand_row_file_is_checked_and_imported_by_a_job_with_its_progress(client, coordinator):
    rows = [good_row(n) for n in range(1, 10_001)]
    rows[4_999] = good_row(5_000, sdgs="18")
    response = upload(client, csv_bytes(rows))
    assert response.status_code == 302
    check = db.session.scalar(sa.select(ImportRun))
    assert check.status is ImportStatus.DONE and (check.total_rows, check.rows_done) == (10_000, 10_000)
    assert (check.created, check.skipped) == (9_999, 1) and check.problems == [
        [5_001, "sdgs", "18 is not a Sustainable Development Goal: use numbers from 1 to 17."]]
    page = client.get(response.headers["Location"])
    assert "http-equiv" not in page.get_data(as_text=True)  # finished: no more refreshing
    assert count() == 0
    response = confirm(client, upload_key(page), "valid_only")
    run = db.session.scalars(sa.select(ImportRun).order_by(ImportRun.id.desc())).first()
    assert response.headers["Location"].endswith(f"/coordination/initiatives/import/{run.id}")
    assert run.status is ImportStatus.DONE and (run.created, run.skipped) == (9_999, 1)
    assert count() == 9_999


def test_a_job_with_problems_writes_nothing_when_the_whole_file_was_asked_for(client, coordinator, app):
    app.config["IMPORT_INLINE_ROWS"] = 1
    response = upload(client, csv_bytes([good_row(1), good_row(2, starts_on="yesterday")]))
    page = client.get(response.headers["Location"])
    assert ("3", "starts_on") in {(row, column) for row, column, _m in problems_of(page)}
    confirm(client, upload_key(page), "import")
    run = db.session.scalars(sa.select(ImportRun).order_by(ImportRun.id.desc())).first()
    assert run.status is ImportStatus.FAILED and "nothing was imported" in run.error
    assert count() == 0


# --- permissions ------------------------------------------------------------------------------------------------

@pytest.mark.one_database
def test_only_coordinators_may_import(client, make, login):
    assert client.get("/coordination/initiatives/import").status_code == 302  # to the sign-in page
    login(make.academic(verified=True))
    assert client.get("/coordination/initiatives/import").status_code == 403
    assert upload(client, csv_bytes([good_row(1)])).status_code == 403
    assert client.get("/coordination/initiatives/import/template.csv").status_code == 403
    assert count() == 0


@pytest.mark.one_database
def test_another_coordinator_cannot_use_someone_elses_upload_or_run(client, make, login, app):
    first = make.coordinator(verified=True)
    login(first)
    key = upload_key(upload(client, csv_bytes([good_row(1)])))
    app.config["IMPORT_INLINE_ROWS"] = 0
    run_page = upload(client, csv_bytes([good_row(2)])).headers["Location"]
    client.post("/logout")
    login(make.coordinator(verified=True))
    assert confirm(client, key).status_code == 404
    assert confirm(client, "../../etc/passwd").status_code == 404
    assert confirm(client, "A" * 43).status_code == 404
    assert client.get(run_page).status_code == 404
    assert count() == 0


def test_the_template_has_the_columns_and_an_example_that_imports(client, coordinator):
    response = client.get("/coordination/initiatives/import/template.csv")
    header, example = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert header[0] == "external_id" and "lead_emails" in header and "id" not in header
    row = dict(zip(header, example, strict=True))
    row.pop("lead_emails")
    response = upload(client, csv_bytes([row], header=list(row)))
    assert problems_of(response) == [] and "New initiatives: 1" in response.get_data(as_text=True)


def test_the_pages_speak_italian(client, make, login):
    login(make.coordinator(verified=True, language=Language.IT))
    page = client.get("/coordination/initiatives/import").get_data(as_text=True)
    assert '<h1 class="h2">Importa iniziative</h1>' in page and "Controlla il file" in page


# --- the command ------------------------------------------------------------------------------------------------

def test_the_command_dry_run_writes_nothing_and_prints_every_problem(runner, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([good_row(1), good_row(2, sdgs="18")]))
    result = runner.invoke(args=["import-initiatives", str(path), "--dry-run"])
    assert result.exit_code == 1
    assert "row 3, column sdgs: 18 is not a Sustainable Development Goal" in result.output
    assert "column 'title' -> title" in result.output and count() == 0
    result = runner.invoke(args=["import-initiatives", str(path), "--dry-run", "--valid-only"])
    assert result.exit_code == 0 and "1 new" in result.output and count() == 0


def test_the_command_imports_all_or_the_valid_rows_only(runner, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([good_row(1), good_row(2, sdgs="18")]))
    assert runner.invoke(args=["import-initiatives", str(path)]).exit_code == 1
    assert count() == 0
    result = runner.invoke(args=["import-initiatives", str(path), "--valid-only"])
    assert result.exit_code == 0 and count() == 1
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = runner.invoke(args=["import-initiatives", str(empty)])
    assert result.exit_code == 1 and "empty" in result.output


# --- limits -------------------------------------------------------------------------------------------------------

@pytest.mark.one_database
@pytest.mark.parametrize("app_settings", [{"WTF_CSRF_ENABLED": True}])
def test_a_file_larger_than_other_uploads_but_within_ten_megabytes_is_read_with_csrf_on(client, make, app):
    user = make.coordinator(verified=True)
    sign_in_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', sign_in_page)[1]
    assert client.post("/login", data={"csrf_token": token, "email": user.email,
                                       "password": factories.PASSWORD}).status_code == 302
    notes = "n" * (2 * 1024 * 1024)
    data = csv_bytes([{**good_row(n), "notes": notes} for n in (1, 2, 3)], header=[*HEADER, "notes"])
    assert app.config["MAX_CONTENT_LENGTH"] < len(data) < app.config["IMPORT_MAX_BYTES"]
    page = client.get("/coordination/initiatives/import").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]
    response = client.post("/coordination/initiatives/import", content_type="multipart/form-data",
                           data={"csrf_token": token, "file": (io.BytesIO(data), "big.csv")})
    assert response.status_code == 200 and "New initiatives: 3" in response.get_data(as_text=True)
    too_large = client.post("/coordination/initiatives/import", content_type="multipart/form-data",
                            data={"csrf_token": token, "file": (io.BytesIO(data * 2), "huge.csv")})
    assert too_large.status_code == 413 and count() == 0


@pytest.mark.one_database
def test_too_many_rows_and_over_long_cells_are_refused(client, coordinator):
    rows = [[f"R-{n}", "A title long enough", "Summary.", "other"] for n in range(20_001)]
    response = upload(client, csv_bytes(rows, header=["external_id", "title", "summary", "kind"]))
    assert response.status_code == 422 and "more than 20,000 rows" in response.get_data(as_text=True)
    response = upload(client, csv_bytes([good_row(1, summary="s" * 10_001)]))
    assert problems_of(response) == [("2", "summary", "This cell is longer than 10,000 characters.")]


def test_a_running_import_page_refreshes_itself_until_the_job_ends(client, coordinator):
    run = ImportRun(user_id=coordinator.id, file_name="big.csv", upload_key="k" * 43, action=ImportAction.IMPORT,
                    status=ImportStatus.RUNNING, total_rows=1_000, rows_done=250)
    db.session.add(run)
    db.session.commit()
    page = client.get(f"/coordination/initiatives/import/{run.id}").get_data(as_text=True)
    assert '<meta http-equiv="refresh"' in page and "250 of 1,000 rows checked" in page


def test_the_upload_is_removed_once_imported_and_stale_ones_after_a_day(client, coordinator, app, tmp_path):
    folder = tmp_path / "uploads"
    response = upload(client, csv_bytes([good_row(1)]))
    key = upload_key(response)
    assert (folder / key).exists()
    confirm(client, key)
    assert not (folder / key).exists() and confirm(client, key).status_code == 404
    old_key = upload_key(upload(client, csv_bytes([good_row(2)])))
    a_day_ago = time.time() - 24 * 3600 - 60
    for path in folder.glob(f"{old_key}*"):
        os.utime(path, (a_day_ago, a_day_ago))
    upload(client, csv_bytes([good_row(3)]))
    assert not list(folder.glob(f"{old_key}*"))


def test_a_job_whose_upload_is_gone_fails_saying_so(client, coordinator, app, tmp_path):
    app.config["IMPORT_INLINE_ROWS"] = 0
    run = ImportRun(user_id=coordinator.id, file_name="gone.csv", upload_key="g" * 43, action=ImportAction.IMPORT,
                    status=ImportStatus.QUEUED, total_rows=1)
    db.session.add(run)
    db.session.commit()
    run_import(run.id)
    db.session.refresh(run)
    assert run.status is ImportStatus.FAILED and "upload the file again" in run.error


def test_two_imports_of_the_same_file_at_once_write_each_initiative_once(client, coordinator, monkeypatch):
    key = upload_key(upload(client, csv_bytes([good_row(1)])))
    check_against = importing._Lookups.__init__

    def while_another_import_writes(lookups, external_ids):
        check_against(lookups, external_ids)  # this import has looked: REG-00001 is new
        with db.engine.begin() as connection:
            connection.execute(sa.insert(Initiative).values(
                external_id="REG-00001", title="Written by the other import", summary="s",
                kind=InterventionKind.OTHER, reach=Scale.CITY, status=InitiativeStatus.PLANNED,
                review=ReviewState.APPROVED, description="", partner_story="", place=""))

    monkeypatch.setattr(importing._Lookups, "__init__", while_another_import_writes)
    response = confirm(client, key)
    assert response.status_code == 409 and "nothing was written" in response.get_data(as_text=True)
    assert list(db.session.scalars(sa.select(Initiative.title))) == ["Written by the other import"]
