"""/api/v1 endpoints of open data: the public register of initiatives and the published impact figures, the same
records and sums as the open-data files and the dashboard."""
from flask import Blueprint, jsonify

from matchmaker.api import models
from matchmaker.api.models import Error
from matchmaker.api.openapi import describe
from matchmaker.api.parsing import valid_query
from matchmaker.impact import figures
from matchmaker.opendata import records
from matchmaker.templating import current_language

# Nested in the "api" blueprint, which authenticates every call and sets the /api/v1 prefix.
blueprint = Blueprint("impact", __name__)


@blueprint.get("/initiatives")
@describe("Public initiatives, by number.", query=models.InitiativeQuery,
          responses={200: models.Page[models.OpenInitiative], 422: Error})
def list_initiatives():
    query = valid_query()
    page = records.public_initiative_page(sdg=query.sdg, department=records.department_code(query.department),
                                          year=query.year, page=query.page or 1, per_page=query.per_page or 20)
    return jsonify({"items": [records.initiative_record(initiative) for initiative in page.items],
                    "total": page.total, "page": page.page, "per_page": page.per_page, "pages": page.pages})


@blueprint.get("/initiatives/<int:initiative_id>")
@describe("One public initiative with its counted indicator values; any other is a 404.",
          responses={200: models.InitiativeWithValues, 404: Error})
def get_initiative(initiative_id: int):
    initiative = records.public_initiative(initiative_id)
    language = current_language()
    return jsonify(records.initiative_record(initiative) | {
        "values": [records.value_record(value, language) for value in records.counted_values_of(initiative.id)]})


@blueprint.get("/impact/summary")
@describe("The published impact figures under the filters given.",
          description="Totals equal the sums of the published indicator values under the same filters: without "
                      "filters, the sums of the `value` column of /opendata/indicators.csv per `indicator_code`. "
                      "Disputed values are left out of both.",
          query=models.SummaryQuery, responses={200: models.ImpactSummary, 422: Error})
def impact_summary():
    query = valid_query()
    filters = figures.FigureFilters(year=query.year, sdg=query.sdg, department=records.department_code(
        query.department), verified=bool(query.verified))
    return jsonify({
        "totals": figures.totals(filters),
        "by_year": _keyed(figures.by_year(filters)),
        "by_sdg": _keyed(figures.by_sdg(filters)),
        "by_department": _keyed(figures.by_department(filters)),
    })


def _keyed(nested: dict) -> dict[str, dict]:
    return {str(key): sums for key, sums in nested.items()}
