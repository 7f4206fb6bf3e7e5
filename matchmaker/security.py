"""Security headers on every response, the early 413 for oversized requests, and the check on `next`."""
from urllib.parse import unquote, urlsplit

from flask import Response, current_app, g, request
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    hsts_seconds = current_app.config.get("HSTS_SECONDS", 0)
    if hsts_seconds:
        response.headers.setdefault("Strict-Transport-Security", f"max-age={hsts_seconds}; includeSubDomains")
    if _may_hold_private_data():
        # A shared computer's browser history, or a proxy, must not keep a person's pages or a new token.
        response.headers["Cache-Control"] = "no-store"
        response.vary.add("Authorization" if request.headers.get("Authorization") else "Cookie")
    return response


def _may_hold_private_data() -> bool:
    """Answers to a signed-in person or a token holder, and answers to writes (a form as typed, a new token).

    Static files stay cacheable for everyone; public pages stay cacheable for visitors.
    """
    if (request.endpoint or "").rpartition(".")[2] == "static":
        return False
    if request.method not in SAFE_METHODS or request.headers.get("Authorization") or g.get("api_user") is not None:
        return True
    return current_user.is_authenticated


# Endpoints whose uploads may be larger than any other body: endpoint -> the setting of its own limit (checked
# again, with a clear message, by the form that reads the file).
LARGER_UPLOADS = {
    "initiative_import.upload": "IMPORT_MAX_BYTES",
    "impact_values.new": "IMPACT_EVIDENCE_MAX_BYTES",
    "impact_values.edit": "IMPACT_EVIDENCE_MAX_BYTES",
}


def refuse_oversized_requests() -> None:
    """Answer 413 to a body declared larger than MAX_CONTENT_LENGTH, before any view reads (or skips) it.

    Werkzeug refuses it too, but only when a view reads the body; a view that redirects first would leave
    the server waiting for megabytes it never uses.
    """
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if request.endpoint in LARGER_UPLOADS and limit is not None:
        # A spreadsheet of initiatives or an evidence document: its own limit is checked after, with a message.
        limit = max(limit, current_app.config[LARGER_UPLOADS[request.endpoint]] + 64 * 1024)
        request.max_content_length = limit
    if limit is not None and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()


def is_safe_redirect(target: str | None) -> bool:
    """True only for a path from the root of this site, such as "/account?tab=tokens".

    Everything else is refused rather than interpreted, because browsers forgive what a parser would not:
    "http:/evil.example" and a backslash after the first slash lead to another site, a tab between two slashes
    is dropped to make "//evil.example", and a line break would end the Location header (Werkzeug then
    refuses the response with a 500).
    """
    if not isinstance(target, str) or not target.startswith("/"):
        return False
    decoded = unquote(target)
    if not (target.isprintable() and decoded.isprintable()) or "\\" in decoded:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and not unquote(parts.path).startswith("//")
