"""The public impact dashboard (with more for coordinators), each chart's numbers as CSV, and the annual impact
report as a printable page and as a tagged PDF made from the same HTML."""
from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.errors import NotFound
from matchmaker.impact import overview
from matchmaker.impact.figures import FigureFilters, counted_initiatives
from matchmaker.impact.services import catalogue
from matchmaker.initiatives.models import InterventionKind
from matchmaker.labels import choices_for
from matchmaker.permissions import can
from matchmaker.printing import PdfUnavailable, pdf_from_html
from matchmaker.reference.services import list_departments, list_sdgs
from matchmaker.templating import current_language

blueprint = Blueprint("dashboard", __name__, url_prefix="/impact")


@blueprint.route("/")
def index():
    choice = overview.read_filters(request.args)
    coordination = overview.coordination() if can(current_user, "impact.coordinate") else None
    return render_template(
        "impact/dashboard.html", choice=choice, headlines=overview.headlines(choice.filters),
        shares=overview.shares(choice.filters), charts=overview.build_charts(choice.filters, choice.indicator),
        coordination=coordination, sdgs=list_sdgs(), departments=list_departments(),
        kinds=choices_for(InterventionKind), indicators=catalogue(), years=_years(),
        format_value=overview.shown_number), 400 if choice.errors else 200


@blueprint.route("/<chart>.csv")
def chart_csv(chart: str):
    if chart not in overview.CHART_IDS:
        raise NotFound(_("There is no chart with this name."))
    choice = overview.read_filters(request.args)
    if choice.errors:
        return Response("\n".join(choice.errors) + "\n", 400, mimetype="text/plain")
    found = next(c for c in overview.build_charts(choice.filters, choice.indicator) if c.id == chart)
    return Response(found.csv(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="impact-{chart}.csv"'})


@blueprint.route("/report/<int:year>")
def report(year: int):
    return _report_html(year, _report_language())


@blueprint.route("/report/<int:year>.pdf")
def report_pdf(year: int):
    language = _report_language()
    html = _report_html(year, language, for_pdf=True)
    try:
        pdf = pdf_from_html(html)
    except PdfUnavailable:
        current_app.logger.exception("The annual report's PDF cannot be made on this machine")
        abort(503)
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="impact-report-{year}-{language}.pdf"'})


def _years() -> list[int]:
    return list(range(overview.last_year(), overview.FIRST_YEAR - 1, -1))


def _report_language() -> str:
    """The `lang` the address asks for, else the visitor's own."""
    asked = request.args.get("lang", "")
    if asked in current_app.config["LANGUAGES"]:
        return asked
    return current_language()


def _report_html(year: int, language: str, *, for_pdf: bool = False) -> str:
    if not overview.FIRST_YEAR <= year <= overview.last_year():
        raise NotFound(_("There is no report for this year."))
    filters = FigureFilters(year=year)
    with force_locale(language):
        initiatives = counted_initiatives(filters)
        return render_template(
            "impact/report.html", year=year, language=language, for_pdf=for_pdf, initiatives=initiatives,
            headlines=overview.headlines(filters), shares=overview.shares(filters),
            charts=overview.build_charts(filters, overview.DEFAULT_INDICATOR, trend_until=year) if initiatives
            else [], format_value=overview.shown_number,
            pdf_url=url_for("dashboard.report_pdf", year=year, lang=language))
