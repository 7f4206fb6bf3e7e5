"""Security headers on every response and the check that keeps `next` redirects on this site."""
from urllib.parse import unquote, urlsplit

from flask import Response

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
    return response


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
