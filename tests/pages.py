"""Reading what a page or an API answer tells the person: text, field errors, the error summary."""
import re
from html import unescape

from tests import factories


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def field_error(page: str, field_id: str) -> str:
    """The message shown under a field, or '' when there is none."""
    match = re.search(rf'<div class="invalid-feedback[^"]*" id="{field_id}-error">(.*?)</div>', page, re.S)
    return match.group(1).strip() if match else ""


def summary_of(page: str) -> str:
    match = re.search(r'<div class="alert alert-danger" role="alert" id="form-errors">(.*?)</div>', page, re.S)
    return match.group(1) if match else ""


def assert_field_refused(response, field_id: str, label: str, message: str) -> str:
    """The page answers 422, the message sits under the field, and the summary links to it by its label."""
    page = text_of(response)
    assert response.status_code == 422, page
    assert message in field_error(page, field_id), field_error(page, field_id)
    summary = summary_of(page)
    assert f'<a href="#{field_id}">{label}</a>' in summary
    assert message in summary
    return page


def assert_api_refused(response, field: str, message: str | None = None) -> None:
    """A 422 answer naming `field`, with `message` among its messages when given."""
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["fields"], error
    if message:
        assert any(message in text for text in error["fields"][field]), error["fields"][field]


def bearer_for(client, user) -> dict:
    """An integration's headers: a token for `user`, and English answers (the tests read the messages)."""
    return factories.Factory().api_headers(client, user)


def without_csrf_tokens(page: str) -> str:
    """A page with its CSRF tokens blanked: they are signed with the second of the request, so two answers
    compared for equality differ by them when a second ticks between the two requests."""
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value=""', page)
