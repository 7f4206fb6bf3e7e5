"""Nobody can tie up the server with a huge request: past MAX_CONTENT_LENGTH the answer is a clear 413,
a page for people and JSON for the API, given before the body is read when its declared size is too big."""
import io
import json

import pytest
import sqlalchemy as sa

from matchmaker.academics.models import Publication
from matchmaker.challenges.models import Challenge
from matchmaker.extensions import db
from matchmaker.orgs.models import OrganisationStatus
from tests.pages import text_of

MIB = 1024 * 1024


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def bibtex(entries: int, abstract_length: int) -> bytes:
    abstract = ("Energy poverty and participatory mapping with schools. " * 40)[:abstract_length]
    return "".join(f"@article{{paper{n}, title={{Paper number {n}}}, year={{2020}}, abstract={{{abstract}}}}}\n"
                   for n in range(entries)).encode()


class CountingStream(io.BytesIO):
    """The request body as the server reads it, remembering how much was read."""

    bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.bytes_read += len(line)
        return line


def test_an_upload_over_the_limit_is_answered_with_the_clear_too_large_page(client, make, login):
    login(make.academic(verified=True))

    response = client.post("/profile/publications/upload", headers={"Accept-Language": "en"},
                           data={"file": (io.BytesIO(b"%" * (5 * MIB)), "huge.bib")},
                           content_type="multipart/form-data")

    assert response.status_code == 413
    assert "What you sent is too large." in text_of(response)
    assert count(Publication) == 0


def test_the_too_large_page_speaks_italian_by_default(client, make, login):
    login(make.academic(verified=True, language="it"))

    response = client.post("/profile/publications/upload", headers={"Accept-Language": "it"},
                           data={"file": (io.BytesIO(b"%" * (5 * MIB)), "huge.bib")},
                           content_type="multipart/form-data")

    assert response.status_code == 413
    assert "I dati inviati sono troppo grandi." in text_of(response)


def test_an_api_body_over_the_limit_is_answered_with_a_json_413(client, make):
    member = make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)
    headers = make.api_headers(client, member)
    body = json.dumps({"title": "Energy poverty", "summary": "x", "description": "y" * (5 * MIB)})

    response = client.post("/api/v1/challenges", data=body, content_type="application/json", headers=headers)

    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    assert count(Challenge) == 0


@pytest.mark.parametrize("url, content_type", [
    ("/login", "application/x-www-form-urlencoded"),
    ("/profile/publications/upload", "multipart/form-data; boundary=x"),
    ("/api/v1/tokens", "application/json"),
])
def test_a_body_declared_too_large_is_refused_before_it_is_read(client, make, login, url, content_type):
    login(make.academic(verified=True))
    stream = CountingStream(b"a=b" * 100)

    response = client.post(url, input_stream=stream, content_type=content_type,
                           environ_overrides={"CONTENT_LENGTH": str(40 * MIB)})

    assert response.status_code == 413
    assert stream.bytes_read == 0


def test_a_bibtex_file_of_hundreds_of_entries_with_abstracts_fits_in_the_limit(client, make, login):
    academic = make.academic(verified=True)
    login(academic)
    content = bibtex(entries=400, abstract_length=1500)
    assert len(content) > 600_000

    response = client.post("/profile/publications/upload",
                           data={"file": (io.BytesIO(content), "zotero.bib")}, content_type="multipart/form-data")

    assert response.status_code == 302
    assert count(Publication) == 400


@pytest.mark.parametrize("app_settings", [{"WTF_CSRF_ENABLED": True}])
def test_a_visitor_form_declared_too_large_is_refused_before_the_security_token_is_read(client, app_settings):
    stream = CountingStream(b"email=a&password=b")

    response = client.post("/login", input_stream=stream, content_type="application/x-www-form-urlencoded",
                           environ_overrides={"CONTENT_LENGTH": str(40 * MIB)}, headers={"Accept-Language": "en"})

    assert response.status_code == 413
    assert "What you sent is too large." in text_of(response)
    assert stream.bytes_read == 0


@pytest.mark.parametrize("app_settings", [{"MAX_CONTENT_LENGTH": 2048}])
def test_the_limit_is_the_configured_one(client, app_settings):
    response = client.post("/login", data={"email": "a" * 4096 + "@example.org", "password": "x"},
                           headers={"Accept-Language": "en"})

    assert response.status_code == 413
