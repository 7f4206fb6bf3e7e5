"""PDF from the app's own HTML, for the case study and the annual report: WeasyPrint renders the page as printed
(its print stylesheet, A4, page numbers) into a tagged PDF. It may read only the app's own static files, never the
network, so a page's content cannot make the server fetch anything."""
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app

BASE_HOST = "matchmaker.invalid"  # relative addresses resolve here, and nowhere else is fetched


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are missing on this machine."""


def _static_folders() -> dict[str, Path]:
    """{URL prefix: folder} of the app's static files and of its blueprints' (Bootstrap's local copy among them)."""
    folders = {current_app.static_url_path: Path(current_app.static_folder).resolve()}
    for blueprint in current_app.blueprints.values():
        if blueprint.has_static_folder and blueprint.static_url_path:
            prefix = (blueprint.url_prefix or "") + blueprint.static_url_path
            folders[prefix] = Path(blueprint.static_folder).resolve()
    return folders


def _static_only_fetcher(folders: dict[str, Path]):
    """A WeasyPrint fetcher that serves those static files from disk and refuses every other address."""
    import mimetypes

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    def file_of(url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "") or parts.netloc not in ("", BASE_HOST):
            return None
        for prefix, folder in folders.items():
            if parts.path.startswith(prefix + "/"):
                path = (folder / parts.path[len(prefix) + 1:]).resolve()
                return path if folder in path.parents and path.is_file() else None
        return None

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = file_of(url)
            if path is None:
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
    document = HTML(string=html, base_url=f"http://{BASE_HOST}/", url_fetcher=_static_only_fetcher(_static_folders()))
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True,
                              presentational_hints=True) or b""
