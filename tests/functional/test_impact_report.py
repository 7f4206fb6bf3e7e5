"""The annual impact report: a printable page in Italian or English with the year's figures, charts, tables and
initiatives, and the same page as a tagged PDF."""
import io
from datetime import date

import pytest
from pypdf import PdfReader

from matchmaker.impact.models import Verification
from tests import factories


@pytest.fixture
def year_2024(make):
    garden = make.initiative(title="Shared gardens in Mirafiori", sdgs=(2, 11), departments=("DIST",),
                             starts_on=date(2024, 3, 1), ends_on=date(2024, 12, 1))
    factories.indicator_value(garden, "people_reached", year=2024, value=250, state=Verification.CONFIRMED)
    make.initiative(title="Started in 2026", starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1))
    make.initiative(title="Waiting for review", approved=False, starts_on=date(2024, 1, 1))
    return garden


def test_the_report_in_english_has_the_year_its_figures_and_its_initiatives(client, year_2024):
    response = client.get("/impact/report/2024?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="en">' in page
    assert "Annual impact report 2024" in page and "PoliTO for Society" in page
    assert "People reached" in page and "250" in page and "100%" in page
    assert f'href="/initiatives/{year_2024.id}"' in page
    assert "Started in 2026" not in page and "Waiting for review" not in page
    assert "Sources and verification" in page
    assert 'role="img"' in page and "<caption>" in page
    assert 'href="/impact/report/2024.pdf?lang=en"' in page


def test_the_report_in_italian_speaks_italian_whatever_the_browser(client, year_2024):
    page = client.get("/impact/report/2024?lang=it", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="it">' in page
    assert "Rapporto annuale di impatto 2024" in page
    assert "Persone raggiunte" in page
    assert "Fonti e verifica" in page


def test_without_lang_the_report_is_in_the_visitor_s_language(client, year_2024):
    page = client.get("/impact/report/2024", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_a_year_with_nothing_says_so(client, year_2024):
    response = client.get("/impact/report/2021?lang=en")
    assert response.status_code == 200
    assert "No public initiative was active in 2021" in response.get_data(as_text=True)


@pytest.mark.one_database
@pytest.mark.parametrize("year", [1999, date.today().year + 1, 99999])
def test_a_year_out_of_range_has_no_report(client, year):
    assert client.get(f"/impact/report/{year}").status_code == 404
    assert client.get(f"/impact/report/{year}.pdf").status_code == 404


def test_the_pdf_is_a_tagged_pdf_of_the_same_report(client, year_2024):
    response = client.get("/impact/report/2024.pdf?lang=en")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) >= 1
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "2024" in text and "Shared gardens in Mirafiori" in text
    assert "Download as PDF" not in text
