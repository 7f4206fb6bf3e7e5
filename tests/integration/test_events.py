"""Domain events reach their subscribers only once the transaction that published them has committed, each once,
in order, and a subscriber's failure outside tests is logged without undoing or failing what was committed."""
import logging
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask import current_app

from matchmaker import events, jobs
from matchmaker.extensions import db
from matchmaker.notifications.models import OutboxMessage


@dataclass(frozen=True)
class Ping:
    number: int


@dataclass(frozen=True)
class Pong:
    number: int


@pytest.fixture
def seen(app):
    """What the subscribers of Ping and Pong received, in order."""
    received = []

    def record(event):
        received.append(event)

    events.subscribe(app, Ping, record)
    events.subscribe(app, Pong, record)
    return received


def outbox_subjects() -> list[str]:
    return list(db.session.scalars(sa.select(OutboxMessage.subject).order_by(OutboxMessage.id)))


def note(subject: str) -> None:
    db.session.add(OutboxMessage(recipient="someone@example.org", subject=subject, body=""))
    db.session.flush()


def test_a_subscriber_hears_of_an_event_only_once_it_is_committed(seen):
    events.publish(Ping(1))
    db.session.flush()
    assert seen == []

    db.session.commit()

    assert seen == [Ping(1)]


def test_an_event_of_a_rolled_back_transaction_reaches_nobody_not_even_at_the_next_commit(seen):
    events.publish(Ping(1))
    db.session.rollback()
    events.publish(Pong(2))
    db.session.commit()

    assert seen == [Pong(2)]


def test_an_event_published_twice_in_a_transaction_is_delivered_once_in_the_order_first_published(seen):
    for event in (Ping(1), Pong(1), Ping(1), Ping(2), Pong(1)):
        events.publish(event)
    db.session.commit()

    assert seen == [Ping(1), Pong(1), Ping(2)]


def test_a_subscriber_reads_what_was_committed_and_commits_its_own_work(app):
    def answer(event):
        assert "question" in outbox_subjects()  # another session: it sees only what was committed
        note(f"answer to {event.number}")

    events.subscribe(app, Ping, answer)
    note("question")
    events.publish(Ping(7))
    db.session.commit()

    db.session.expire_all()
    assert outbox_subjects() == ["question", "answer to 7"]


def test_in_tests_a_failing_subscriber_raises_so_the_bug_shows(app):
    def broken(event):
        raise RuntimeError("broken subscriber")

    events.subscribe(app, Ping, broken)
    events.publish(Ping(1))
    with pytest.raises(RuntimeError, match="broken subscriber"):
        db.session.commit()


def test_outside_tests_a_failing_subscriber_is_logged_and_the_request_still_succeeds(app, client, caplog, tmp_path):
    def broken(event):
        note("half of the subscriber's work")
        raise RuntimeError("broken subscriber")

    def save_and_publish():
        note("the request's work")
        events.publish(Ping(3))
        db.session.commit()
        return "saved"

    app.add_url_rule("/test/save-and-publish", view_func=save_and_publish, methods=["POST"])
    app.config.update(TESTING=False, MATCHING_INDEX_DIR=str(tmp_path))
    events.subscribe(app, Ping, broken)

    with caplog.at_level(logging.ERROR, logger="matchmaker.events"):
        response = client.post("/test/save-and-publish")

    assert response.status_code == 200 and response.get_data(as_text=True) == "saved"
    assert "broken subscriber" in caplog.text and "Ping(number=3)" in caplog.text
    db.session.expire_all()
    assert outbox_subjects() == ["the request's work"]  # the subscriber's half-done work was rolled back


def test_events_published_by_a_command_are_dispatched_when_it_commits(app, runner, seen):
    @app.cli.command("test-publish")
    def publish_command():
        events.publish(Ping(5))
        db.session.commit()

    result = runner.invoke(args=["test-publish"])

    assert result.exit_code == 0, result.output
    assert seen == [Ping(5)]


def test_events_published_by_a_job_are_dispatched_when_the_job_commits(app, seen):
    @jobs.job
    def publishing_job(number):
        events.publish(Ping(number))
        assert seen == []

    try:
        jobs.run("publishing_job", 9)
    finally:
        del jobs.JOBS["publishing_job"]

    assert seen == [Ping(9)]


def test_the_application_lists_its_subscribers_in_one_place(app):
    from matchmaker.matching import subscribers as matching
    from matchmaker.sdgs import subscribers as sdgs

    assert current_app.extensions["events"][events.ChallengeChanged] == [matching.challenge_changed,
                                                                           sdgs.challenge_changed]
    assert current_app.extensions["events"][events.OrganisationStatusChanged] == \
        [matching.organisation_status_changed]
