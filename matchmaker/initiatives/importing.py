"""Importing initiatives from a spreadsheet (CSV or XLSX): read it within limits, map its header to the table's
columns, check every row with the initiatives' own checks (each problem with its row and column), and write the
whole file, or only its valid rows, in the caller's transaction. Uploads wait for the second step in a folder of
their own, under random keys tied to the coordinator who sent them."""
import csv
import io
import json
import logging
import re
import secrets
import time
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from matchmaker.auth.models import User
from matchmaker.errors import DomainError, NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.initiatives import services
from matchmaker.initiatives.models import (
    CurationAction,
    ImportAction,
    ImportRun,
    ImportStatus,
    Initiative,
    InitiativeCuration,
    InitiativePartner,
    InitiativeStatus,
    InterventionKind,
    ReviewState,
)
from matchmaker.initiatives.table import COLUMNS, IMPORTED_COLUMNS, LIST_SEPARATOR, from_spreadsheet_safe
from matchmaker.jobs import enqueue, job
from matchmaker.orgs.models import Organisation, OrganisationStatus
from matchmaker.reference.models import Department, Scale
from matchmaker.types import utcnow
from matchmaker.validation import first_control_character

log = logging.getLogger(__name__)

MAX_ROWS = 20_000
MAX_KEPT_PROBLEMS = 10_000  # a run keeps at most this many problems to show
MAX_CELL = 10_000
MAX_COLUMNS = 60
EXTERNAL_ID_MAX = 80
# An XLSX is a zip: its entries may unpack to at most this much in all (a zip bomb stops here, before openpyxl).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_BLANK_ROWS = 50_000  # a sheet claiming a million empty rows is read no further
UPLOAD_KEY = re.compile(r"[A-Za-z0-9_-]{43}")
UPLOAD_LIFETIME_SECONDS = 24 * 3600
LEAD_EMAILS = "lead_emails"  # an import-only column: the lead academics by their account's e-mail
REQUIRED = ("external_id", "title", "summary", "kind")
FIELDS = (*IMPORTED_COLUMNS, LEAD_EMAILS)
CHOICES = {"kind": InterventionKind, "reach": Scale, "status": InitiativeStatus}
# The service's field names, as the file's columns.
SERVICE_FIELD_COLUMNS = {"other_people": "people", "partner_names": "partners", "organisation_ids": "partners"}

# The Italian names of the columns (as a spreadsheet of the centre may head them), beside the English ones.
ITALIAN_HEADERS = {
    "id_esterno": "external_id", "codice": "external_id", "titolo": "title", "sintesi": "summary",
    "riassunto": "summary", "descrizione": "description", "storia_del_partner": "partner_story",
    "racconto_del_partner": "partner_story", "tipo": "kind", "tipo_di_intervento": "kind", "luogo": "place",
    "portata": "reach", "raggio": "reach", "inizio": "starts_on", "data_di_inizio": "starts_on",
    "data_inizio": "starts_on", "fine": "ends_on", "data_di_fine": "ends_on", "data_fine": "ends_on",
    "stato": "status", "avanzamento": "progress", "obiettivi": "sdgs", "obiettivi_sdg": "sdgs", "sdg": "sdgs",
    "dipartimenti": "departments", "persone": "people", "partner": "partners", "organizzazioni_partner": "partners",
    "email_responsabili": LEAD_EMAILS, "responsabili": LEAD_EMAILS,
}


class UnreadableFile(ValidationFailed):
    """The file as a whole cannot be imported: too large, empty, not a spreadsheet, or without its columns."""

    def __init__(self, message: str) -> None:
        super().__init__(message, {"file": [message]})


# --- reading ---------------------------------------------------------------------------------------------------

@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list]]  # (row number as in the spreadsheet, header = 1; cells)


def read_table(data: bytes) -> Table:
    """The header and the non-empty rows of a CSV (UTF-8, comma or semicolon) or of an XLSX's first sheet."""
    limit = current_app.config["IMPORT_MAX_BYTES"]
    if len(data) > limit:
        raise UnreadableFile(_("This file is too large: at most %(size)s MB, please.", size=f"{limit / 1024 / 1024:g}"))
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        lines = _xlsx_lines(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(_("This is an old Excel file (.xls): save it as .xlsx or as CSV UTF-8 and upload it "
                               "again."))
    else:
        lines = _csv_lines(data)
    header, rows, blanks = None, [], 0
    for number, cells in lines:
        if not any(str(cell).strip() for cell in cells if cell is not None):
            blanks += 1
            if blanks > MAX_BLANK_ROWS:
                break
            continue
        blanks = 0
        if header is None:
            header = [" ".join(str(cell or "").split()) for cell in cells]
            continue
        if len(rows) == MAX_ROWS:
            raise UnreadableFile(_("This file has more than %(n)s rows: split it into smaller files.",
                                   n=f"{MAX_ROWS:,}"))
        rows.append((number, [from_spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in cells]))
    if header is None:
        raise UnreadableFile(_("The file is empty."))
    if not rows:
        raise UnreadableFile(_("The file has a header but no rows under it."))
    return Table(header, rows)


def _csv_lines(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(_("This file is neither a CSV file in UTF-8 nor an XLSX workbook. Save it from your "
                               "spreadsheet as “CSV UTF-8” or as .xlsx.")) from None
    if "\x00" in text:
        raise UnreadableFile(_("This file is neither a CSV file in UTF-8 nor an XLSX workbook. Save it from your "
                               "spreadsheet as “CSV UTF-8” or as .xlsx."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    csv.field_size_limit(max(csv.field_size_limit(), len(data) + 1))  # a long cell is a row's problem, not a crash
    try:
        for cells in reader:
            yield reader.line_num, cells[:MAX_COLUMNS]
    except csv.Error:
        raise UnreadableFile(_("Line %(n)d of this CSV file cannot be read: check its quotes.",
                               n=reader.line_num)) from None


def _xlsx_lines(data: bytes):
    import openpyxl

    not_xlsx = _("This file is not an XLSX workbook that can be read. Save it again as .xlsx or as CSV UTF-8.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # A zip entry never unpacks past the size it declares (zipfile stops there), so the sum bounds memory.
            entries = archive.infolist()
            if len(entries) > 10_000 or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
                raise UnreadableFile(_("This workbook unpacks to more than %(size)d MB: it cannot be imported.",
                                       size=MAX_UNPACKED_BYTES // 1024 // 1024))
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except UnreadableFile:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged or foreign zip
        raise UnreadableFile(not_xlsx) from None
    try:
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
            yield number, [_cell_text(cell) for cell in cells]
    except UnreadableFile:
        raise
    except Exception:
        raise UnreadableFile(not_xlsx) from None
    finally:
        workbook.close()


def _cell_text(cell):
    """A cell as the import reads it: dates stay dates, whole numbers lose their ".0", the rest is text (a formula
    included, as the text it is: never evaluated)."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


# --- the header ------------------------------------------------------------------------------------------------

def _header_key(text: str) -> str:
    """A header as compared: without accents, case, or the spaces, dashes and dots between its words."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))
    return re.sub(r"[\s\-_./]+", "_", plain.strip().lower()).strip("_")


HEADER_NAMES = {**{_header_key(name): name for name in FIELDS}, **ITALIAN_HEADERS}


@dataclass
class Mapping:
    columns: list[tuple[str, str]]  # (the file's header, the field it fills)
    ignored: list[str]  # headers no field has (or a second one for the same field)
    missing: list[str]  # required fields that no header names
    index: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"columns": [list(pair) for pair in self.columns], "ignored": self.ignored, "missing": self.missing}


def map_header(header: list[str]) -> Mapping:
    columns, ignored, index = [], [], {}
    for position, name in enumerate(header):
        target = HEADER_NAMES.get(_header_key(name))
        if target is None or target in index:
            if name:
                ignored.append(name[:100])
            continue
        index[target] = position
        columns.append((name[:100], target))
    missing = [name for name in REQUIRED if name not in index]
    return Mapping(columns, ignored, missing, index)


# --- checking --------------------------------------------------------------------------------------------------

@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class RowPlan:
    number: int
    external_id: str
    problems: list[Problem]
    fields: dict | None = None  # the cleaned fields, when the row is valid
    initiative: Initiative | None = None  # the one it updates
    changes: bool = True  # False: the initiative already reads exactly like the row


@dataclass
class Plan:
    mapping: Mapping
    rows: list[RowPlan]

    @property
    def problems(self) -> list[Problem]:
        return [problem for row in self.rows for problem in row.problems]

    @property
    def valid_rows(self) -> list[RowPlan]:
        return [row for row in self.rows if not row.problems]

    @property
    def counts(self) -> dict[str, int]:
        valid = self.valid_rows
        return {"new": sum(row.initiative is None for row in valid),
                "updated": sum(row.initiative is not None and row.changes for row in valid),
                "unchanged": sum(row.initiative is not None and not row.changes for row in valid),
                "with_problems": len(self.rows) - len(valid)}


def _split(value, *, commas: bool = False) -> list[str]:
    """The items of a list cell, separated by semicolons (or line breaks; with `commas`, commas too: numbers,
    codes and addresses have none, names may)."""
    text = value.isoformat() if isinstance(value, date) else str(value or "")
    separators = r"[;,\n]" if commas else rf"[{LIST_SEPARATOR}\n]"
    return list(dict.fromkeys(" ".join(item.split()) for item in re.split(separators, text) if item.strip()))


def _day(value):
    """A date cell, or a text as YYYY-MM-DD or (as Italian spreadsheets write it) DD/MM/YYYY; otherwise the text,
    which the check refuses with its message."""
    if isinstance(value, date) or not isinstance(value, str):
        return value
    text = value.strip()
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return text
    return text[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]00:00(:00)?", text) else text


class _Lookups:
    """What every row is checked against, read once per import."""

    def __init__(self, external_ids: list[str]) -> None:
        self.departments = set(db.session.scalars(sa.select(Department.code)))
        self.organisations: dict[str, Organisation] = {}
        for organisation in db.session.scalars(sa.select(Organisation).where(
                Organisation.status == OrganisationStatus.VERIFIED)):
            self.organisations.setdefault(organisation.name, organisation)
        self.initiatives: dict[str, Initiative] = {}
        for start in range(0, len(external_ids), 500):
            chunk = external_ids[start:start + 500]
            for initiative in db.session.scalars(sa.select(Initiative).where(Initiative.external_id.in_(chunk))):
                self.initiatives[initiative.external_id] = initiative


def check_table(table: Table, mapping: Mapping, progress: Callable[[int], None] | None = None) -> Plan:
    """Every row checked (nothing written): its problems by row and column, or its cleaned fields and the
    initiative it would update. `progress(rows_checked)` is called every few hundred rows."""
    if mapping.missing:
        raise UnreadableFile(_("The file lacks the required columns: %(columns)s.",
                               columns=", ".join(mapping.missing)))
    external_position = mapping.index["external_id"]
    lookups = _Lookups(list({str(cells[external_position]).strip() for _n, cells in table.rows
                             if external_position < len(cells)} - {""}))
    seen: dict[str, int] = {}
    rows = []
    for done, (number, cells) in enumerate(table.rows, start=1):
        rows.append(_check_row(number, cells, mapping, lookups, seen))
        if progress is not None and done % 250 == 0:
            progress(done)
    if progress is not None:
        progress(len(table.rows))
    return Plan(mapping, rows)


def _check_row(number: int, cells: list, mapping: Mapping, lookups: _Lookups, seen: dict[str, int]) -> RowPlan:
    def cell(name: str):
        position = mapping.index.get(name)
        return None if position is None else (cells[position] if position < len(cells) else "")

    problems: list[Problem] = []

    def fail(column: str, message: str) -> None:
        problems.append(Problem(number, column, message))

    for name, position in mapping.index.items():
        value = cell(name)
        if isinstance(value, str) and len(value) > MAX_CELL:
            fail(name, _("This cell is longer than %(n)s characters.", n=f"{MAX_CELL:,}"))
            cells = [*cells[:position], "", *cells[position + 1:]]
    external_id = " ".join(str(cell("external_id") or "").split())
    if not external_id:
        fail("external_id", _("Give the initiative's id in your register: it is how a re-import finds it."))
    elif len(external_id) > EXTERNAL_ID_MAX or first_control_character(external_id):
        fail("external_id", _("Keep the id within %(n)d visible characters.", n=EXTERNAL_ID_MAX))
    elif external_id in seen:
        fail("external_id", _("Row %(row)d has the same id: each initiative once per file, please.",
                              row=seen[external_id]))
    else:
        seen[external_id] = number
    existing = lookups.initiatives.get(external_id)
    data = _service_data(cell, existing, lookups, fail)
    fields = None
    try:
        fields = services.check_initiative_fields(data)
    except ValidationFailed as error:
        for service_field, messages in error.fields.items():
            column = SERVICE_FIELD_COLUMNS.get(service_field, service_field)
            if any(problem.column == column for problem in problems):
                continue  # said already, in the import's own words
            if column in CHOICES:
                messages = [_("“%(value)s” is not one of: %(codes)s.", value=str(data.get(column))[:60],
                              codes=", ".join(choice.value for choice in CHOICES[column]))]
            for message in messages:
                fail(column, message)
    if problems:
        return RowPlan(number, external_id, sorted(problems, key=lambda p: FIELDS.index(p.column)
                                                   if p.column in FIELDS else len(FIELDS)))
    _keep_what_the_file_leaves_out(fields, cell, existing, lookups)
    return RowPlan(number, external_id, [], fields, existing,
                   changes=existing is None or _differs(existing, fields))


def _service_data(cell, existing: Initiative | None, lookups: _Lookups, fail) -> dict:
    """The row as check_initiative_fields reads it. A column the file does not have keeps, on an update, what the
    initiative has; on a new initiative, the register's default."""
    def given(name: str) -> bool:
        return cell(name) is not None

    def text(name: str, current: str = "") -> str:
        value = cell(name)
        if value is None:
            return current if existing is not None else ""
        return value.isoformat() if isinstance(value, date) else str(value)

    data = {name: text(name, getattr(existing, name, "") or "") for name in
            ("title", "summary", "description", "partner_story", "place")}
    for name in CHOICES:
        value = text(name, getattr(existing, name).value if existing is not None else "").strip().lower()
        data[name] = value or {"reach": Scale.CITY.value, "status": InitiativeStatus.PLANNED.value}.get(name, "")
    for name in ("starts_on", "ends_on"):
        data[name] = _day(cell(name)) if given(name) else (getattr(existing, name) if existing else None)
    if given("progress"):
        data["progress"] = str(cell("progress")).strip().removesuffix("%").strip()
    else:
        data["progress"] = existing.progress if existing is not None else None
    data["sdgs"] = _split(cell("sdgs"), commas=True) if given("sdgs") else (
        [sdg.number for sdg in existing.sdgs] if existing is not None else [])
    if given("departments"):
        codes = [code.upper() for code in _split(cell("departments"), commas=True)]
        unknown = [code for code in codes if code not in lookups.departments]
        if unknown:
            fail("departments", _("%(code)s is not a department code: use codes such as DIST or DIMEAS.",
                                  code=unknown[0][:20]))
        data["departments"] = [code for code in codes if code in lookups.departments]
    else:
        data["departments"] = [d.code for d in existing.departments] if existing is not None else []
    data["lead_emails"] = _split(cell(LEAD_EMAILS), commas=True) if given(LEAD_EMAILS) else []
    # People: the names typed without an account stay, and a name already on the initiative (by its account or as
    # typed) is not added twice, so that an export imported again changes nothing.
    typed = [person.name for person in existing.people if person.user_id is None] if existing is not None else []
    known = {name.casefold() for name in typed} | ({person.user.name.casefold() for person in existing.people
                                                    if person.user is not None} if existing is not None else set())
    data["other_people"] = typed + [name for name in _split(cell("people")) if name.casefold() not in known] \
        if given("people") else typed
    data["organisation_ids"], data["partner_names"] = [], []
    if given("partners"):
        names = _split(cell("partners"))
        data["partner_names"] = names  # checked as names (length, count); resolved to organisations afterwards
    if existing is not None:
        data["milestones"] = [{"title": m.title, "due_on": m.due_on, "done": m.done} for m in existing.milestones]
        data["links"] = [{"label": link.label, "url": link.url} for link in existing.links]
    return data


def _keep_what_the_file_leaves_out(fields: dict, cell, existing: Initiative | None, lookups: _Lookups) -> None:
    """The leads and partners the row means: without lead_emails, an update keeps the initiative's leads; a partner
    is the initiative's own partner of that name, else the verified organisation of exactly that name, else a
    name; without a partners column, an update keeps its partners."""
    if not fields["leads"] and existing is not None:
        fields["leads"] = [person.user for person in existing.people if person.lead and person.user is not None]
    if cell("partners") is None:
        fields["partners"] = list(existing.partners) if existing is not None else []
    else:
        current = {partner.display_name: partner for partner in existing.partners} if existing is not None else {}
        fields["partners"] = [current.get(name) or (
            InitiativePartner(organisation=lookups.organisations[name]) if name in lookups.organisations
            else InitiativePartner(name=name)) for name in fields["partner_names"]]
    fields["partner_names"], fields["organisations"] = [], []


def _differs(initiative: Initiative, fields: dict) -> bool:
    """Whether writing the fields would change what the initiative reads like."""
    for name in ("title", "summary", "description", "partner_story", "place"):
        if (getattr(initiative, name) or "") != (fields.get(name) or ""):
            return True
    for name in ("kind", "reach", "starts_on", "ends_on", "status", "progress"):
        if getattr(initiative, name) != fields.get(name):
            return True
    typed = [person.name for person in initiative.people if person.user_id is None]
    leads = [person.user_id for person in initiative.people if person.lead]
    return ([sdg.number for sdg in initiative.sdgs] != fields.get("sdgs", [])
            or {d.id for d in initiative.departments} != {d.id for d in fields["departments"]}
            or typed != fields["other_people"] or leads != [user.id for user in fields["leads"]]
            or [id(partner) for partner in initiative.partners] != [id(partner) for partner in fields["partners"]])


# --- writing ---------------------------------------------------------------------------------------------------

def write_plan(plan: Plan, actor: User | None, file_name: str, *, valid_only: bool = False) -> dict[str, int]:
    """Write the plan's rows: all of them, or (`valid_only`) those without problems; with problems and not
    `valid_only`, nothing (ValidationFailed). New initiatives are approved, as a register already curated, with a
    curation saying so. Flushes; the caller commits once."""
    if plan.problems and not valid_only:
        raise ValidationFailed(_("The file has problems: nothing was imported. Fix them, or import the valid rows "
                                 "only."))
    reason = _("Imported from %(file)s, a register already curated.", file=file_name[:200])
    for count, row in enumerate(plan.valid_rows, start=1):
        if not row.changes:
            continue
        initiative = row.initiative
        if initiative is None:
            initiative = Initiative(created_by=actor, external_id=row.external_id, review=ReviewState.APPROVED)
            db.session.add(initiative)
        with db.session.no_autoflush:
            services.apply_fields(initiative, row.fields)
        if row.initiative is None:
            db.session.flush()
            # The command line imports as nobody in particular: the curation then names no one.
            db.session.add(InitiativeCuration(initiative_id=initiative.id, actor_id=actor.id if actor else None,
                                              action=CurationAction.APPROVE, reason=reason, created_at=utcnow()))
        if count % 200 == 0:
            db.session.flush()
    db.session.flush()
    counts = plan.counts
    return {"new": counts["new"], "updated": counts["updated"], "unchanged": counts["unchanged"],
            "skipped": counts["with_problems"]}


# --- the kept uploads ------------------------------------------------------------------------------------------

def uploads_dir() -> Path:
    return Path(current_app.config["IMPORT_UPLOADS_DIR"])


def keep_upload(user: User, file_name: str, data: bytes) -> str:
    """Keep the file for the second step under a random key, tied to `user`; removes uploads older than a day."""
    folder = uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_uploads()
    key = secrets.token_urlsafe(32)
    (folder / key).write_bytes(data)
    (folder / f"{key}.json").write_text(json.dumps({"user_id": user.id, "file_name": file_name[:255]}))
    return key


def load_upload(key: str, user: User) -> tuple[str, bytes]:
    """(file name, content) of the upload `key` if `user` sent it; NotFound otherwise (a forged, stale or someone
    else's key alike)."""
    missing = NotFound(_("This upload is no longer kept (uploads are removed after a day or once imported): upload "
                         "the file again."))
    if not isinstance(key, str) or not UPLOAD_KEY.fullmatch(key):
        raise missing
    folder = uploads_dir()
    try:
        about = json.loads((folder / f"{key}.json").read_text())
        data = (folder / key).read_bytes()
    except (OSError, ValueError):
        raise missing from None
    if about.get("user_id") != (user.id if user is not None else None):
        raise missing
    return about.get("file_name") or "", data


def remove_upload(key: str) -> None:
    if isinstance(key, str) and UPLOAD_KEY.fullmatch(key):
        for path in (uploads_dir() / key, uploads_dir() / f"{key}.json"):
            path.unlink(missing_ok=True)


def remove_stale_uploads() -> None:
    cutoff = time.time() - UPLOAD_LIFETIME_SECONDS
    for path in uploads_dir().glob("*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            pass


# --- in one call -----------------------------------------------------------------------------------------------

def check_file(data: bytes, progress: Callable[[int], None] | None = None) -> Plan:
    """The file read, mapped and checked: a plan, or UnreadableFile."""
    table = read_table(data)
    return check_table(table, map_header(table.header), progress)


def count_rows(data: bytes) -> int:
    return len(read_table(data).rows)

# --- large files, as a background job --------------------------------------------------------------------------

def start_import_run(user: User, key: str, file_name: str, action: ImportAction, total_rows: int) -> ImportRun:
    """A queued run of the kept upload `key`, whose job starts once the caller commits. Flushes."""
    run = ImportRun(user_id=user.id, upload_key=key, file_name=file_name[:255], action=action,
                    total_rows=total_rows, status=ImportStatus.QUEUED, created_at=utcnow())
    db.session.add(run)
    db.session.flush()
    enqueue("run_import", run.id)
    return run


@job
def run_import(run_id: int) -> int:
    """Check (and, unless the run only checks, import) a large upload: the progress of the checking is committed
    every few hundred rows, while the initiatives are written all at once at the end, in one transaction, so a
    failure or a problem writes none of them (or, importing the valid rows only, all of those or none)."""
    run = db.session.get(ImportRun, run_id)
    if run is None or run.status is not ImportStatus.QUEUED:
        return 0
    run.status, run.started_at = ImportStatus.RUNNING, utcnow()
    db.session.commit()
    # A worker has no request to choose the language from: the problems are written in the coordinator's.
    language = run.user.preferred_language.value if run.user is not None else "en"
    with force_locale(language):
        return _run_in_language(run_id, run)


def _run_in_language(run_id: int, run: ImportRun) -> int:
    try:
        _run(run)
    except Exception as error:
        db.session.rollback()
        log.exception("The import run %s failed", run_id)
        run = db.session.get(ImportRun, run_id)
        run.status, run.finished_at = ImportStatus.FAILED, utcnow()
        run.error = error.message if isinstance(error, DomainError) else _(
            "Something went wrong on our side: nothing was imported. Please try again.")
        db.session.commit()
        return 0
    return run.id


def _run(run: ImportRun) -> None:
    user = db.session.get(User, run.user_id) if run.user_id is not None else None
    file_name, data = load_upload(run.upload_key, user)
    table = read_table(data)
    mapping = map_header(table.header)
    run.total_rows, run.mapping = len(table.rows), mapping.as_json()

    def progress(done: int) -> None:
        run.rows_done = done
        db.session.commit()

    plan = check_table(table, mapping, progress)
    counts = plan.counts
    run.problems = [[p.row, p.column, p.message] for p in plan.problems[:MAX_KEPT_PROBLEMS]]
    run.created, run.updated, run.unchanged = counts["new"], counts["updated"], counts["unchanged"]
    run.skipped = counts["with_problems"]
    if run.action is not ImportAction.CHECK:
        if plan.problems and run.action is ImportAction.IMPORT:
            raise ValidationFailed(_("The file has problems: nothing was imported. Fix them, or import the valid "
                                     "rows only."))
        write_plan(plan, user, file_name, valid_only=run.action is ImportAction.VALID_ONLY)
    run.status, run.finished_at = ImportStatus.DONE, utcnow()
    db.session.commit()
    if run.action is not ImportAction.CHECK:
        remove_upload(run.upload_key)


def latest_runs(user: User, limit: int = 10) -> list[ImportRun]:
    return list(db.session.scalars(sa.select(ImportRun).where(ImportRun.user_id == user.id)
                                   .order_by(ImportRun.id.desc()).limit(limit)))


# --- the two steps of the pages --------------------------------------------------------------------------------

@dataclass
class Review:
    key: str | None
    mapping: Mapping
    plan: Plan | None = None  # None when columns are missing, or while a job checks a large file
    run: ImportRun | None = None


@dataclass
class Outcome:
    counts: dict[str, int] | None = None
    run: ImportRun | None = None


class PlanRefused(ValidationFailed):
    """The import would leave rows out: nothing was written."""

    def __init__(self, message: str, plan: Plan, file_name: str) -> None:
        super().__init__(message)
        self.plan, self.file_name = plan, file_name


def review_upload(user: User, file_name: str, data: bytes) -> Review:
    """The first step: read the file (UnreadableFile when it cannot be), keep it for the second, and check it
    here, or in a job for a large file. Writes no initiative; a job's run is flushed."""
    table = read_table(data)
    mapping = map_header(table.header)
    if mapping.missing:
        return Review(None, mapping)
    key = keep_upload(user, file_name, data)
    if len(table.rows) > current_app.config["IMPORT_INLINE_ROWS"]:
        return Review(key, mapping, run=start_import_run(user, key, file_name, ImportAction.CHECK, len(table.rows)))
    return Review(key, mapping, check_table(table, mapping))


def import_upload(user: User, key: str, *, valid_only: bool) -> Outcome:
    """The second step: the kept upload `key` of `user`, read and checked again (nothing said before is trusted),
    then written (PlanRefused, writing nothing, when problems stop it), or started as a job. Flushes."""
    file_name, data = load_upload(key, user)
    table = read_table(data)
    mapping = map_header(table.header)
    if len(table.rows) > current_app.config["IMPORT_INLINE_ROWS"]:
        action = ImportAction.VALID_ONLY if valid_only else ImportAction.IMPORT
        return Outcome(run=start_import_run(user, key, file_name, action, len(table.rows)))
    plan = check_table(table, mapping)
    if plan.problems and not valid_only:
        raise PlanRefused(_("The file has problems: nothing was imported. Fix them, or import the valid rows "
                            "only."), plan, file_name)
    if not plan.valid_rows:
        raise PlanRefused(_("No row of the file is valid: nothing was imported."), plan, file_name)
    return Outcome(counts=write_plan(plan, user, file_name, valid_only=valid_only))


def counts_sentence(counts: dict[str, int]) -> str:
    return _("Imported: %(new)d new, %(updated)d updated, %(unchanged)d unchanged; %(skipped)d rows with problems "
             "left out.", **counts)


def template_columns() -> list[tuple[str, bool, object]]:
    """The template's columns, each with whether it is required and what it means."""
    meanings = {column.name: column.meaning for column in COLUMNS}
    meanings[LEAD_EMAILS] = _("The lead academics, by the e-mail of their account, separated by semicolons "
                              "(import only).")
    return [(name, name in REQUIRED, meanings[name]) for name in FIELDS]


def template_csv() -> str:
    """A header and one example row, as the import reads them."""
    examples = {column.name: column.example for column in COLUMNS if column.imported}
    examples[LEAD_EMAILS] = "nome.cognome@polito.it"
    examples["description"] = examples["description"] or "Ogni sabato, con il comitato di quartiere."
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FIELDS)
    writer.writerow([examples.get(name, "") for name in FIELDS])
    return buffer.getvalue()
