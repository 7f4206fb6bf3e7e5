"""What open data publishes, as rows and records: the initiatives through the register's own table
(initiatives.table), the indicator values that published figures count (impact.figures), and the challenges a
visitor may see. Also the columns of the last two, each with its meaning, for the data dictionary."""
from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.errors import NotFound, ValidationFailed
from matchmaker.extensions import db
from matchmaker.impact.figures import FigureFilters, counted_values
from matchmaker.impact.models import Indicator, IndicatorValue
from matchmaker.initiatives.models import Initiative, initiative_departments, initiative_sdgs
from matchmaker.initiatives.table import LIST_SEPARATOR, published_people, row_of
from matchmaker.listing import ListFilters, paginate
from matchmaker.permissions import public_initiatives, visible_challenges
from matchmaker.reference.models import Department


@dataclass(frozen=True)
class Field:
    """A column of an open-data file: its name, what it means, an example, and whether it is free text (the
    cells the CSV neutralises against spreadsheet formulas)."""

    name: str
    meaning: object  # a lazy translated string
    example: str
    text: bool = False


INDICATOR_FIELDS = (
    Field("initiative_id", _l("The number of the initiative the value belongs to: the id column of "
                              "initiatives.csv."), "42"),
    Field("initiative_title", _l("The initiative's name, repeated for reading convenience."),
          "Orti condivisi a Mirafiori", text=True),
    Field("indicator_code", _l("The indicator's stable code: participants, people_reached, "
                               "vulnerable_people_reached, students_involved, academic_hours, "
                               "partner_organisations, events, publications_theses, policy_influence, "
                               "products_services, further_funding, volunteers, or custom-… for custom ones."),
          "people_reached"),
    Field("indicator_name", _l("The indicator's name, in English unless the address asks for lang=it."),
          "People reached"),
    Field("unit", _l("The unit the value is counted in, in the same language as indicator_name."), "people"),
    Field("year", _l("The calendar year the value measures."), "2024"),
    Field("value", _l("The value: a number, never negative, with a dot before any decimals."), "120"),
    Field("verification_state", _l("Who stands behind the value: declared (by the academic) or confirmed (by the "
                                   "partner organisation or a coordinator)."), "confirmed"),
    Field("method", _l("How the value was measured."), "Sign-in sheets of the workshops", text=True),
    Field("measured_by", _l("Who measured it (a role or an organisation)."), "Cooperativa Orto Comune",
          text=True),
    Field("evidence_url", _l("A public link to the evidence, where there is one; empty otherwise."),
          "https://example.org/report.pdf"),
    Field("disputed_values_excluded", _l("Always true: values that someone disputed are left out of this file, "
                                         "as they are left out of every published figure."), "true"),
)

CHALLENGE_FIELDS = (
    Field("id", _l("The platform's number for the challenge, as in its address."), "7"),
    Field("title", _l("The challenge's name."), "Heating for older tenants", text=True),
    Field("summary", _l("The need, in a few sentences."), "Many older tenants cannot heat their homes…",
          text=True),
    Field("organisation", _l("The name of the organisation that posted it."), "Cooperativa Orto Comune",
          text=True),
    Field("kind", _l("The kind of help asked for: research_action, technical_support, student_project, training, "
                     "lab_access, volunteering or other."), "research_action"),
    Field("place", _l("Where the need is."), "Barriera di Milano, Torino", text=True),
    Field("scale", _l("How far it reaches: neighbourhood, city, region, national or international."), "city"),
    Field("sdgs", _l("The Sustainable Development Goals it concerns, by number, separated by semicolons."), "7;11"),
    Field("status", _l("Where it stands: open, paused, in_partnership (academics are working on it) or closed."),
          "open"),
    Field("published_on", _l("The day it was published, as YYYY-MM-DD."), "2025-02-10"),
    Field("deadline", _l("The day by which the organisation hopes for an answer, as YYYY-MM-DD; empty if none."),
          "2025-09-30"),
)
# The register's free-text columns (initiatives.table names them without saying which are free text).
INITIATIVE_TEXT_COLUMNS = frozenset({"title", "summary", "description", "partner_story", "place", "people",
                                     "partners", "external_id"})


def public_initiative_list() -> list[Initiative]:
    return list(db.session.scalars(sa.select(Initiative).where(public_initiatives()).order_by(Initiative.id)))


def initiative_rows() -> list[dict[str, str]]:
    """The public initiatives as rows of the register's table, people limited to those who opted in."""
    return [row_of(initiative) for initiative in public_initiative_list()]


def initiative_record(initiative: Initiative) -> dict:
    """One public initiative as a JSON object: the table's columns, with numbers as numbers, empty cells as null
    and lists (SDGs, departments, people, partners) as lists."""
    record: dict = {name: (cell if cell != "" else None) for name, cell in row_of(initiative).items()}
    record["id"] = initiative.id
    record["progress"] = initiative.progress
    record["sdgs"] = [sdg.number for sdg in initiative.sdgs]
    record["departments"] = [department.code for department in initiative.departments]
    record["people"] = published_people(initiative)
    record["partners"] = [partner.display_name for partner in initiative.partners]
    for name in ("title", "summary"):  # never null: required by the register
        record[name] = record[name] or ""
    return record


def initiative_records() -> list[dict]:
    return [initiative_record(initiative) for initiative in public_initiative_list()]


def counted_values_of(initiative_id: int | None = None) -> list[IndicatorValue]:
    """The values published figures count (public initiatives, nothing disputed), in a stable order."""
    query = counted_values(FigureFilters())
    if initiative_id is not None:
        query = query.where(IndicatorValue.initiative_id == initiative_id)
    query = query.order_by(IndicatorValue.initiative_id, Indicator.position, Indicator.code, IndicatorValue.year)
    return list(db.session.scalars(query).unique())


def number_text(value: float) -> str:
    """A value as the CSV writes it: 12 rather than 12.0, and never an exponent."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def value_record(value: IndicatorValue, language: str) -> dict:
    return {
        "indicator_code": value.indicator.code,
        "indicator_name": value.indicator.name_in(language),
        "unit": value.indicator.unit_in(language),
        "year": value.year,
        "value": value.value,
        "verification_state": value.state.value,
        "method": value.method,
        "measured_by": value.measured_by,
        "evidence_url": value.evidence_url or None,
    }


def indicator_rows(language: str = "en") -> list[dict[str, str]]:
    """One row per public initiative, indicator and year that figures count."""
    rows = []
    for value in counted_values_of():
        record = value_record(value, language)
        rows.append({"initiative_id": str(value.initiative_id), "initiative_title": value.initiative.title,
                     **{name: str(cell) for name, cell in record.items() if cell is not None},
                     "value": number_text(value.value), "evidence_url": value.evidence_url or "",
                     "disputed_values_excluded": "true"})
    return [{field.name: row.get(field.name, "") for field in INDICATOR_FIELDS} for row in rows]


def public_challenges() -> list[Challenge]:
    """The challenges a visitor may see: published (not drafts), not hidden, public, of an organisation that was
    not stopped; the same rule as the challenge pages."""
    return list(db.session.scalars(sa.select(Challenge).where(visible_challenges(None),
                                                              Challenge.status != ChallengeStatus.DRAFT)
                                   .order_by(Challenge.id)))


def challenge_rows() -> list[dict[str, str]]:
    return [{
        "id": str(challenge.id),
        "title": challenge.title,
        "summary": challenge.summary,
        "organisation": challenge.organisation.name,
        "kind": challenge.kind.value,
        "place": challenge.place or "",
        "scale": challenge.scale.value,
        "sdgs": LIST_SEPARATOR.join(str(sdg.number) for sdg in challenge.sdgs),
        "status": challenge.status.value,
        "published_on": challenge.published_at.date().isoformat() if challenge.published_at else "",
        "deadline": challenge.deadline.isoformat() if challenge.deadline else "",
    } for challenge in public_challenges()]


def last_modified() -> dict[str, datetime | None]:
    """When each dataset last changed, from its own rows (None while it has none)."""
    initiatives = db.session.scalar(sa.select(sa.func.max(Initiative.updated_at)).where(public_initiatives()))
    values = counted_values(FigureFilters()).subquery()
    indicators = db.session.scalar(sa.select(sa.func.max(values.c.updated_at)))
    challenges = db.session.scalar(sa.select(sa.func.max(Challenge.updated_at))
                                   .where(visible_challenges(None), Challenge.status != ChallengeStatus.DRAFT))
    return {"initiatives": _aware(initiatives), "indicators": _aware(indicators), "challenges": _aware(challenges)}


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes (or text) from an aggregate: the column type is not applied to max().
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def public_initiative(initiative_id: int) -> Initiative:
    """The initiative if it is public; otherwise a 404, which does not tell a pending one from none at all."""
    initiative = db.session.get(Initiative, initiative_id)
    if initiative is None or not initiative.is_public:
        raise NotFound(_("This initiative does not exist or is not public."))
    return initiative


def department_code(code: str | None) -> str | None:
    """The code of an existing department, whatever its case; a 422 for a code no department has."""
    if code is None:
        return None
    code = code.upper()
    if db.session.scalar(sa.select(Department.id).where(Department.code == code)) is None:
        raise ValidationFailed(_("Some filters are not valid."), {"department": [
            _("No department has the code %(code)s: see /api/v1/departments.", code=code)]})
    return code


def public_initiative_page(*, sdg: int | None, department: str | None, year: int | None, page: int,
                           per_page: int):
    """A page of public initiatives by number, narrowed like the register's list."""
    query = sa.select(Initiative).where(public_initiatives())
    if sdg is not None:
        query = query.where(Initiative.id.in_(sa.select(initiative_sdgs.c.initiative_id)
                                              .where(initiative_sdgs.c.sdg_number == sdg)))
    if department is not None:
        query = query.where(Initiative.id.in_(
            sa.select(initiative_departments.c.initiative_id)
            .join(Department, Department.id == initiative_departments.c.department_id)
            .where(Department.code == department)))
    if year is not None:
        query = query.where(Initiative.starts_on <= date(year, 12, 31),
                            sa.or_(Initiative.ends_on.is_(None), Initiative.ends_on >= date(year, 1, 1)))
    return paginate(query.order_by(Initiative.id), ListFilters(page=page, per_page=per_page))
