"""The migrations are the schema: an empty database upgraded to head matches the models exactly."""
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from matchmaker.extensions import db
from matchmaker.reference.data import DEPARTMENTS, SDGS
from tests.conftest import make_test_app


@pytest.fixture
def empty_database_url(database_url):
    """A brand-new empty database on the same backend as the run."""
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///").replace("test.db", f"migrations-{uuid.uuid4().hex}.db")
        yield f"sqlite:///{path}"
        return
    name = f"matchmaker_migrations_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield database_url.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrading_an_empty_database_gives_exactly_the_models_schema(empty_database_url):
    app = make_test_app(empty_database_url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert differences == [], f"models and migrations disagree: {differences}"


def test_upgrade_seeds_every_department_and_the_17_sdgs(empty_database_url):
    app = make_test_app(empty_database_url)
    with app.app_context():
        upgrade()
        codes = set(db.session.scalars(sa.text("SELECT code FROM departments")))
        numbers = sorted(db.session.scalars(sa.text("SELECT number FROM sdgs")))
        db.session.remove()
        db.engine.dispose()
    assert codes == {code for code, _it, _en in DEPARTMENTS}
    assert numbers == list(range(1, 18)) == [n for n, _it, _en in SDGS]


def test_migrations_can_be_rolled_back_to_an_empty_database(empty_database_url):
    app = make_test_app(empty_database_url)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
        db.engine.dispose()
    assert tables == set()
