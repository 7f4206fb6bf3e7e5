"""The DCAT-AP_IT catalogue passes the repository's SHACL shapes offline, in JSON-LD and in Turtle, and a
catalogue missing a required property (or using a theme outside the EU list) fails them, so the check can fail."""
import json
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Namespace, URIRef

import matchmaker.opendata
from matchmaker.opendata.catalog import catalogue_graph

SHAPES = Path(matchmaker.opendata.__file__).parent / "shapes" / "dcat-ap_it.ttl"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")


def conforms(graph: Graph) -> tuple[bool, str]:
    shapes = Graph().parse(SHAPES, format="turtle")
    result, _report, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    return result, text


@pytest.fixture
def catalogue(client, make):
    make.initiative(title="Shared gardens")
    make.challenge()
    return json.loads(client.get("/opendata/catalog.jsonld").get_data(as_text=True))


def test_the_served_catalogue_passes_the_dcat_ap_it_shapes_in_both_serialisations(client, catalogue):
    assert isinstance(catalogue["@context"], dict)  # inline: reading it fetches nothing
    ok, report = conforms(catalogue_graph(catalogue))
    assert ok, report
    turtle = client.get("/opendata/catalog.ttl")
    assert turtle.status_code == 200 and turtle.mimetype == "text/turtle"
    graph = Graph().parse(data=turtle.get_data(as_text=True), format="turtle")
    ok, report = conforms(graph)
    assert ok, report
    assert len(graph) == len(catalogue_graph(catalogue))


def test_the_catalogue_describes_every_file_with_eu_formats_and_the_licence(client, catalogue):
    graph = catalogue_graph(catalogue)
    access = {str(url).removeprefix("http://localhost") for url in graph.objects(None, DCAT.accessURL)}
    assert access == {"/opendata/initiatives.csv", "/opendata/initiatives.json", "/opendata/indicators.csv",
                      "/opendata/challenges.csv"}
    formats = {str(value).rsplit("/", 1)[1] for value in graph.objects(None, DCT["format"])}
    assert formats == {"CSV", "JSON"}
    assert set(graph.objects(None, DCT.license)) == {URIRef("https://creativecommons.org/licenses/by/4.0/")}
    datasets = catalogue["dcat:dataset"]
    # From the data: the moment each dataset last changed; the day of asking while it has no rows (no values here).
    assert [dataset["dct:modified"]["@type"] for dataset in datasets] == ["xsd:dateTime", "xsd:date", "xsd:dateTime"]
    assert catalogue["dct:publisher"]["foaf:name"] == "Politecnico di Torino"
    for path in access:  # every address it names answers
        assert client.get(path).status_code == 200


def test_the_catalogue_takes_its_licence_and_publisher_from_the_configuration(app, client, catalogue):
    app.config.update(OPEN_DATA_LICENCE_URL="https://www.dati.gov.it/iodl/2.0/", OPEN_DATA_LICENCE_NAME="IODL 2.0",
                      OPEN_DATA_PUBLISHER="PoliTO for Society", OPEN_DATA_PUBLISHER_IPA="polito")
    document = json.loads(client.get("/opendata/catalog.jsonld").get_data(as_text=True))
    distribution = document["dcat:dataset"][0]["dcat:distribution"][0]
    assert distribution["dct:license"]["@id"] == "https://www.dati.gov.it/iodl/2.0/"
    assert document["dcat:dataset"][0]["dct:identifier"] == "polito:matchmaker-initiatives"
    assert document["dcat:dataset"][0]["dct:rightsHolder"]["foaf:name"] == "PoliTO for Society"
    assert "IODL 2.0" in client.get("/opendata/").get_data(as_text=True)


def test_an_empty_register_still_has_a_valid_catalogue(client):
    document = json.loads(client.get("/opendata/catalog.jsonld").get_data(as_text=True))
    ok, report = conforms(catalogue_graph(document))
    assert ok, report
    assert document["dct:modified"]["@type"] == "xsd:date"


@pytest.mark.parametrize("removed", [
    ("catalogue", "dct:publisher"), ("catalogue", "dct:modified"), ("catalogue", "dcat:dataset"),
    ("dataset", "dct:identifier"), ("dataset", "dcat:theme"), ("dataset", "dct:rightsHolder"),
    ("dataset", "dct:accrualPeriodicity"), ("dataset", "dct:modified"), ("distribution", "dct:license"),
    ("distribution", "dct:format"), ("distribution", "dcat:accessURL")])
def test_a_catalogue_missing_a_required_property_fails_the_shapes(catalogue, removed):
    level, name = removed
    dataset = catalogue["dcat:dataset"][0]
    {"catalogue": catalogue, "dataset": dataset, "distribution": dataset["dcat:distribution"][0]}[level].pop(name)
    ok, report = conforms(catalogue_graph(catalogue))
    assert not ok
    assert name.split(":")[1] in report


def test_a_theme_or_format_outside_the_eu_vocabularies_fails_the_shapes(catalogue):
    dataset = catalogue["dcat:dataset"][0]
    dataset["dcat:theme"] = [{"@id": "http://example.org/themes/society"}]
    assert not conforms(catalogue_graph(catalogue))[0]
    dataset["dcat:theme"] = [{"@id": "http://publications.europa.eu/resource/authority/data-theme/SOCI"}]
    assert conforms(catalogue_graph(catalogue))[0]
    dataset["dcat:distribution"][0]["dct:format"] = "CSV"  # a literal, not the EU file-type
    assert not conforms(catalogue_graph(catalogue))[0]
