"""Dismissing a suggestion tells nobody which drafts or hidden challenges exist: such an id answers exactly
like an id that was never used."""
import pytest
import sqlalchemy as sa

from matchmaker.challenges.models import ChallengeStatus
from matchmaker.extensions import db
from matchmaker.matching.models import Dismissal
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.types import utcnow
from tests.pages import without_csrf_tokens

NEVER_USED = 987654


@pytest.fixture
def unseen(make):
    """Challenges of another organisation that nobody outside it may see: a draft, a hidden and a private one."""
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    draft = make.challenge(organisation, title="A draft", status=ChallengeStatus.DRAFT)
    hidden = make.challenge(organisation, title="A hidden one")
    hidden.hidden_at, hidden.hidden_reason = utcnow(), "Spam"
    db.session.commit()
    return {"draft": draft.id, "hidden": hidden.id}


def sign_in(client, login, user) -> None:
    login(user)
    client.get("/")  # shows the welcome message, so it is not on the first answer compared below


def answer(client, url: str, challenge_id: int) -> tuple[int, str]:
    """Status and page of a dismissal; the page names its own address (the language switch), so that address is
    blanked out of it before two answers are compared (only the address: another id on the page may be equal),
    and so are the CSRF tokens (signed with the time of the request)."""
    address = url.format(challenge_id)
    response = client.post(address, headers={"Accept-Language": "en"})
    return response.status_code, without_csrf_tokens(response.get_data(as_text=True)).replace(address, url.format("ID"))


def dismissals() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Dismissal))


@pytest.mark.parametrize("which", ["draft", "hidden"])
def test_an_academic_dismissing_an_unseen_challenge_gets_the_answer_of_a_missing_one(client, login, make, unseen,
                                                                                     which):
    sign_in(client, login, make.academic(verified=True))

    missing = answer(client, "/matching/for-you/{}/dismiss", NEVER_USED)
    unseen_answer = answer(client, "/matching/for-you/{}/dismiss", unseen[which])

    assert missing[0] == 404
    assert unseen_answer == missing
    assert dismissals() == 0


@pytest.mark.parametrize("which", ["draft", "hidden"])
def test_an_offer_author_dismissing_an_unseen_challenge_gets_the_answer_of_a_missing_one(client, login, make, unseen,
                                                                                         which):
    academic = make.academic(verified=True)
    offer = make.offer(academic)
    sign_in(client, login, academic)

    url = f"/offers/{offer.id}/suggestions/{{}}/dismiss"
    missing = answer(client, url, NEVER_USED)
    unseen_answer = answer(client, url, unseen[which])

    assert missing[0] == 404
    assert unseen_answer == missing
    assert dismissals() == 0


@pytest.mark.parametrize("which", ["draft", "hidden"])
def test_a_member_dismissing_for_an_unseen_challenge_gets_the_answer_of_a_missing_one(client, login, make, unseen,
                                                                                      which):
    member = make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)
    expert = make.academic(verified=True)
    sign_in(client, login, member)

    url = f"/challenges/{{}}/suggestions/academic/{expert.id}/dismiss"
    missing = answer(client, url, NEVER_USED)
    unseen_answer = answer(client, url, unseen[which])

    assert missing[0] == 404
    assert unseen_answer == missing
    assert dismissals() == 0


def test_an_academic_can_still_dismiss_an_open_challenge(client, login, make):
    challenge = make.challenge(make.organisation(status=OrganisationStatus.VERIFIED))
    login(make.academic(verified=True))

    response = client.post(f"/matching/for-you/{challenge.id}/dismiss")

    assert response.status_code == 302
    assert dismissals() == 1
