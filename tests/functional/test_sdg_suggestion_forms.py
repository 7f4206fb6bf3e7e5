"""The four forms that carry goals offer the suggester's goals: each loads the app's own script and carries the
hooks it reads, in the reader's language; a form that already holds goals, or comes back from a submission, tells
the script not to tick any."""
import re

import pytest

from matchmaker.auth.models import Language
from matchmaker.extensions import db
from matchmaker.orgs.models import OrganisationStatus

SCRIPT = '<script src="/static/js/sdg-suggestions.js" defer></script>'


def _group(page: str) -> str:
    found = re.search(r'<fieldset[^>]*data-sdg-suggest="/api/v1/sdgs/suggest"[^>]*>', page)
    assert found, "the SDG group carries no suggestion hooks"
    return found.group(0)


@pytest.mark.parametrize("language, heading", [(Language.EN, "Suggested from your text:"),
                                               (Language.IT, "Suggeriti dal tuo testo:")])
@pytest.mark.parametrize("who, address, sources", [
    ("member", "/challenges/new", "title summary description"),
    ("academic", "/offers/new", "title description"),
    ("academic", "/profile", "biography expertise"),
    ("academic", "/initiatives/new", "title summary description"),
])
def test_a_writer_s_form_asks_for_suggested_goals(client, make, login, who, address, sources, language, heading):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    writer = make.member(organisation, verified=True) if who == "member" else make.academic(verified=True)
    writer.preferred_language = language
    db.session.commit()
    login(writer)
    page = client.get(address).get_data(as_text=True)
    assert SCRIPT in page
    group = _group(page)
    assert f'data-sdg-sources="{sources}"' in group and 'data-sdg-preselect="true"' in group
    assert f'data-text-heading="{heading}"' in group
    assert 'id="sdgs-suggestions" aria-live="polite"' in page


def test_editing_a_challenge_that_has_goals_never_ticks_suggestions(client, make, login):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    author = make.member(organisation, verified=True)
    challenge = make.challenge(organisation, author=author, sdgs=(4,))
    login(author)
    group = _group(client.get(f"/challenges/{challenge.id}/edit").get_data(as_text=True))
    assert 'data-sdg-preselect="false"' in group


def test_the_script_is_served_and_reads_its_words_from_the_page(client):
    answer = client.get("/static/js/sdg-suggestions.js")
    assert answer.status_code == 200 and "javascript" in answer.content_type
    script = answer.get_data(as_text=True)
    answer.close()
    assert "X-CSRFToken" in script and "/api/v1/" not in script  # the address comes from the page
    assert "Suggested from" not in script  # the words too, translated by the server


def test_a_form_sent_back_without_goals_never_ticks_suggestions(client, make, login):
    login(make.academic(verified=True))
    answer = client.post("/offers/new", data={"title": "Homes families can pay for", "capacity": "1",
                                              "description": "Affordable housing for young families."})
    assert answer.status_code == 422  # no kind of offer: the form comes back, its goals left empty by the person
    assert 'data-sdg-preselect="false"' in _group(answer.get_data(as_text=True))
