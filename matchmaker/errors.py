"""Domain errors and the handlers that answer them, and HTTP errors, as HTML pages or JSON."""
import logging

from flask import Flask, jsonify, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from matchmaker.extensions import db

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A request the platform understood and refuses, with a message for the person who sent it."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class ValidationFailed(DomainError):
    status, code = 422, "validation_failed"


class NotAuthenticated(DomainError):
    status, code = 401, "not_authenticated"


class Forbidden(DomainError):
    status, code = 403, "forbidden"


class NotFound(DomainError):
    status, code = 404, "not_found"


class Conflict(DomainError):
    status, code = 409, "conflict"


class StaleVersion(Conflict):
    """The write was based on an older version than the stored one: someone else saved meanwhile."""

    code = "stale_version"


def stale_version_message() -> str:
    return _("Someone else changed this meanwhile. Reload it to see their changes, then make yours again.")


class TooManyAttempts(DomainError):
    """A budget of attempts is used up; `retry_after` says in how many seconds the next one is allowed."""

    status, code = 429, "too_many_requests"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def wants_json() -> bool:
    """API calls, and clients that prefer JSON to HTML, get JSON errors."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def host_is_unusable() -> bool:
    """True when the Host header was refused (not in TRUSTED_HOSTS, or malformed): no URL can be built for it."""
    return request_ctx.url_adapter is None


def error_response(status: int, code: str, message: str, fields: dict | None = None):
    if wants_json():
        return jsonify({"error": {"code": code, "message": message, "fields": fields or {}}}), status
    if host_is_unusable():
        # The usual page builds links from the request's host, which is what was refused: a page without any.
        return render_template("errors/bad_host.html", status=status, message=message), status
    return render_template("errors/error.html", status=status, message=message), status


# Messages for the HTTP errors people meet; werkzeug's English defaults serve the rest.
def _http_messages() -> dict[int, tuple[str, str]]:
    return {
        400: ("bad_request", _("The request could not be understood. Check what you sent and try again.")),
        401: ("not_authenticated", _("Please sign in to continue.")),
        403: ("forbidden", _("You do not have permission to do this.")),
        404: ("not_found", _("We could not find this page. It may have been moved or removed.")),
        405: ("method_not_allowed", _("This address does not accept this kind of request.")),
        413: ("too_large", _("What you sent is too large.")),
        429: ("too_many_requests", _("Too many attempts. Please wait a minute and try again.")),
        500: ("server_error", _("Something went wrong on our side. Nothing was saved; please try again.")),
        503: ("unavailable", _("The service is temporarily unavailable. Please try again shortly.")),
    }


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        db.session.rollback()
        return error_response(error.status, error.code, error.message, error.fields)

    @app.errorhandler(StaleDataError)
    def handle_stale_data(error: StaleDataError):
        # The version checked before the write was current, but another request saved first (a race).
        db.session.rollback()
        return error_response(StaleVersion.status, StaleVersion.code, stale_version_message())

    @app.errorhandler(CSRFError)
    def handle_csrf_error(error: CSRFError):
        db.session.rollback()
        message = _("This form has expired or was sent without its security token. "
                    "Reload the page and send it again.")
        return error_response(400, "csrf_failed", message)

    @app.errorhandler(TooManyAttempts)
    def handle_too_many_attempts(error: TooManyAttempts):
        db.session.rollback()
        response, status = error_response(error.status, error.code, error.message)
        response = app.make_response((response, status))
        response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        db.session.rollback()
        if host_is_unusable():
            message = _("This address is not served here. Check the address you typed, or open the site's "
                        "home page from a link you trust.")
            return error_response(400, "bad_host", message)
        code, message = _http_messages().get(error.code or 500, ("error", error.description or ""))
        return error_response(error.code or 500, code, message)

    @app.errorhandler(Exception)
    def handle_unexpected_error(error: Exception):
        # The person sees a plain message; the trace goes to the log, never to the page.
        db.session.rollback()
        log.exception("Unhandled error on %s %s", request.method, request.path)
        code, message = _http_messages()[500]
        return error_response(500, code, message)
