"""Reminders and stalled flags on a controllable clock, each sent once; the commands; the hourly round on a real
Redis queue with the worker's scheduler."""
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from matchmaker import jobs
from matchmaker.extensions import db
from matchmaker.notifications.models import Notification, NotificationKind, OutboxMessage, Reminder, ReminderKind
from matchmaker.notifications.proposals import send_reminders, stalled_proposals
from matchmaker.notifications.schedule import ROUND, scheduled_rounds
from matchmaker.workflow.services import apply_transition
from matchmaker.workflow.stages import Stage
from tests.conftest import TEST_REDIS_URL


def kinds_for(user, kind):
    return list(db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id,
                                                                 Notification.kind == kind)))


def test_a_proposal_waiting_past_the_reminder_time_reminds_the_invited_person_once(app, make):
    proposal = make.proposal()
    member, academic = proposal.created_by, proposal.academics[0].academic
    entered = proposal.stage_changed_at

    assert send_reminders(entered + timedelta(days=6, hours=23)) == {"reminders": 0, "stalled": 0}
    assert send_reminders(entered + timedelta(days=7, hours=1)) == {"reminders": 1, "stalled": 0}
    db.session.commit()
    assert send_reminders(entered + timedelta(days=8)) == {"reminders": 0, "stalled": 0}
    db.session.commit()

    [reminder] = kinds_for(academic, NotificationKind.REMINDER)
    assert reminder.payload["days"] == 7 and kinds_for(member, NotificationKind.REMINDER) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage).where(
        OutboxMessage.recipient == academic.email, OutboxMessage.subject.contains("waited 7 days"))) == 1


def test_after_the_stalled_time_the_coordinators_are_told_once_and_the_dashboards_can_list_it(app, make):
    coordinator = make.coordinator(verified=True)
    proposal = make.proposal(Stage.FRAMING, coordinator=coordinator)
    entered = proposal.stage_changed_at

    assert stalled_proposals(entered + timedelta(days=13)) == []
    assert send_reminders(entered + timedelta(days=15)) == {"reminders": 2, "stalled": 1}  # framing: both sides
    db.session.commit()
    assert send_reminders(entered + timedelta(days=16)) == {"reminders": 0, "stalled": 0}
    assert [p.id for p in stalled_proposals(entered + timedelta(days=15))] == [proposal.id]
    [flag] = kinds_for(coordinator, NotificationKind.STALLED)
    assert flag.proposal_id == proposal.id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Reminder).where(
        Reminder.kind == ReminderKind.STALLED)) == 1


def test_a_new_stage_starts_a_new_wait_and_a_final_one_none(app, make):
    proposal = make.proposal()
    academic = proposal.academics[0].academic
    assert send_reminders(proposal.stage_changed_at + timedelta(days=8))["reminders"] == 1
    db.session.commit()
    apply_transition(proposal, academic, Stage.ACCEPTED)
    db.session.commit()
    assert send_reminders(proposal.stage_changed_at + timedelta(days=8))["reminders"] == 2  # accepted: either side
    db.session.commit()
    apply_transition(proposal, academic, Stage.WITHDRAWN, {"reason_code": "timing"})
    db.session.commit()
    assert send_reminders(proposal.stage_changed_at + timedelta(days=30)) == {"reminders": 0, "stalled": 0}


def test_the_reminder_time_is_a_setting(app, make):
    app.config.update(REMINDER_AFTER_DAYS=2)
    proposal = make.proposal()
    assert send_reminders(proposal.stage_changed_at + timedelta(days=3))["reminders"] == 1


def test_the_commands_send_reminders_and_digests(app, make):
    make.proposal()
    runner = app.test_cli_runner()
    assert "Reminders sent: 0; stalled flags sent: 0." in runner.invoke(args=["send-reminders"]).output
    assert "Digests sent: 0." in runner.invoke(args=["send-digests"]).output
    assert "digests sent: 0." in runner.invoke(args=["run-schedule"]).output


# --- the hourly round on a real queue -------------------------------------------------------------------------

@pytest.fixture
def queue(app, redis_connection):
    from rq import Queue

    app.config.update(REDIS_URL=TEST_REDIS_URL, JOBS_INLINE=False)
    queue = Queue(jobs.QUEUE, connection=redis_connection)
    queue.empty()
    for waiting in scheduled_rounds(queue):
        waiting.delete()
    yield queue
    for waiting in scheduled_rounds(queue):
        waiting.delete()
    queue.empty()


def test_with_redis_the_round_runs_on_the_worker_and_schedules_the_next_one_an_hour_later(app, make, queue):
    from rq import SimpleWorker
    from rq.registry import ScheduledJobRegistry

    proposal = make.proposal()
    academic = proposal.academics[0].academic
    proposal.stage_changed_at -= timedelta(days=8)  # a week and a day ago
    db.session.commit()
    queue.empty()  # the invitation's e-mail job

    assert "scheduled" in app.test_cli_runner().invoke(args=["run-schedule"]).output
    assert "scheduled" in app.test_cli_runner().invoke(args=["run-schedule"]).output  # again: still one round
    [first] = scheduled_rounds(queue)
    registry = ScheduledJobRegistry(queue=queue)
    # The worker's scheduler moves a due round onto the queue; here it is made due now.
    queue.enqueue_job(first)
    registry.remove(first)
    SimpleWorker([queue], connection=queue.connection, name=f"test-{uuid.uuid4().hex[:8]}").work(burst=True)

    db.session.expire_all()
    assert len(kinds_for(academic, NotificationKind.REMINDER)) == 1
    [following] = scheduled_rounds(queue)
    assert following.id != first.id and following.args == (ROUND,)
    at = registry.get_scheduled_time(following)
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    assert timedelta(minutes=59) < at - datetime.now(UTC) <= timedelta(minutes=60)
