"""Published figures: the one definition of which indicator values count, and their sums by indicator, year, SDG
and department. The dashboard, the annual report, open data and the API all count from here, so their numbers
agree. A value counts when its initiative is public and the value is not disputed; `verified` keeps confirmed
values only."""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from matchmaker.challenges.models import Challenge, ChallengeStatus, challenge_sdgs
from matchmaker.extensions import db
from matchmaker.impact.models import Indicator, IndicatorValue, Verification
from matchmaker.initiatives.models import Initiative, initiative_departments, initiative_sdgs
from matchmaker.orgs.models import Organisation
from matchmaker.permissions import STOPPED_ORGANISATION, public_initiatives
from matchmaker.reference.models import Department
from matchmaker.workflow.models import Proposal, ProposalEvent
from matchmaker.workflow.stages import Stage


@dataclass(frozen=True)
class FigureFilters:
    """What a published figure is narrowed to; None (or False) leaves that side open."""

    year: int | None = None
    sdg: int | None = None
    department: str | None = None  # a department's code
    kind: str | None = None  # an InterventionKind value
    verified: bool = False  # confirmed values only


def counted_values(filters: FigureFilters = FigureFilters()) -> sa.Select:
    """SELECT of the IndicatorValue rows that count under `filters` (joined to their initiative and indicator)."""
    query = (sa.select(IndicatorValue)
             .join(Initiative, Initiative.id == IndicatorValue.initiative_id)
             .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
             .where(public_initiatives(), IndicatorValue.state != Verification.DISPUTED))
    return narrowed(query, filters)


def narrowed(query: sa.Select, filters: FigureFilters) -> sa.Select:
    """`query` (which joins Initiative and IndicatorValue) narrowed to `filters`."""
    if filters.verified:
        query = query.where(IndicatorValue.state == Verification.CONFIRMED)
    if filters.year is not None:
        query = query.where(IndicatorValue.year == filters.year)
    if filters.kind is not None:
        query = query.where(Initiative.kind == filters.kind)
    if filters.sdg is not None:
        query = query.where(Initiative.id.in_(sa.select(initiative_sdgs.c.initiative_id)
                                              .where(initiative_sdgs.c.sdg_number == filters.sdg)))
    if filters.department is not None:
        query = query.where(Initiative.id.in_(
            sa.select(initiative_departments.c.initiative_id)
            .join(Department, Department.id == initiative_departments.c.department_id)
            .where(Department.code == filters.department)))
    return query


def totals(filters: FigureFilters = FigureFilters()) -> dict[str, float]:
    """{indicator code: sum of its counted values}."""
    values = counted_values(filters).subquery()
    query = (sa.select(Indicator.code, sa.func.sum(values.c.value)).select_from(values)
             .join(Indicator, Indicator.id == values.c.indicator_id).group_by(Indicator.code).order_by(Indicator.code))
    return {code: total for code, total in db.session.execute(query)}


def by_year(filters: FigureFilters = FigureFilters()) -> dict[int, dict[str, float]]:
    """{year: {indicator code: sum}}."""
    values = counted_values(filters).subquery()
    query = (sa.select(values.c.year, Indicator.code, sa.func.sum(values.c.value)).select_from(values)
             .join(Indicator, Indicator.id == values.c.indicator_id)
             .group_by(values.c.year, Indicator.code).order_by(values.c.year, Indicator.code))
    return _nested(db.session.execute(query))


def by_sdg(filters: FigureFilters = FigureFilters()) -> dict[int, dict[str, float]]:
    """{SDG number: {indicator code: sum}}. A value of an initiative under two goals counts under each, so these
    do not add up to the totals."""
    values = counted_values(filters).subquery()
    query = (sa.select(initiative_sdgs.c.sdg_number, Indicator.code, sa.func.sum(values.c.value))
             .select_from(values).join(Indicator, Indicator.id == values.c.indicator_id)
             .join(initiative_sdgs, initiative_sdgs.c.initiative_id == values.c.initiative_id)
             .group_by(initiative_sdgs.c.sdg_number, Indicator.code)
             .order_by(initiative_sdgs.c.sdg_number, Indicator.code))
    return _nested(db.session.execute(query))


def by_department(filters: FigureFilters = FigureFilters()) -> dict[str, dict[str, float]]:
    """{department code: {indicator code: sum}}; like by_sdg, a value counts under each of its departments."""
    values = counted_values(filters).subquery()
    query = (sa.select(Department.code, Indicator.code, sa.func.sum(values.c.value))
             .select_from(values).join(Indicator, Indicator.id == values.c.indicator_id)
             .join(initiative_departments, initiative_departments.c.initiative_id == values.c.initiative_id)
             .join(Department, Department.id == initiative_departments.c.department_id)
             .group_by(Department.code, Indicator.code).order_by(Department.code, Indicator.code))
    return _nested(db.session.execute(query))


def confirmed_share(filters: FigureFilters = FigureFilters()) -> dict[str, float]:
    """{indicator code: the part (0..1) of its counted total that is confirmed}: what the dashboard says beside
    every figure."""
    everything = totals(FigureFilters(**{**filters.__dict__, "verified": False}))
    confirmed = totals(FigureFilters(**{**filters.__dict__, "verified": True}))
    return {code: (confirmed.get(code, 0.0) / total if total else 0.0) for code, total in everything.items()}


def _nested(rows) -> dict:
    nested: dict = defaultdict(dict)
    for outer, code, total in rows:
        nested[outer][code] = total
    return dict(nested)


# --- Initiatives, shares and the pipeline: what the dashboard and the annual report count besides values ---------
# The same rule holds: public initiatives only, disputed values never counted. An initiative is active in a year
# when its dates cover part of that year (open-ended ones until this year) or it has a counted value for it.

def _filtered_initiatives(filters: FigureFilters) -> sa.Select:
    """SELECT of the public initiatives under `filters`' SDG, department and kind (not yet its year)."""
    query = sa.select(Initiative).where(public_initiatives())
    return narrowed(query, FigureFilters(sdg=filters.sdg, department=filters.department, kind=filters.kind))


def active_years(filters: FigureFilters = FigureFilters(), until: int | None = None) -> dict[int, set[int]]:
    """{initiative id: the years it was active} for the public initiatives under `filters` (its year excepted:
    the callers pick the year), open-ended ones counted until `until` (this year when None)."""
    until = until or date.today().year
    initiatives = _filtered_initiatives(filters).subquery()
    years: dict[int, set[int]] = {}
    dates = sa.select(initiatives.c.id, initiatives.c.starts_on, initiatives.c.ends_on)
    for initiative_id, starts_on, ends_on in db.session.execute(dates):
        last = ends_on.year if ends_on else max(until, starts_on.year if starts_on else until)
        years[initiative_id] = set(range(starts_on.year, last + 1)) if starts_on else set()
    with_values = (sa.select(IndicatorValue.initiative_id, IndicatorValue.year).distinct()
                   .where(IndicatorValue.state != Verification.DISPUTED,
                          IndicatorValue.initiative_id.in_(sa.select(initiatives.c.id))))
    for initiative_id, year in db.session.execute(with_values):
        years[initiative_id].add(year)
    return years


def counted_initiative_ids(filters: FigureFilters = FigureFilters()) -> set[int]:
    """The public initiatives under `filters`, those active in its year when it names one."""
    years = active_years(filters)
    return {initiative_id for initiative_id, active in years.items()
            if filters.year is None or filters.year in active}


def initiatives_by_year(filters: FigureFilters = FigureFilters()) -> dict[int, int]:
    """{year: how many public initiatives were active in it}, every year from the first to the last that has one
    (only `filters.year` when it names one)."""
    years = active_years(filters)
    counts: dict[int, int] = defaultdict(int)
    for active in years.values():
        for year in active:
            if filters.year is None or year == filters.year:
                counts[year] += 1
    if not counts:
        return {}
    return {year: counts.get(year, 0) for year in range(min(counts), max(counts) + 1)}


def counted_initiatives(filters: FigureFilters = FigureFilters()) -> list[Initiative]:
    """The public initiatives under `filters` (active in its year), by title."""
    ids = counted_initiative_ids(filters)
    if not ids:
        return []
    return list(db.session.scalars(sa.select(Initiative).where(Initiative.id.in_(ids))
                                   .order_by(Initiative.title, Initiative.id)))


def initiatives_by(attribute: str, filters: FigureFilters = FigureFilters(),
                   counted: list[Initiative] | None = None) -> dict:
    """{SDG number, department code, kind, reach or place: how many counted initiatives have it}; an initiative
    under two goals (or departments) counts under each. `attribute` is "sdg", "department", "kind", "reach" or
    "place". `counted`, when given, is counted_initiatives(filters) already read (a page draws several charts)."""
    counts: dict = defaultdict(int)
    for initiative in counted_initiatives(filters) if counted is None else counted:
        if attribute == "sdg":
            keys = [sdg.number for sdg in initiative.sdgs]
        elif attribute == "department":
            keys = [department.code for department in initiative.departments]
        elif attribute in ("kind", "reach"):
            keys = [getattr(initiative, attribute).value]
        elif attribute == "place":
            keys = [initiative.place.strip()] if initiative.place and initiative.place.strip() else []
        else:
            raise ValueError(f"cannot count initiatives by {attribute!r}")
        for key in keys:
            counts[key] += 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def partnered_share(filters: FigureFilters = FigureFilters()) -> tuple[int, int]:
    """(how many counted initiatives have at least one outside partner organisation, how many are counted)."""
    initiatives = counted_initiatives(filters)
    return sum(1 for initiative in initiatives if initiative.partners), len(initiatives)


def confirmed_values_share(filters: FigureFilters = FigureFilters()) -> tuple[int, int]:
    """(how many counted values are confirmed, how many values are counted): the share of confirmed figures."""
    values = counted_values(filters).subquery()
    query = sa.select(sa.func.count().filter(values.c.state == Verification.CONFIRMED), sa.func.count()) \
        .select_from(values)
    confirmed, counted = db.session.execute(query).one()
    return int(confirmed or 0), int(counted or 0)


PIPELINE_STEPS = ("published", "proposed", "accepted", "completed")


def pipeline(filters: FigureFilters = FigureFilters()) -> dict[str, int]:
    """From challenges to completed partnerships: published challenges (never drafts, hidden ones or those of a
    stopped organisation), those with a proposal, proposals accepted, partnerships completed; withdrawn proposals
    never count. Narrowed by `filters`' year (the challenge's publication) and SDG; departments and kinds belong to
    initiatives, not challenges."""
    published = (sa.select(Challenge.id).join(Organisation, Organisation.id == Challenge.organisation_id)
                 .where(Challenge.status != ChallengeStatus.DRAFT, Challenge.hidden_at.is_(None),
                        Challenge.published_at.is_not(None), Organisation.status.notin_(STOPPED_ORGANISATION)))
    if filters.year is not None:
        published = published.where(sa.extract("year", Challenge.published_at) == filters.year)
    if filters.sdg is not None:
        published = published.where(Challenge.id.in_(sa.select(challenge_sdgs.c.challenge_id)
                                                      .where(challenge_sdgs.c.sdg_number == filters.sdg)))
    proposals = sa.select(Proposal.id).where(Proposal.challenge_id.in_(published),
                                             Proposal.stage != Stage.WITHDRAWN)
    accepted = proposals.where(Proposal.id.in_(sa.select(ProposalEvent.proposal_id)
                                               .where(ProposalEvent.to_stage == Stage.ACCEPTED)))

    def count(select: sa.Select) -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(select.subquery())) or 0

    return {
        "published": count(published),
        "proposed": count(sa.select(Proposal.challenge_id).distinct().where(Proposal.id.in_(proposals))),
        "accepted": count(accepted),
        "completed": count(proposals.where(Proposal.stage == Stage.COMPLETED)),
    }
