"""What the impact dashboard and the annual report show, assembled from the published figures (figures.py): the
filters read from the address, the headline totals, each chart's (label, value) list (the SVG, its table and its
CSV all come from that one list), and the coordinators' extra view. Reads only."""
import csv
import io
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup

from matchmaker.extensions import db
from matchmaker.impact import charts, figures
from matchmaker.impact.figures import FigureFilters
from matchmaker.impact.models import Indicator, IndicatorValue, Verification
from matchmaker.initiatives.models import Initiative, InterventionKind, ReviewState
from matchmaker.labels import label_for
from matchmaker.reference.models import Scale
from matchmaker.reference.services import list_departments, list_sdgs
from matchmaker.templating import current_language

FIRST_YEAR = 2000  # the register holds nothing older; earlier years are not a report
DEFAULT_INDICATOR = "people_reached"
LONGEST_FILTER = 40  # an echoed bad value is cut to this many characters
COORDINATION_ROWS = 50
PLACES_SHOWN = 10
REPORT_TREND_YEARS = 5


def last_year() -> int:
    """The latest year a figure can be about: the current one."""
    return date.today().year


@dataclass
class Choice:
    """The filters as asked for in the address, what was wrong with them (each bad one is left out), and the
    indicator the per-indicator charts follow."""

    filters: FigureFilters
    indicator: str
    errors: list[str] = field(default_factory=list)
    asked: dict[str, str] = field(default_factory=dict)  # the good values, to keep in links and the form


def read_filters(args) -> Choice:
    """The dashboard's filters from a query string: year, sdg, department, kind, indicator, verified."""
    errors, asked, values = [], {}, {}

    def given(name: str) -> str:
        return (args.get(name) or "").strip()[:LONGEST_FILTER]

    if year := given("year"):
        if year.isdigit() and FIRST_YEAR <= int(year) <= last_year():
            values["year"] = asked["year"] = int(year)
        else:
            errors.append(_("The year must be a number from %(first)s to %(last)s, not “%(given)s”.",
                            first=FIRST_YEAR, last=last_year(), given=year))
    if sdg := given("sdg"):
        if sdg.isdigit() and 1 <= int(sdg) <= 17:
            values["sdg"] = asked["sdg"] = int(sdg)
        else:
            errors.append(_("The goal must be one of the 17 SDGs, by number (1 to 17), not “%(given)s”.", given=sdg))
    if department := given("department"):
        codes = {known.code for known in list_departments()}
        if department.upper() in codes:
            values["department"] = asked["department"] = department.upper()
        else:
            errors.append(_("There is no department with the code “%(given)s”.", given=department))
    if kind := given("kind"):
        if kind in {member.value for member in InterventionKind}:
            values["kind"] = asked["kind"] = kind
        else:
            errors.append(_("There is no kind of intervention called “%(given)s”.", given=kind))
    if given("verified") in ("1", "on", "true", "y"):
        values["verified"] = True
        asked["verified"] = "1"
    indicator = DEFAULT_INDICATOR
    if code := given("indicator"):
        if db.session.scalar(sa.select(Indicator.id).where(Indicator.code == code)) is not None:
            indicator = asked["indicator"] = code
        else:
            errors.append(_("There is no indicator with the code “%(given)s”.", given=code))
    return Choice(FigureFilters(**values), indicator, errors, asked)


@dataclass
class Chart:
    """One chart: its id (unique on the page, also its CSV's name), title, shape ("bars", "trend", or "table" for
    numbers that no one scale fits), the header of its table's two columns, and its rows: a stable key for the CSV
    and the (label, value) the chart draws."""

    id: str
    title: str
    shape: str
    label_header: str
    value_header: str
    rows: list[tuple[str, str, float]]  # (key, label, value)
    note: str = ""

    @property
    def data(self) -> charts.Series:
        return [(label, value) for _key, label, value in self.rows]

    def svg(self) -> Markup:
        if self.shape == "table":
            return Markup("")
        draw = charts.trend_chart if self.shape == "trend" else charts.bar_chart
        return Markup(draw(  # noqa: S704  (charts.py escapes every label and the title)
            f"chart-{self.id}", self.title, self.data, empty=_("Nothing to show for these filters."),
            number=shown_number))

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["key", "label", "value"])
        for key, label, value in self.rows:
            writer.writerow([key, label, charts.format_value(value)])
        return out.getvalue()


def shown_number(value: float) -> str:
    """A number as a page shows it, in the reader's language: "11,467" in English, "11.467" in Italian."""
    return format_decimal(value, format="#,##0.#")


@dataclass
class Headline:
    code: str
    name: str
    unit: str
    total: float
    confirmed_percent: int


def headlines(filters: FigureFilters) -> list[Headline]:
    """Each indicator with a counted total, in the catalogue's order, with the share of it that is confirmed."""
    totals = figures.totals(filters)
    shares = figures.confirmed_share(filters)
    language = current_language()
    indicators = db.session.scalars(sa.select(Indicator).where(Indicator.code.in_(totals))
                                    .order_by(Indicator.custom, Indicator.position, Indicator.name_en))
    return [Headline(indicator.code, indicator.name_in(language), indicator.unit_in(language),
                     totals[indicator.code], round(100 * shares.get(indicator.code, 0.0)))
            for indicator in indicators]


def headline_chart(filters: FigureFilters) -> Chart:
    rows = [(headline.code, f"{headline.name} ({headline.unit})", headline.total) for headline in headlines(filters)]
    # A table only: the indicators count people, hours, euros..., which one scale of bars would misrepresent.
    return Chart("totals", _("Totals by indicator"), "table", _("Indicator"), _("Total"), rows,
                 note=_("Each indicator has its own unit, so they are listed, not drawn on one scale."))


def _indicator(code: str) -> Indicator | None:
    return db.session.scalar(sa.select(Indicator).where(Indicator.code == code))


def build_charts(filters: FigureFilters, indicator_code: str, *, trend_until: int | None = None) -> list[Chart]:
    """Every chart of the dashboard under `filters`. With `trend_until` (the report), the two yearly trends show the
    years up to that one instead of only the filter's year."""
    language = current_language()
    indicator = _indicator(indicator_code)
    indicator_name = indicator.name_in(language) if indicator else indicator_code
    trend_filters = filters
    if trend_until is not None:
        trend_filters = FigureFilters(sdg=filters.sdg, department=filters.department, kind=filters.kind,
                                      verified=filters.verified)

    def in_trend(year: int) -> bool:
        return trend_until is None or trend_until - REPORT_TREND_YEARS < year <= trend_until

    sdg_names = {sdg.number: sdg.name_in(language) for sdg in list_sdgs()}
    department_names = {d.code: d.name_in(language) for d in list_departments()}
    by_year_values = figures.by_year(trend_filters)
    by_sdg_values = figures.by_sdg(filters)
    by_department_values = figures.by_department(filters)
    counted = figures.counted_initiatives(filters)
    reaches = figures.initiatives_by("reach", filters, counted)
    pipeline = figures.pipeline(filters)
    steps = {"published": _("Published challenges"), "proposed": _("Challenges with a proposal"),
             "accepted": _("Proposals accepted"), "completed": _("Partnerships completed")}
    return [
        headline_chart(filters),
        Chart("initiatives-by-year", _("Initiatives active each year"), "trend", _("Year"), _("Initiatives"),
              [(str(year), str(year), count) for year, count in figures.initiatives_by_year(trend_filters).items()
               if in_trend(year)]),
        Chart("indicator-by-year", _("%(indicator)s, by year", indicator=indicator_name), "trend", _("Year"),
              _("Total"), [(str(year), str(year), sums[indicator_code])
                           for year, sums in by_year_values.items() if indicator_code in sums and in_trend(year)]),
        Chart("initiatives-by-sdg", _("Initiatives by Sustainable Development Goal"), "bars", _("Goal"),
              _("Initiatives"), [(str(number), f"{number}. {sdg_names.get(number, '')}", count)
                                 for number, count in figures.initiatives_by("sdg", filters, counted).items()],
              note=_("An initiative serving two goals counts under each.")),
        Chart("indicator-by-sdg", _("%(indicator)s, by goal", indicator=indicator_name), "bars", _("Goal"),
              _("Total"), [(str(number), f"{number}. {sdg_names.get(number, '')}", sums[indicator_code])
                           for number, sums in by_sdg_values.items() if indicator_code in sums],
              note=_("A value of an initiative serving two goals counts under each.")),
        Chart("initiatives-by-department", _("Initiatives by department"), "bars", _("Department"), _("Initiatives"),
              [(code, department_names.get(code, code), count)
               for code, count in figures.initiatives_by("department", filters, counted).items()],
              note=_("An initiative of two departments counts under each.")),
        Chart("indicator-by-department", _("%(indicator)s, by department", indicator=indicator_name), "bars",
              _("Department"), _("Total"), [(code, department_names.get(code, code), sums[indicator_code])
                                            for code, sums in by_department_values.items() if indicator_code in sums]),
        Chart("initiatives-by-kind", _("Initiatives by kind of intervention"), "bars", _("Kind of intervention"),
              _("Initiatives"), [(kind, label_for(InterventionKind(kind)), count)
                                 for kind, count in figures.initiatives_by("kind", filters, counted).items()]),
        Chart("initiatives-by-reach", _("Initiatives by reach"), "bars", _("Reach"), _("Initiatives"),
              [(scale.value, label_for(scale), reaches[scale.value]) for scale in Scale if scale.value in reaches]),
        Chart("initiatives-by-place", _("Places with the most initiatives"), "bars", _("Place"), _("Initiatives"),
              [(place, place, count) for place, count in
               list(figures.initiatives_by("place", filters, counted).items())[:PLACES_SHOWN]]),
        Chart("pipeline", _("From challenges to completed partnerships"), "bars", _("Step"), _("Number"),
              [(step, steps[step], pipeline[step]) for step in figures.PIPELINE_STEPS],
              note=_("Drafts, hidden challenges and withdrawn proposals are never counted. The pipeline follows the "
                     "year (of publication) and goal filters only.")),
    ]


CHART_IDS = ("totals", "initiatives-by-year", "indicator-by-year", "initiatives-by-sdg", "indicator-by-sdg",
             "initiatives-by-department", "indicator-by-department", "initiatives-by-kind", "initiatives-by-reach",
             "initiatives-by-place", "pipeline")


@dataclass
class Share:
    part: int
    whole: int

    @property
    def percent(self) -> int:
        return round(100 * self.part / self.whole) if self.whole else 0


def shares(filters: FigureFilters) -> dict[str, Share]:
    return {"partnered": Share(*figures.partnered_share(filters)),
            "confirmed": Share(*figures.confirmed_values_share(filters))}


@dataclass
class Coordination:
    """What only coordinators see: what waits for them."""

    pending: list[Initiative]
    declared: list[IndicatorValue]
    declared_count: int
    disputed: list[IndicatorValue]


def coordination() -> Coordination:
    """Initiatives waiting for review, values declared but not yet confirmed, disputed values: the oldest first."""
    pending = list(db.session.scalars(
        sa.select(Initiative).where(Initiative.review == ReviewState.PENDING, Initiative.hidden_at.is_(None),
                                    Initiative.merged_into_id.is_(None))
        .order_by(Initiative.created_at, Initiative.id).limit(COORDINATION_ROWS)))

    def values_in(state: Verification):
        return (sa.select(IndicatorValue).join(Initiative, Initiative.id == IndicatorValue.initiative_id)
                .where(IndicatorValue.state == state, Initiative.merged_into_id.is_(None))
                .order_by(IndicatorValue.updated_at, IndicatorValue.id))

    declared_count = db.session.scalar(sa.select(sa.func.count()).select_from(
        values_in(Verification.DECLARED).subquery())) or 0
    return Coordination(
        pending=pending,
        declared=list(db.session.scalars(values_in(Verification.DECLARED).limit(COORDINATION_ROWS))),
        declared_count=declared_count,
        disputed=list(db.session.scalars(values_in(Verification.DISPUTED).limit(COORDINATION_ROWS))),
    )
