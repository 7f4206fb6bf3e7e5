"""Background jobs, started by the commit that asked for them: on the RQ queue "matchmaker" when REDIS_URL is set
(`make worker` runs them), inline otherwise, each in a transaction of its own. A rollback starts none.

Any feature registers its jobs with `@job`; `enqueue(name, *args)` names one. A job flushes like a service; `run`
commits once, or rolls back, logs and calls the job's `on_failure`.
"""
import logging
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from sqlalchemy.orm import Session

from matchmaker.events import record_in_transaction
from matchmaker.extensions import db

QUEUE = "matchmaker"
JOB_TIMEOUT = 30 * 60
PENDING = "jobs_pending"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    func: Callable
    on_failure: Callable[[Exception], None] | None = None  # flushes; runs after the rollback, then commits
    secret_args: bool = False  # the arguments never reach a log or a job's description


JOBS: dict[str, Job] = {}
_worker_app: Flask | None = None


def job(func: Callable | None = None, *, on_failure=None, secret_args: bool = False):
    """Register `func` as the job named after it: `@job` or `@job(on_failure=...)`."""
    def register(func: Callable) -> Callable:
        JOBS[func.__name__] = Job(func, on_failure, secret_args)
        return func
    return register(func) if func is not None else register


def queued() -> bool:
    """True when jobs go to the queue: REDIS_URL is set and (in tests, unless JOBS_INLINE is False) not inline."""
    config = current_app.config
    return bool(config.get("REDIS_URL")) and not config.get("JOBS_INLINE", current_app.testing)


def enqueue(name: str, *args) -> None:
    """Run the job `name(*args)` once the caller's transaction commits (once, however often asked)."""
    if name not in JOBS:
        raise KeyError(f"No job named {name!r}")
    record_in_transaction(PENDING, (name, args))


@sa.event.listens_for(Session, "after_commit")
def _start_after_commit(session: Session) -> None:
    if session.in_nested_transaction() or not session.info.get(PENDING):
        return
    for name, args in session.info.pop(PENDING):
        try:
            if queued():
                _put_on_queue(name, args)
            else:
                with current_app.app_context():  # a session of its own
                    _run_and_commit(name, args)
        except Exception:
            # The caller's work is committed: outside tests it succeeds; the failure is logged (and recorded).
            if current_app.testing:
                raise


@sa.event.listens_for(Session, "after_transaction_end")
def _drop(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(PENDING, None)


def _describe(name: str, args: tuple) -> str:
    return f"{name}(…)" if JOBS[name].secret_args else f"{name}{args}"


def _put_on_queue(name: str, args: tuple) -> None:
    from redis import Redis
    from rq import Queue

    try:
        queue = Queue(QUEUE, connection=Redis.from_url(current_app.config["REDIS_URL"]))
        queue.enqueue(run, name, *args, job_timeout=JOB_TIMEOUT, description=_describe(name, args))
    except Exception:
        log.exception("The job %s could not be queued", _describe(name, args))
        raise


def run(name: str, *args):
    """The job itself, as the worker calls it: in the app context already pushed, or in this process's app."""
    global _worker_app
    if has_app_context():
        return _run_and_commit(name, args)
    if _worker_app is None:  # one app per process: a worker that does not fork keeps it (and its index) loaded
        from matchmaker import create_app

        _worker_app = create_app()
    with _worker_app.app_context():
        return _run_and_commit(name, args)


def _run_and_commit(name: str, args: tuple):
    registered = JOBS[name]
    try:
        result = registered.func(*args)
        db.session.commit()
    except Exception as error:
        db.session.rollback()
        log.exception("The job %s failed", _describe(name, args))
        if registered.on_failure is not None:
            registered.on_failure(error)
            db.session.commit()
        raise
    return getattr(result, "id", result)
