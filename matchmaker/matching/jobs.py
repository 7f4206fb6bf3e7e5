"""Background matching work: on the RQ queue "matchmaker" when REDIS_URL is set, inline otherwise.

A queued job runs `run(name, *args)` in the worker (`make worker`): it builds the app, calls the named service
in an app context and commits once; a failure is rolled back and recorded as a failed matching run.
"""
import logging

from flask import current_app, has_app_context

QUEUE = "matchmaker"
JOB_TIMEOUT = 30 * 60
# The only functions a job may name: matchmaker.matching.services.<name>.
JOBS = {"refresh_item": "item", "recompute_all": "full"}

log = logging.getLogger(__name__)


def queued() -> bool:
    """True when work goes to the queue: REDIS_URL is set, and (in tests) MATCHING_INLINE is False."""
    config = current_app.config
    return bool(config.get("REDIS_URL")) and not config.get("MATCHING_INLINE", current_app.testing)


def enqueue(func_name: str, *args):
    """Queue `func_name(*args)`, or run it now in the caller's transaction (the caller commits) and return its
    result. Queued jobs return None here."""
    if func_name not in JOBS:
        raise KeyError(f"No matching job named {func_name!r}")
    if not queued():
        return _service(func_name)(*args)
    from redis import Redis
    from rq import Queue

    queue = Queue(QUEUE, connection=Redis.from_url(current_app.config["REDIS_URL"]))
    queue.enqueue(run, func_name, *args, job_timeout=JOB_TIMEOUT, description=f"matching {func_name}{args}")
    return None


def _service(func_name: str):
    from matchmaker.matching import services

    return getattr(services, func_name)


def run(func_name: str, *args):
    """The job itself: in the app context already pushed (a worker inside the app), or in a new app's."""
    if has_app_context():
        return _run_and_commit(func_name, *args)
    from matchmaker import create_app

    with create_app().app_context():
        return _run_and_commit(func_name, *args)


def _run_and_commit(func_name: str, *args):
    from matchmaker.extensions import db

    try:
        result = _service(func_name)(*args)
        db.session.commit()
    except Exception as error:
        db.session.rollback()
        log.exception("Matching job %s%s failed", func_name, args)
        _service("record_failed_run")(JOBS[func_name], f"{type(error).__name__}: {error}")
        db.session.commit()
        raise
    return getattr(result, "id", result)
