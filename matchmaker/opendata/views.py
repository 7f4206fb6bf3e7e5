"""The open-data pages and files: the list of datasets, the data dictionary, one file per resource at a stable
address, and the DCAT-AP_IT catalogue. Everything here is public and the same for everyone."""
import hashlib
from datetime import datetime

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_babel import gettext as _

from matchmaker.errors import ValidationFailed
from matchmaker.initiatives.table import COLUMN_NAMES, COLUMNS
from matchmaker.links import public_url_for
from matchmaker.opendata import catalog, records
from matchmaker.opendata.files import csv_text, json_text

blueprint = Blueprint("opendata", __name__, url_prefix="/opendata")
CACHE_SECONDS = 300  # the files follow the live register: a few minutes of staleness spares the database
FILE_LANGUAGES = ("en", "it")


def _file(body: str, mimetype: str, filename: str, modified: datetime | None, *, attachment: bool = True) -> Response:
    """A whole file with its name, its dictionary, and what a cache or a conditional GET needs."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Type"] = f"{mimetype}; charset=utf-8"
    disposition = "attachment" if attachment else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Link"] = f'<{url_for("opendata.dictionary")}>; rel="describedby"'
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    if modified is not None:
        response.last_modified = modified
    response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
    return response.make_conditional(request)


def _language() -> str:
    language = request.args.get("lang") or "en"
    if language not in FILE_LANGUAGES:
        raise ValidationFailed(_("Some filters are not valid."),
                               {"lang": [_("Choose one of the options (%(allowed)s).", allowed="en, it")]})
    return language


@blueprint.get("/")
def index():
    # Addresses on PUBLIC_URL, as in the catalogue: the stable ones to cite, whatever host the page came through.
    addresses = {distribution.endpoint: public_url_for(distribution.endpoint)
                 for dataset in catalog.DATASETS for distribution in dataset.distributions}
    return render_template("opendata/index.html", datasets=catalog.DATASETS, modified=records.last_modified(),
                           addresses=addresses, licence=_licence())


@blueprint.get("/dictionary")
def dictionary():
    return render_template("opendata/dictionary.html", initiative_columns=COLUMNS,
                           indicator_fields=records.INDICATOR_FIELDS, challenge_fields=records.CHALLENGE_FIELDS,
                           licence=_licence())


@blueprint.get("/initiatives.csv")
def initiatives_csv():
    body = csv_text(COLUMN_NAMES, records.initiative_rows(), records.INITIATIVE_TEXT_COLUMNS)
    return _file(body, "text/csv", "initiatives.csv", records.last_modified()["initiatives"])


@blueprint.get("/initiatives.json")
def initiatives_json():
    body = json_text(records.initiative_records())
    return _file(body, "application/json", "initiatives.json", records.last_modified()["initiatives"])


@blueprint.get("/indicators.csv")
def indicators_csv():
    fields = records.INDICATOR_FIELDS
    body = csv_text([field.name for field in fields], records.indicator_rows(_language()),
                    {field.name for field in fields if field.text})
    return _file(body, "text/csv", "indicators.csv", records.last_modified()["indicators"])


@blueprint.get("/challenges.csv")
def challenges_csv():
    fields = records.CHALLENGE_FIELDS
    body = csv_text([field.name for field in fields], records.challenge_rows(),
                    {field.name for field in fields if field.text})
    return _file(body, "text/csv", "challenges.csv", records.last_modified()["challenges"])


@blueprint.get("/catalog.jsonld")
def catalogue_jsonld():
    modified = records.last_modified()
    body = json_text(catalog.catalogue_document(modified))
    return _file(body, "application/ld+json", "catalog.jsonld", _latest(modified), attachment=False)


@blueprint.get("/catalog.ttl")
def catalogue_turtle():
    modified = records.last_modified()
    body = catalog.catalogue_turtle(catalog.catalogue_document(modified))
    return _file(body, "text/turtle", "catalog.ttl", _latest(modified), attachment=False)


def _latest(modified: dict) -> datetime | None:
    return max((moment for moment in modified.values() if moment is not None), default=None)


def _licence() -> dict:
    config = current_app.config
    return {"name": config["OPEN_DATA_LICENCE_NAME"], "url": config["OPEN_DATA_LICENCE_URL"],
            "publisher": config["OPEN_DATA_PUBLISHER"]}
