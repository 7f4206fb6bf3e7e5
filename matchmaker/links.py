"""Absolute links for e-mails and the command line, always on the configured PUBLIC_URL, never on the request's Host."""
from urllib.parse import urlsplit

from flask import current_app


def public_url_for(endpoint: str, **values) -> str:
    """The absolute address of `endpoint` under PUBLIC_URL, the same inside a request, a CLI command or a job.

    `url_for(..., _external=True)` would take the host from the request, which anybody can forge.
    """
    public = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(public.netloc, script_name=public.path or "/", url_scheme=public.scheme)
    return adapter.build(endpoint, values, force_external=True)
