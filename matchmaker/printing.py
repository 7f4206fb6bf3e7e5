"""PDF from the app's own HTML, for the case study and the annual report: WeasyPrint renders the page as printed
(its print stylesheet, A4, page numbers) into a tagged PDF. It may read only the app's own static files, never the
network, so a page's content cannot make the server fetch anything."""
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are missing on this machine."""


def _static_only_fetcher(static_folder: Path, static_url_path: str):
    """A WeasyPrint fetcher that serves the app's static files from disk and refuses every other address."""
    import mimetypes

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            relative = parts.path[len(static_url_path) + 1:] if parts.path.startswith(static_url_path + "/") else ""
            path = (static_folder / relative).resolve() if relative else None
            if path is None or parts.scheme not in ("http", "") or static_folder not in path.parents \
                    or not path.is_file():
                raise ValueError(f"not one of the app's static files: {url[:200]}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    return StaticOnly(allowed_protocols=("http",))


def pdf_from_html(html: str) -> bytes:
    """The tagged (PDF/UA) PDF of `html`, a page rendered by the app, laid out by its print stylesheet (which sets
    A4 and the page numbers). Its title and language come from the page. Raises PdfUnavailable."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: the package is there, Pango is not
        raise PdfUnavailable(str(error)) from error
    static_folder = Path(current_app.static_folder).resolve()
    document = HTML(string=html, base_url="http://matchmaker.invalid/",
                    url_fetcher=_static_only_fetcher(static_folder, current_app.static_url_path))
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True,
                              presentational_hints=True) or b""
