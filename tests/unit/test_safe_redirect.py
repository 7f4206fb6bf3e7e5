"""After signing in, people only ever go back to a page of this site."""
import pytest
from flask import Flask

from matchmaker.security import is_safe_redirect


@pytest.fixture
def request_context():
    app = Flask(__name__)
    with app.test_request_context("/login", base_url="http://matchmaker.example"):
        yield


@pytest.mark.parametrize("target", ["/account", "/coordination/organisations?page=2", "account",
                                    "http://matchmaker.example/account"])
def test_a_page_of_this_site_is_a_safe_destination(request_context, target):
    assert is_safe_redirect(target)


@pytest.mark.parametrize("target", [None, "", "http://evil.example/", "https://evil.example/account",
                                    "//evil.example/x", "\\\\evil.example", "/\\evil.example",
                                    "javascript:alert(1)", "ftp://matchmaker.example/x"])
def test_another_site_or_scheme_is_refused(request_context, target):
    assert not is_safe_redirect(target)
