"""A publication's link is a web page or nothing: http and https only, as for organisation websites.
A link that could run a script is refused when it comes in, and never shown as a link if already stored."""
import io

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from matchmaker.academics.models import Publication
from matchmaker.academics.services import add_publication
from matchmaker.errors import ValidationFailed
from matchmaker.extensions import db
from tests.pages import field_error, text_of

DANGEROUS = ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
             "vbscript:msgbox(1)", "file:///etc/passwd", "https://"]


def upload(client, filename: str, content: bytes):
    return client.post("/profile/publications/upload", data={"file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data", headers={"Accept-Language": "en"})


def publications() -> list[tuple[str, str | None]]:
    db.session.expire_all()
    return list(db.session.execute(sa.select(Publication.title, Publication.url).order_by(Publication.title)))


@pytest.fixture
def academic(make, login):
    person = make.academic(verified=True)
    make.profile(person, directory_opt_in=True)
    login(person)
    return person


@pytest.mark.parametrize("url", DANGEROUS)
def test_a_bibtex_file_with_a_link_that_is_not_a_web_page_is_refused_naming_the_entry(client, academic, url):
    content = ("@article{fine, title={A fine paper}, url={https://doi.org/10.1000/1}}\n"
               f"@article{{bad, title={{Energy poverty in Turin}}, url={{{url}}}}}\n").encode()

    response = upload(client, "zotero.bib", content)

    assert response.status_code == 422
    message = field_error(text_of(response), "file")
    assert "“Energy poverty in Turin”" in message and "http:// or https://" in message
    assert publications() == []


def test_a_csv_file_with_a_script_link_is_refused_and_nothing_is_added(client, academic):
    response = upload(client, "iris.csv", b"title,url\nCo-housing,javascript:alert(1)\n")

    assert response.status_code == 422
    assert "“Co-housing”" in field_error(text_of(response), "file")
    assert publications() == []


def test_web_links_in_a_file_are_kept_and_shown_as_links(client, academic):
    response = upload(client, "iris.csv", b"title,url\nCo-housing,https://iris.polito.it/handle/1\n")

    assert response.status_code == 302
    assert publications() == [("Co-housing", "https://iris.polito.it/handle/1")]
    page = client.get(f"/people/{academic.id}").get_data(as_text=True)
    assert '<a href="https://iris.polito.it/handle/1"' in page


@pytest.mark.parametrize("url", DANGEROUS)
def test_the_publication_service_refuses_a_link_that_is_not_a_web_page(app, make, url):
    profile = make.academic(verified=True).academic_profile

    with force_locale("en"), pytest.raises(ValidationFailed) as refused:
        add_publication(profile, {"title": "A paper", "url": url})

    assert "http:// or https://" in refused.value.fields["url"][0]
    db.session.rollback()
    assert publications() == []


def test_the_publication_service_keeps_a_web_link(app, make):
    profile = make.academic(verified=True).academic_profile

    add_publication(profile, {"title": "A paper", "url": "https://doi.org/10.1000/182"})
    db.session.commit()

    assert publications() == [("A paper", "https://doi.org/10.1000/182")]


def test_a_script_link_stored_before_the_check_is_shown_as_plain_text(client, make):
    person = make.academic(verified=True)
    make.profile(person, directory_opt_in=True)
    db.session.add(Publication(profile=person.academic_profile, title="Old import", url="javascript:alert(1)"))
    db.session.commit()

    page = client.get(f"/people/{person.id}").get_data(as_text=True)

    assert "Old import" in page
    assert "javascript:" not in page
