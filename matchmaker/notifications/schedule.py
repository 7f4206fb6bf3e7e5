"""The operator's schedule: reminders and digests by command (for cron), or every hour on the RQ queue, where a job
runs one round and puts the next on the worker's scheduler (`make worker` starts it with `--with-scheduler`)."""
from datetime import timedelta

import click
from flask import current_app

from matchmaker.extensions import db
from matchmaker.jobs import QUEUE, job, queued, run
from matchmaker.notifications.proposals import send_digests, send_reminders
from matchmaker.types import utcnow

ROUND = "scheduled_round"


def _queue():
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE, connection=Redis.from_url(current_app.config["REDIS_URL"]))


def scheduled_rounds(queue) -> list:
    """The rounds waiting on the scheduler (there should be one)."""
    from rq.registry import ScheduledJobRegistry

    jobs = [queue.fetch_job(job_id) for job_id in ScheduledJobRegistry(queue=queue).get_job_ids()]
    return [found for found in jobs if found is not None and found.args[:1] == (ROUND,)]


def schedule_next_round(queue=None) -> None:
    """Put the next round on the scheduler, SCHEDULE_EVERY_MINUTES from now, replacing any already there."""
    queue = queue or _queue()
    for waiting in scheduled_rounds(queue):
        waiting.cancel()
        waiting.delete()
    every = timedelta(minutes=current_app.config["SCHEDULE_EVERY_MINUTES"])
    queue.enqueue_in(every, run, ROUND, description=ROUND, job_timeout=30 * 60)


@job
def scheduled_round() -> dict:
    """Reminders, then digests, then the next round. Flushes; the job commits."""
    now = utcnow()
    try:
        done = send_reminders(now) | {"digests": send_digests(now)}
    finally:
        if queued():  # on the queue a failed round still leaves the next one scheduled
            schedule_next_round()
    return done


@click.command("send-reminders")
def send_reminders_command():
    """Remind people a proposal has waited for, and flag stalled proposals to the coordinators (each once)."""
    counts = send_reminders()
    db.session.commit()
    click.echo(f"Reminders sent: {counts['reminders']}; stalled flags sent: {counts['stalled']}.")


@click.command("send-digests")
def send_digests_command():
    """Send each person who chose the digest what arrived since their last one."""
    sent = send_digests()
    db.session.commit()
    click.echo(f"Digests sent: {sent}.")


@click.command("run-schedule")
def run_schedule_command():
    """With REDIS_URL: schedule the hourly round on the queue (the worker runs it). Without: run one round now."""
    if current_app.config.get("REDIS_URL"):
        schedule_next_round()
        click.echo("The hourly round of reminders and digests is scheduled; `make worker` runs it.")
        return
    done = scheduled_round()
    db.session.commit()
    click.echo(f"Reminders sent: {done['reminders']}; stalled flags sent: {done['stalled']}; "
               f"digests sent: {done['digests']}.")
