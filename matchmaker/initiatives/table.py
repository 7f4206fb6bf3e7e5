"""The initiatives as a table: the columns that the export (open data) writes and the import reads, each with
what it means, in one place, so the two never drift apart and the data dictionary explains exactly these."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from matchmaker.initiatives.models import Initiative

LIST_SEPARATOR = ";"  # between the items of a list cell: SDG numbers, department codes, names

# A spreadsheet runs a cell beginning with one of these as a formula (CSV injection). The export writes free-text
# cells that begin so with a leading apostrophe, which spreadsheets hide, and the import takes it away again, so a
# round trip export -> import is exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A free-text cell as the export writes it: never run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def from_spreadsheet_safe(cell: str) -> str:
    """A text cell as the import reads it: the export's protective apostrophe taken away."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


@dataclass(frozen=True)
class Column:
    name: str
    meaning: object  # a lazy translated string
    example: str
    imported: bool = True  # read by the import; False for what the platform alone decides (id, status of review)


COLUMNS = (
    Column("external_id", _l("The initiative's id in the register it came from. A re-import with the same id "
                             "updates the initiative instead of adding another. Empty for initiatives registered "
                             "on the platform."), "REG-2024-017"),
    Column("id", _l("The platform's own number for the initiative, as in its address."), "42", imported=False),
    Column("title", _l("The initiative's name."), "Orti condivisi a Mirafiori"),
    Column("summary", _l("What it is about, in a few sentences."), "Community gardens with the residents…"),
    Column("description", _l("The full description (Markdown)."), ""),
    Column("partner_story", _l("The story in the partner organisation's own words."), ""),
    Column("kind", _l("The kind of intervention: research_action, service_learning, training, technical_support, "
                      "co_design, public_engagement, volunteering or other."), "co_design"),
    Column("place", _l("Where it happens: a neighbourhood, a town, a region."), "Mirafiori Sud, Torino"),
    Column("reach", _l("How far it reaches: neighbourhood, city, region, national or international."), "city"),
    Column("starts_on", _l("The day it started or will start, as YYYY-MM-DD."), "2024-03-01"),
    Column("ends_on", _l("The day it ended or will end, as YYYY-MM-DD; empty while open-ended."), "2025-06-30"),
    Column("status", _l("Where the work stands: planned, running or concluded."), "concluded"),
    Column("progress", _l("The percentage of the work done, where it is tracked (0 to 100); empty otherwise."), ""),
    Column("sdgs", _l("The Sustainable Development Goals it serves, by number, separated by semicolons."), "2;11"),
    Column("departments", _l("The Politecnico departments taking part, by code, separated by semicolons."),
           "DIST;DAD"),
    Column("people", _l("The people behind it who chose to appear in the public directory, separated by "
                        "semicolons. Nobody else is ever named in open data."), "Giulia Rossi"),
    Column("partners", _l("The partner organisations, separated by semicolons."), "Cooperativa Orto Comune"),
    Column("updated_at", _l("When it last changed, in UTC (ISO 8601)."), "2025-07-02T09:15:00+00:00",
           imported=False),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
IMPORTED_COLUMNS = tuple(column.name for column in COLUMNS if column.imported)


def published_people(initiative: Initiative) -> list[str]:
    """The names open data may carry: account holders whose profile is in the public directory, and nobody else
    (not even the names typed without an account, which nobody consented to publish)."""
    return [person.user.name for person in initiative.people
            if person.user is not None and person.user.active and person.user.email_verified
            and person.user.academic_profile is not None and person.user.academic_profile.directory_opt_in]


def row_of(initiative: Initiative) -> dict[str, str]:
    """The initiative as one row of the table, every cell a string (empty, never None)."""
    def joined(items) -> str:
        return LIST_SEPARATOR.join(str(item) for item in items)

    cells = {
        "external_id": initiative.external_id or "",
        "id": str(initiative.id),
        "title": initiative.title,
        "summary": initiative.summary,
        "description": initiative.description or "",
        "partner_story": initiative.partner_story or "",
        "kind": initiative.kind.value,
        "place": initiative.place or "",
        "reach": initiative.reach.value,
        "starts_on": initiative.starts_on.isoformat() if initiative.starts_on else "",
        "ends_on": initiative.ends_on.isoformat() if initiative.ends_on else "",
        "status": initiative.status.value,
        "progress": "" if initiative.progress is None else str(initiative.progress),
        "sdgs": joined(sdg.number for sdg in initiative.sdgs),
        "departments": joined(department.code for department in initiative.departments),
        "people": joined(published_people(initiative)),
        "partners": joined(partner.display_name for partner in initiative.partners),
        "updated_at": initiative.updated_at.isoformat() if initiative.updated_at else "",
    }
    return {name: cells[name] for name in COLUMN_NAMES}
