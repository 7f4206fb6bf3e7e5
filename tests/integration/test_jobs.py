"""Background jobs start only once the transaction that asked for them commits: inline in a transaction of their
own without a queue, on a real RQ queue (Redis) with one; a failed job is rolled back, logged and recorded."""
import logging
import uuid

import pytest
import sqlalchemy as sa

from matchmaker import jobs
from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.matching.models import MatchingRun, RunKind
from matchmaker.notifications.models import OutboxMessage
from matchmaker.notifications.services import send_email
from tests.conftest import TEST_REDIS_URL


def outbox_subjects() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboxMessage.subject).order_by(OutboxMessage.id)))


@pytest.fixture
def note_job():
    """A job that writes a row, registered for one test."""
    @jobs.job
    def write_note(subject):
        db.session.add(OutboxMessage(recipient="someone@example.org", subject=subject, body=""))
        db.session.flush()

    yield "write_note"
    del jobs.JOBS["write_note"]


def test_an_inline_job_runs_only_once_its_caller_commits_and_commits_its_own_work(app, note_job):
    jobs.enqueue(note_job, "from the job")
    db.session.flush()
    assert outbox_subjects() == []

    db.session.commit()

    assert outbox_subjects() == ["from the job"]


def test_a_job_asked_for_in_a_rolled_back_transaction_never_runs(app, note_job):
    jobs.enqueue(note_job, "never")
    db.session.rollback()
    db.session.commit()

    assert outbox_subjects() == []


def test_a_job_asked_for_twice_in_a_transaction_runs_once(app, note_job):
    for _ in range(3):
        jobs.enqueue(note_job, "once")
    jobs.enqueue(note_job, "another")
    db.session.commit()

    assert outbox_subjects() == ["once", "another"]


def test_only_registered_jobs_can_be_asked_for(app):
    with pytest.raises(KeyError, match="No job named 'os.system'"):
        jobs.enqueue("os.system", "true")


def test_a_failed_matching_job_is_rolled_back_logged_and_recorded_as_a_failed_run(app, caplog):
    with caplog.at_level(logging.ERROR, logger="matchmaker.jobs"), pytest.raises(ValueError, match="Unknown kind"):
        jobs.run("refresh_item", "nonsense", 1)

    assert "The job refresh_item('nonsense', 1) failed" in caplog.text
    [run] = db.session.scalars(sa.select(MatchingRun)).all()
    assert run.kind is RunKind.ITEM and run.error == "ValueError: Unknown kind of item: 'nonsense'"


def test_outside_tests_a_failed_inline_job_is_logged_and_does_not_fail_the_caller(app, caplog, tmp_path):
    app.config.update(TESTING=False, MATCHING_INDEX_DIR=str(tmp_path))
    matching.item_changed("nonsense", 1)

    with caplog.at_level(logging.ERROR, logger="matchmaker.jobs"):
        db.session.commit()

    assert "The job refresh_item('nonsense', 1) failed" in caplog.text
    assert db.session.scalar(sa.select(MatchingRun.error)) == "ValueError: Unknown kind of item: 'nonsense'"


# --- a real queue ------------------------------------------------------------------------------------------

@pytest.fixture
def queue(app, redis_connection):
    from rq import Queue

    app.config.update(REDIS_URL=TEST_REDIS_URL, JOBS_INLINE=False)
    queue = Queue(jobs.QUEUE, connection=redis_connection)
    queue.empty()
    yield queue
    queue.empty()


def work_off(queue) -> None:
    from rq import SimpleWorker

    SimpleWorker([queue], connection=queue.connection, name=f"test-{uuid.uuid4().hex[:8]}").work(burst=True)


def test_with_a_queue_a_job_is_queued_only_when_its_caller_commits_and_the_worker_runs_it(app, queue, note_job):
    jobs.enqueue(note_job, "queued")
    db.session.flush()
    assert queue.count == 0

    db.session.commit()
    assert queue.count == 1 and outbox_subjects() == []

    work_off(queue)
    assert outbox_subjects() == ["queued"]


def test_with_a_queue_a_rolled_back_transaction_queues_nothing(app, queue, note_job):
    jobs.enqueue(note_job, "never")
    db.session.rollback()
    db.session.commit()

    assert queue.count == 0


def test_with_a_queue_an_email_waits_for_the_worker_and_its_secret_link_stays_out_of_the_job_s_description(
        app, queue, mailbox):
    message = send_email("someone@example.org", "Your link", "Open https://example.org/secret-token now.",
                         secrets=["https://example.org/secret-token"], secret_marker="[removed]")
    db.session.commit()
    assert mailbox.to("someone@example.org") == []
    [queued] = queue.jobs
    assert "secret-token" not in queued.description

    work_off(queue)

    [received] = mailbox.to("someone@example.org")
    assert "https://example.org/secret-token" in mailbox.body(received)
    db.session.expire_all()
    stored = db.session.get(OutboxMessage, message.id)
    assert stored.delivered_at is not None and "secret-token" not in stored.body


# --- what the coordinator reads ----------------------------------------------------------------------------

def recompute_and_read_the_message(client) -> str:
    """The message the recomputation leaves for the next page (read without rendering it)."""
    with client.session_transaction() as session:
        session.pop("_flashes", None)  # "Welcome back"
    assert client.post("/coordination/matching/recompute").status_code == 302
    with client.session_transaction() as session:
        return " ".join(message for _category, message in session.get("_flashes", []))


def test_a_coordinator_who_recomputes_without_a_queue_reads_how_many_suggestions_were_stored(client, login, make):
    login(make.coordinator(verified=True))

    assert recompute_and_read_the_message(client) == "Matches recomputed: 0 stored."


def test_a_coordinator_is_told_when_the_recomputation_failed_and_the_run_says_why(
        app, client, login, make, monkeypatch, tmp_path):
    def unreadable_database():
        raise RuntimeError("the database went away")

    login(make.coordinator(verified=True))
    app.config.update(TESTING=False, MATCHING_INDEX_DIR=str(tmp_path))
    monkeypatch.setattr(matching, "load_items", unreadable_database)

    message = recompute_and_read_the_message(client)

    assert message == "The recomputation failed: the list of runs below says why."
    assert db.session.scalar(sa.select(MatchingRun.error)) == "RuntimeError: the database went away"
