"""Side effects wait for the commit: a request that fails after a service published its change and wrote its
e-mail leaves the matching index, the stored matches, the outbox and everyone's inbox as they were."""
import pytest
import sqlalchemy as sa

from matchmaker.auth.models import User
from matchmaker.challenges import services as challenge_services
from matchmaker.challenges.models import Challenge
from matchmaker.errors import Conflict
from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.matching.models import Match, MatchingRun, RunKind
from matchmaker.notifications.models import OutboxMessage
from matchmaker.orgs.models import OrganisationStatus
from tests.integration.test_matching_services import ENERGY, energy_expert


def stored_matches() -> list[tuple]:
    db.session.expire_all()
    return list(db.session.execute(sa.select(Match.challenge_id, Match.target_type, Match.offer_id, Match.academic_id,
                                             Match.score).order_by(Match.id)))


def item_runs() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(MatchingRun)
                             .where(MatchingRun.kind == RunKind.ITEM))


@pytest.fixture
def hiding(app, make):
    """A matched open challenge, and a route hiding it for a coordinator that can be told to fail afterwards."""
    member = make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)
    challenge = make.challenge(member.memberships[0].organisation, author=member, **ENERGY)
    energy_expert(make)
    coordinator = make.coordinator(verified=True)
    matching.recompute_all()
    db.session.commit()

    def hide(challenge_id, fail):
        challenge_services.hide_challenge(db.session.get(Challenge, challenge_id), db.session.get(User, coordinator.id),
                                          "Out of scope.")
        if fail == "fail":
            raise Conflict("Something after the hiding went wrong.")
        db.session.commit()
        return "hidden"

    app.add_url_rule("/test/hide/<int:challenge_id>/<fail>", view_func=hide, methods=["POST"])
    return {"member": member, "challenge": challenge}


def test_a_request_that_fails_after_hiding_a_challenge_changes_neither_the_index_nor_the_stored_matches(
        client, hiding, mailbox):
    key = f"challenge:{hiding['challenge'].id}"
    before, runs = stored_matches(), item_runs()
    assert key in matching.get_engine().items and before

    response = client.post(f"/test/hide/{hiding['challenge'].id}/fail")

    assert response.status_code == 409
    assert key in matching.get_engine().items
    assert stored_matches() == before and item_runs() == runs
    assert mailbox.to(hiding["member"].email) == []
    assert db.session.scalars(sa.select(OutboxMessage)).all() == []


def test_the_same_request_once_committed_takes_the_challenge_out_of_the_index_and_mails_its_organisation(
        client, hiding, mailbox):
    key = f"challenge:{hiding['challenge'].id}"

    response = client.post(f"/test/hide/{hiding['challenge'].id}/commit")

    assert response.status_code == 200
    assert key not in matching.get_engine().items
    assert [row for row in stored_matches() if row.challenge_id == hiding["challenge"].id] == []
    [mail] = mailbox.to(hiding["member"].email)
    assert "Out of scope." in mailbox.body(mail)
    assert db.session.scalar(sa.select(OutboxMessage.delivered_at)) is not None
