"""Budgets of attempts (signing in, asking for confirmation links), counted where every worker sees the same count.

The counters live in RATELIMIT_STORAGE_URI: Redis when REDIS_URL is set, so that several gunicorn workers (or
machines) share one budget; memory otherwise, which is right for one process only. An attempt is counted
*before* the password is checked, so a burst of parallel requests cannot all slip through.
"""
import hashlib
import math
import time

from flask import Flask, current_app
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

EXTENSION = "matchmaker.attempt_budgets"


def init_attempt_budgets(app: Flask) -> None:
    """Give `app` its own counter storage (two apps on one Redis share the counts; on memory they do not)."""
    for name in ("LOGIN_RATE_LIMIT", "LOGIN_ACCOUNT_RATE_LIMIT", "VERIFICATION_RESEND_LIMIT", "EMAIL_CHANGE_LIMIT"):
        try:  # a typo in a limit stops the start, rather than answering 500 at the first sign-in
            parse_many(app.config[name])
        except ValueError as error:
            raise RuntimeError(
                f"{name} must read like '5 per minute;20 per hour', not {app.config[name]!r}.") from error
    storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"],
                                  **app.config.get("RATELIMIT_STORAGE_OPTIONS", {}))
    # A fixed window, because a successful attempt is handed back by decrementing its window's counter.
    app.extensions[EXTENSION] = FixedWindowRateLimiter(storage)


def _strategy() -> FixedWindowRateLimiter:
    return current_app.extensions[EXTENSION]


def _identifiers(budget: str, subject: str) -> tuple[str, str, str]:
    # A digest, so that no e-mail address is written in the shared storage.
    return current_app.config["RATELIMIT_KEY_PREFIX"], budget, hashlib.sha256(subject.encode()).hexdigest()[:32]


def _items(limits: str) -> list[RateLimitItem]:
    return parse_many(limits)


def spend(limits: str, budget: str, subject: str) -> int | None:
    """Count one attempt of `subject` against each of `limits` ("5 per minute;20 per hour").

    Returns None when it is allowed, otherwise the seconds until the next attempt may be made.
    """
    if not current_app.config.get("RATELIMIT_ENABLED", True):  # the operators' one switch for every limit
        return None
    strategy = _strategy()
    identifiers = _identifiers(budget, subject)
    waits = []
    for item in _items(limits):
        if not strategy.hit(item, *identifiers):
            reset_at = strategy.get_window_stats(item, *identifiers).reset_time
            waits.append(max(1, math.ceil(reset_at - time.time())))
    return max(waits) if waits else None


def give_back(limits: str, budget: str, subject: str) -> None:
    """Undo one counted attempt that turned out well, so that only failures use the budget up."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):  # nothing was counted by `spend`
        return
    strategy = _strategy()
    identifiers = _identifiers(budget, subject)
    for item in _items(limits):
        strategy.storage.incr(item.key_for(*identifiers), item.get_expiry(), amount=-1)


def reset(limits: str, budget: str, subject: str) -> None:
    """Forget every attempt of `subject`, for example once the owner has proved who they are by e-mail."""
    strategy = _strategy()
    identifiers = _identifiers(budget, subject)
    for item in _items(limits):
        strategy.clear(item, *identifiers)
