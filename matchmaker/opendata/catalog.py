"""The DCAT-AP_IT catalogue of the open data: a JSON-LD document with its context inline (nothing is fetched to
read it), and the same graph as Turtle, made by rdflib from that JSON-LD so the two always say the same."""
import json
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from rdflib import Graph

from matchmaker.links import public_url_for

EU = "http://publications.europa.eu/resource/authority/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatapit": "http://dati.gov.it/onto/dcatapit#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LANGUAGES = ("it", "en")


@dataclass(frozen=True)
class Distribution:
    endpoint: str
    file_type: str  # a code of the EU file-type list
    media_type: str


@dataclass(frozen=True)
class Dataset:
    key: str  # also the key of records.last_modified()
    title: object  # lazy translated strings, given in both languages
    description: object
    themes: tuple[str, ...]  # codes of the EU data-theme list
    distributions: tuple[Distribution, ...]


DATASETS = (
    Dataset("initiatives", _l("Initiatives for society of Politecnico di Torino"),
            _l("The public register of the initiatives the university community carries out with and for "
               "society: what, where, when, with whom, toward which Sustainable Development Goals. Only the people "
               "who chose to appear in the public directory are named."),
            ("SOCI", "EDUC"),
            (Distribution("opendata.initiatives_csv", "CSV", "text/csv"),
             Distribution("opendata.initiatives_json", "JSON", "application/json"))),
    Dataset("indicators", _l("Impact indicators of the initiatives"),
            _l("One row per public initiative, indicator and year, with how each value was measured, by whom, "
               "and whether it was confirmed. Disputed values are left out, as they are left out of every "
               "published figure."),
            ("SOCI", "EDUC"),
            (Distribution("opendata.indicators_csv", "CSV", "text/csv"),)),
    Dataset("challenges", _l("Challenges posted by organisations"),
            _l("The public challenges that organisations of the territory have posted for the university: the "
               "need, the kind of help asked for, where and by when. No personal data."),
            ("SOCI", "REGI"),
            (Distribution("opendata.challenges_csv", "CSV", "text/csv"),)),
)
CATALOGUE_TITLE = _l("Open data of PoliTO for Society")
CATALOGUE_DESCRIPTION = _l("The datasets that PoliTO for Society, the social-outreach centre of Politecnico di "
                           "Torino, publishes about the university's initiatives for society, their measured "
                           "impact and the challenges posted by organisations.")


def _in_each_language(text) -> list[dict]:
    texts = []
    for language in LANGUAGES:
        with force_locale(language):
            texts.append({"@value": str(text), "@language": language})
    return texts


def _stamp(moment: datetime | None) -> dict:
    """dct:modified from the data; a dataset still without rows says today (when its emptiness was checked)."""
    if moment is None:
        return {"@value": date.today().isoformat(), "@type": "xsd:date"}
    return {"@value": moment.replace(microsecond=0).isoformat(), "@type": "xsd:dateTime"}


def _agent() -> dict:
    config = current_app.config
    agent = {"@id": public_url_for("opendata.index") + "#publisher", "@type": ["foaf:Agent", "dcatapit:Agent"],
             "foaf:name": config["OPEN_DATA_PUBLISHER"]}
    if config.get("OPEN_DATA_PUBLISHER_IPA"):
        agent["dct:identifier"] = config["OPEN_DATA_PUBLISHER_IPA"]
    return agent


def identifier_of(dataset: Dataset) -> str:
    """DCAT-AP_IT spells a dataset's identifier "<publisher's IPA code>:<id>" where there is an IPA code."""
    ipa = current_app.config.get("OPEN_DATA_PUBLISHER_IPA")
    return f"{ipa}:matchmaker-{dataset.key}" if ipa else f"matchmaker-{dataset.key}"


def catalogue_document(modified: dict[str, datetime | None]) -> dict:
    """The catalogue as JSON-LD: catalogue → datasets → distributions, with each one's required properties."""
    config = current_app.config
    licence = {"@id": config["OPEN_DATA_LICENCE_URL"], "@type": ["dct:LicenseDocument"],
               "foaf:name": config["OPEN_DATA_LICENCE_NAME"]}
    agent = _agent()
    datasets = []
    for dataset in DATASETS:
        page = public_url_for("opendata.index") + f"#{dataset.key}"
        datasets.append({
            "@id": page,
            "@type": ["dcat:Dataset", "dcatapit:Dataset"],
            "dct:identifier": identifier_of(dataset),
            "dct:title": _in_each_language(dataset.title),
            "dct:description": _in_each_language(dataset.description),
            "dct:modified": _stamp(modified.get(dataset.key)),
            "dcat:theme": [{"@id": f"{EU}data-theme/{code}"} for code in dataset.themes],
            "dct:rightsHolder": agent,
            "dct:publisher": agent,
            "dct:accrualPeriodicity": {"@id": f"{EU}frequency/CONT"},  # made from the live register on request
            "dcat:landingPage": {"@id": public_url_for("opendata.index")},
            "dct:conformsTo": {"@id": public_url_for("opendata.dictionary")},
            "dcat:distribution": [{
                "@id": public_url_for(distribution.endpoint),
                "@type": ["dcat:Distribution", "dcatapit:Distribution"],
                "dct:title": f"{dataset.key} ({distribution.file_type})",
                "dct:format": {"@id": f"{EU}file-type/{distribution.file_type}"},
                "dcat:mediaType": distribution.media_type,
                "dcat:accessURL": {"@id": public_url_for(distribution.endpoint)},
                "dcat:downloadURL": {"@id": public_url_for(distribution.endpoint)},
                "dct:license": licence,
            } for distribution in dataset.distributions],
        })
    stamps = [moment for moment in modified.values() if moment is not None]
    return {
        "@context": CONTEXT,
        "@id": public_url_for("opendata.catalogue_jsonld"),
        "@type": ["dcat:Catalog", "dcatapit:Catalog"],
        "dct:title": _in_each_language(CATALOGUE_TITLE),
        "dct:description": _in_each_language(CATALOGUE_DESCRIPTION),
        "dct:publisher": agent,
        "dct:modified": _stamp(max(stamps) if stamps else None),
        "dct:language": [{"@id": f"{EU}language/ITA"}, {"@id": f"{EU}language/ENG"}],
        "foaf:homepage": {"@id": public_url_for("opendata.index")},
        "dcat:dataset": datasets,
    }


def catalogue_graph(document: dict) -> Graph:
    """The JSON-LD read by rdflib: its context is inline, so nothing is fetched."""
    return Graph().parse(data=json.dumps(document), format="json-ld")


def catalogue_turtle(document: dict) -> str:
    graph = catalogue_graph(document)
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace)
    return graph.serialize(format="turtle")
