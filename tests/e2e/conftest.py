"""Browser tests: real Chromium (Playwright) against the app served on a free local port.

The recipe is in /work/shared/BROWSER-TESTS.md. These tests run once, on their own SQLite file: they do not use
the per-backend `database_url`/`app` fixtures of tests/conftest.py. CSRF protection is on, as in production.
"""
import contextlib
import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from matchmaker.extensions import db
from matchmaker.reference.services import seed_reference_data
from tests.conftest import IN_CI, REFERENCE_TABLES, make_test_app

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
        if IN_CI:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app on its own SQLite file, with real CSRF protection."""
    database = tmp_path_factory.mktemp("e2e-db") / "browser.db"
    app = make_test_app(f"sqlite:///{database}", WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        seed_reference_data()
        db.session.commit()
        db.session.remove()
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def live_url(live_server, live_app):
    """The server's address; what a test wrote is removed afterwards, keeping the reference rows."""
    yield live_server
    with live_app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                if table.name not in REFERENCE_TABLES:
                    connection.execute(table.delete())


@pytest.fixture
def in_live_app(live_app):
    """Set-up code (factories) inside the live app's context: `with in_live_app(): make.user(...)`.

    Read what the test needs (e-mails, ids, names) inside the block: the session is removed on leaving it.
    """
    @contextlib.contextmanager
    def context():
        with live_app.app_context():
            try:
                yield
            finally:
                db.session.remove()
    return context


@pytest.fixture
def locale():
    """The browser's language; override per test with `@pytest.mark.parametrize("locale", [...])`."""
    return "en-GB"


@pytest.fixture
def page(browser, live_url, locale):
    context = browser.new_context(locale=locale, base_url=live_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(5000)
    page = context.new_page()
    yield page
    context.close()


def check_accessibility(page) -> None:
    """Fail on any axe violation of serious or critical impact on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    blocking = [v for v in result.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        print(result.generate_report())
    assert not blocking, f"axe found serious or critical violations on {page.url}:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in blocking)


def screenshot(page, name: str) -> Path:
    """A full-page picture of what the person sees, for a human to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def follow_menu_link(page, group: str, link: str) -> None:
    """Open one group of the main menu ("Your work", "Coordination", the person's name) and follow a link in it."""
    menu = page.get_by_role("banner").get_by_role("navigation")
    menu.get_by_role("button", name=group, exact=True).click()
    menu.get_by_role("link", name=link, exact=True).click()
