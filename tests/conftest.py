"""Fixtures for every suite: the app on each database backend, a client, a CLI runner, people to act as.

SQLite always runs. With TEST_DATABASE_URL set, every test runs against that PostgreSQL database too;
with CI=true, a missing PostgreSQL is a failure rather than a skip.

Under pytest-xdist (`make test` runs `-n 2`) each worker process (gw0, gw1, ...) has its own databases: a SQLite
file under its own temporary folder, a PostgreSQL database `<TEST_DATABASE_URL's name>_gw0` made for the session
and dropped after it, and the Redis database numbered TEST_REDIS_URL's plus the worker's index.
"""
import os
import sqlite3
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from jinja2 import BytecodeCache

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.reference.services import seed_reference_data
from tests import factories
from tests.mailbox import Mailbox

REFERENCE_TABLES = {"departments", "sdgs"}
# The indicator catalogue is reference data too, except the custom indicators a test adds.
CATALOGUE_TABLE = "impact_indicators"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# The pytest-xdist worker running this process ("gw0", "gw1", ...); empty in a serial run (`-n0`).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
WORKER_INDEX = int(WORKER.removeprefix("gw")) if WORKER else 0


def _worker_redis_url(url: str) -> str:
    """The given Redis database number plus the worker's index: the job queue's name is fixed, so each worker
    needs a database of its own not to run (or empty) another worker's jobs."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + WORKER_INDEX
    return parts._replace(path=f"/{number}").geturl()


# The Redis that the queue and rate-limit tests talk to (CI gives its own database number).
TEST_REDIS_URL = _worker_redis_url(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/10"))


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if url and url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


_worker_databases: dict[str, sa.URL] = {}  # TEST_DATABASE_URL -> this worker's database, made once per session


def _worker_postgres_url(url: str) -> str:
    """This worker's own PostgreSQL database beside TEST_DATABASE_URL's (`<name>_gw0`), new and empty; in a serial
    run, TEST_DATABASE_URL's itself."""
    if not WORKER:
        return url
    if url not in _worker_databases:
        given = sa.make_url(url)
        own = given.set(database=f"{given.database}_{WORKER}")
        maintenance = sa.create_engine(given.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with maintenance.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
            connection.execute(sa.text(f'CREATE DATABASE "{own.database}"'))
            # A commit does not wait for the disk: what every connection reads stays the same, and only a crash
            # of the server could lose the last commits of a database dropped at the end anyway.
            connection.execute(sa.text(f'ALTER DATABASE "{own.database}" SET synchronous_commit = off'))
        maintenance.dispose()
        _worker_databases[url] = own
    return _worker_databases[url].render_as_string(hide_password=False)


def pytest_sessionfinish(session):
    """Drop the PostgreSQL databases this worker made (the connections its apps still pool go with them)."""
    for own in _worker_databases.values():
        maintenance = sa.create_engine(own.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with maintenance.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
        maintenance.dispose()
    _worker_databases.clear()


@sa.event.listens_for(sa.Engine, "connect")
def _sqlite_without_fsync(dbapi_connection, connection_record):
    """SQLite test files skip the wait for the disk on each commit (milliseconds each on a busy machine): no test
    is about what survives a power cut, and locking, transactions and what each connection reads stay the same."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous = OFF")


class CompiledTemplates(BytecodeCache):
    """Every test builds its own app, and each app's Jinja environment would compile every template it renders
    again: the templates compiled once per process are shared by the apps, keyed by name and checked against the
    source (a changed template is compiled anew). All test apps configure Jinja the same way (create_app)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def pytest_report_header(config):
    url = _postgres_url()
    return f"databases: sqlite{' + ' + url.rsplit('@', 1)[-1] if url else ' only (TEST_DATABASE_URL not set)'}"


_prepared: set[str] = set()


def _prepare_schema(app) -> None:
    """Build the schema once per database for the session: tests use create_all, the app uses migrations."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url in _prepared:
        return
    with app.app_context():
        db.drop_all()
        db.create_all()
        seed_reference_data()
        db.session.commit()
    _prepared.add(url)


def _empty_tables(app) -> None:
    """Remove what a test wrote, keeping the reference rows."""
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                if table.name == CATALOGUE_TABLE:
                    connection.execute(table.delete().where(table.c.custom.is_(True)))
                elif table.name not in REFERENCE_TABLES:
                    connection.execute(table.delete())
        db.engine.dispose()


def pytest_collection_modifyitems(config, items):
    """Tests marked `one_database` check rules written in Python (who may do what, how hostile or wrong input is
    refused, what the API document says): they run once, on SQLite. The PostgreSQL half keeps every other test,
    the services, migrations, races and pages where the two databases can differ, and stays within CI's time."""
    dropped = [item for item in items if item.get_closest_marker("one_database")
               and getattr(item, "callspec", None) and item.callspec.params.get("database_url") == "postgresql"]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        dropped_ids = {id(item) for item in dropped}
        items[:] = [item for item in items if id(item) not in dropped_ids]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    url = _postgres_url()
    if not url:
        message = "TEST_DATABASE_URL is not set: the PostgreSQL run is skipped"
        if IN_CI:
            pytest.fail(f"{message}, and CI=true requires it", pytrace=False)
        pytest.skip(message)
    try:
        sa.create_engine(url).connect().close()
    except sa.exc.OperationalError as error:
        if IN_CI:
            pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is unreachable: {error}", pytrace=False)
        pytest.skip(f"PostgreSQL at TEST_DATABASE_URL is unreachable: {error}")
    return _worker_postgres_url(url)


@pytest.fixture
def redis_connection():
    """A real Redis connection: a skip without one, a failure in CI, where Redis is required."""
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import ResponseError

    connection = Redis.from_url(TEST_REDIS_URL)
    try:
        connection.ping()
    except ResponseError as error:  # the worker's database number is past the server's `databases` setting
        pytest.fail(f"Redis refuses {TEST_REDIS_URL} (TEST_REDIS_URL's number plus worker index {WORKER_INDEX}): "
                    f"{error}; give TEST_REDIS_URL a lower number or run fewer workers", pytrace=False)
    except RedisConnectionError as error:
        if IN_CI:
            pytest.fail(f"Redis at {TEST_REDIS_URL} is unreachable and CI=true: {error}", pytrace=False)
        pytest.skip(f"Redis at {TEST_REDIS_URL} is unreachable: {error}")
    yield connection
    connection.close()


def make_test_app(database_url: str, **overrides):
    settings = {"SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": False}
    settings.update(overrides)
    app = create_app("testing", **settings)
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    return app


@pytest.fixture
def app_settings():
    """Override per test module or test: `@pytest.mark.parametrize` or a fixture returning a dict."""
    return {}


class IsolatedRequestClient(FlaskClient):
    """A test client whose every request (and every redirect it follows) runs in its own application context.

    The `app` fixture keeps an application context pushed for the test's own queries, and Flask reuses a
    pushed context for the requests made inside it: `g` (the signed-in user, the page language, per-request
    flags such as a failed sign-in) would then leak from one request into the next. Production never shares
    `g` between requests, so neither does this client. The test's database session is separate from the
    requests' sessions: re-read rows (db.session.refresh / expire_all) after a request changes them.
    """

    def run_wsgi_app(self, environ, buffered=False):
        with self.application.app_context():
            return super().run_wsgi_app(environ, buffered=buffered)


@pytest.fixture
def app(database_url, app_settings):
    app = make_test_app(database_url, **app_settings)
    app.test_client_class = IsolatedRequestClient
    _prepare_schema(app)
    with app.app_context():
        yield app
        db.session.remove()
    _empty_tables(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def load_sdgs(app):
    """Loads an SDG reference into the tables, as `flask load-sdgs` does, with the suggester built again from it."""
    from matchmaker.sdgs import suggesting
    from matchmaker.sdgs.services import load_reference

    def load(reference):
        load_reference(reference)
        db.session.commit()
        suggesting.forget()

    yield load
    suggesting.forget()


@pytest.fixture
def make(app):
    """Builders for people and organisations, committed so the client sees them."""
    return factories.Factory()


@pytest.fixture
def login(client):
    """Sign a person in through the real sign-in form."""
    def sign_in(user, password=factories.PASSWORD, remember=False):
        response = client.post("/login", data={"email": user.email, "password": password,
                                               "remember": "y" if remember else ""})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response
    return sign_in



@pytest.fixture(scope="session")
def smtp_server():
    mailbox = Mailbox()
    mailbox.controller.start()
    yield mailbox
    mailbox.controller.stop()


@pytest.fixture
def mailbox(app, smtp_server):
    """The app sends e-mail by SMTP to a real server in this process; read what it received from here."""
    smtp_server.clear()
    app.config.update(smtp_server.settings)
    yield smtp_server
    smtp_server.clear()


@pytest.fixture
def rate_limits_off():
    """App settings with the rate limits off, for a test that fails sign-ins on purpose many times.

    Flask-Limiter keeps the last app's switch as the default of the next one: the shared limiter is put back as
    it was, so the tests of the limits that come later still meet them.
    """
    from matchmaker.extensions import limiter

    was_enabled = limiter.enabled
    yield {"RATELIMIT_ENABLED": False}
    limiter.enabled = was_enabled
