"""The open-data page and the data dictionary: a visitor finds every file with its address, format, licence and
last change from the site's footer, and every field of every file explained, in English and in Italian."""
import pytest

from matchmaker.initiatives.table import COLUMNS
from matchmaker.opendata.records import CHALLENGE_FIELDS, INDICATOR_FIELDS


def page(client, path, language):
    response = client.get(path, headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_page_links_to_open_data_from_its_footer(client):
    assert 'href="/opendata/"' in page(client, "/", "en")


def test_a_visitor_finds_every_file_with_its_address_format_licence_and_last_change(client, make):
    make.initiative(title="Shared gardens")
    html = page(client, "/opendata/", "en")
    for path in ("initiatives.csv", "initiatives.json", "indicators.csv", "challenges.csv", "catalog.jsonld",
                 "catalog.ttl"):
        assert f"/opendata/{path}" in html
    assert "https://creativecommons.org/licenses/by/4.0/" in html and "CC BY 4.0" in html
    assert 'href="/opendata/dictionary"' in html
    assert "<time datetime=" in html  # the initiatives changed: when
    assert "No data yet: the file holds its header only." in html  # no values, no challenges yet


@pytest.mark.parametrize("language, words", [("en", ("Data dictionary", "Disputed values are left out")),
                                             ("it", ("Dizionario dei dati", "I valori contestati sono esclusi"))])
def test_the_dictionary_explains_every_field_of_every_file_in_the_readers_language(client, language, words):
    html = page(client, "/opendata/dictionary", language)
    for word in words:
        assert word in html
    for field in (*COLUMNS, *INDICATOR_FIELDS, *CHALLENGE_FIELDS):
        assert f"<code>{field.name}</code>" in html
    if language == "it":
        assert "Il nome dell'iniziativa." in html and "L'anno solare a cui si riferisce il valore." in html
