"""After signing in, people only ever go back to a page of this site."""
import pytest
from flask import Flask

from matchmaker.security import is_safe_redirect


@pytest.fixture
def request_context():
    app = Flask(__name__)
    with app.test_request_context("/login", base_url="http://matchmaker.example"):
        yield


@pytest.mark.parametrize("target", ["/account", "/coordination/organisations?page=2", "/challenges/3#suggestions",
                                    "/"])
def test_a_page_of_this_site_is_a_safe_destination(request_context, target):
    assert is_safe_redirect(target)


@pytest.mark.parametrize("target", [None, "", "http://evil.example/", "https://evil.example/account",
                                    "//evil.example/x", "\\\\evil.example", "/\\evil.example",
                                    "javascript:alert(1)", "ftp://matchmaker.example/x"])
def test_another_site_or_scheme_is_refused(request_context, target):
    assert not is_safe_redirect(target)


@pytest.mark.parametrize("target", [
    "http:/evil.example", "https:evil.example", "http:evil.example/account", "HTTP:/evil.example",
    "/\\/evil.example", "\\/evil.example", "/%5Cevil.example", "/%5cevil.example", "/%2F/evil.example",
    "data:text/html,hi", " //evil.example",
])
def test_scheme_tricks_that_browsers_read_as_another_site_are_refused(request_context, target):
    assert not is_safe_redirect(target)


@pytest.mark.parametrize("target", [
    "/account\r\nSet-Cookie: x=1", "/account\nLocation: https://evil.example", "/\t/evil.example",
    "/\x00account", "/account\x7f", "/\u2028account", "/\r/evil.example",
])
def test_a_destination_with_control_characters_or_line_breaks_is_refused(request_context, target):
    assert not is_safe_redirect(target)


@pytest.mark.parametrize("target", ["account", "http://matchmaker.example/account"])
def test_only_a_path_from_the_root_of_this_site_is_accepted(request_context, target):
    """The site never writes these itself: a bare word or a full address is refused rather than interpreted."""
    assert not is_safe_redirect(target)
