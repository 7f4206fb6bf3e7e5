"""Wherever the site reads `next`, people land on a page of this site, and no value of it breaks the page."""
import pytest

from tests.factories import PASSWORD

# Rules written in Python (not in SQL): once, on SQLite (see tests/conftest.py).
pytestmark = pytest.mark.one_database

LINE_BREAKS = ["/account\r\nSet-Cookie: stolen=1", "/account\nLocation: https://evil.example", "/\r", "\n",
               "/\t/evil.example"]
OFF_SITE = ["http:/evil.example", "https:evil.example", "HTTP:/evil.example/account", "/\\evil.example",
            "/%5Cevil.example", "/%2F/evil.example", "//evil.example"]


@pytest.mark.parametrize("target", LINE_BREAKS + OFF_SITE)
def test_signing_in_with_a_broken_or_foreign_next_lands_on_the_dashboard(client, make, target):
    user = make.user(verified=True)

    response = client.post("/login", query_string={"next": target},
                           data={"email": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.location == "/dashboard"
    assert "stolen" not in response.headers.get("Set-Cookie", "")


@pytest.mark.parametrize("target", LINE_BREAKS)
def test_the_sign_in_page_opens_whatever_next_it_is_given(client, target):
    assert client.get("/login", query_string={"next": target}).status_code == 200


def test_a_nul_in_next_gets_the_plain_400_of_hostile_input_and_signs_nobody_in(client, make):
    user = make.user(verified=True)

    response = client.post("/login", query_string={"next": "/account\x00"},
                           data={"email": user.email, "password": PASSWORD}, headers={"Accept-Language": "en"})

    assert response.status_code == 400
    assert client.get("/account").status_code == 302  # still signed out: sent to the sign-in page


def test_signing_in_still_returns_to_the_page_asked_for_with_its_query(client, make):
    user = make.user(verified=True)

    response = client.post("/login", query_string={"next": "/challenges/?q=energia&page=2"},
                           data={"email": user.email, "password": PASSWORD})

    assert response.location == "/challenges/?q=energia&page=2"


@pytest.mark.parametrize("target", LINE_BREAKS + OFF_SITE)
def test_switching_language_with_a_broken_or_foreign_next_lands_on_the_home_page(client, target):
    response = client.post("/language/en", data={"next": target})

    assert response.status_code == 302
    assert response.location == "/"


def test_the_language_switch_on_a_page_whose_address_has_a_line_break_works(client):
    """The switch sends back the address of the page it sits on; a missing page's address can hold anything."""
    page = client.get("/no-such-page%0Aanother-line")
    assert page.status_code == 404

    response = client.post("/language/en", data={"next": "/no-such-page\nanother-line?"})

    assert response.status_code == 302
    assert response.location == "/"
