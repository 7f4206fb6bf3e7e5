"""seed-demo on a production database: refused unless the operator insists with --force, and then no account
opens with the password published in the README: each gets its own random one, printed once."""
import re

import pytest
import sqlalchemy as sa

from matchmaker import create_app
from matchmaker.auth.models import User
from matchmaker.auth.services import authenticate
from matchmaker.demo import DEMO_PASSWORD
from matchmaker.extensions import db

ACCOUNT_LINE = re.compile(r"^\s+(\S+@\S+)\s+password: (\S+)\s", flags=re.MULTILINE)


@pytest.fixture
def production_app(app, monkeypatch, database_url, tmp_path):
    """The production configuration on the test database (the `app` fixture built its tables)."""
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-key-for-this-test-only")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PUBLIC_URL", "https://matchmaker.example")
    production = create_app("production", MATCHING_INDEX_DIR=str(tmp_path / "matching"),
                            PASSWORD_HASH_METHOD="pbkdf2:sha256:1000")  # fast hashing: not what is tested here
    yield production
    with production.app_context():
        db.session.remove()
        db.engine.dispose()


def seed_demo(production_app, *options):
    """Run the command as an operator would: with the production app's context current (the test's own app
    context, pushed by the `app` fixture, would otherwise be the one the command sees)."""
    with production_app.app_context():
        return production_app.test_cli_runner().invoke(args=["seed-demo", *options])


def users() -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def test_seed_demo_in_production_is_refused_without_force_and_creates_nothing(production_app):
    result = seed_demo(production_app)

    assert result.exit_code == 1
    assert "production" in result.output and "--force" in result.output
    assert DEMO_PASSWORD not in result.output
    assert users() == 0


def test_seed_demo_in_production_with_force_gives_each_account_its_own_printed_password(production_app):
    result = seed_demo(production_app, "--force")

    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD not in result.output
    accounts = dict(ACCOUNT_LINE.findall(result.stdout))
    assert "admin@polito.it" in accounts and len(accounts) >= 10
    assert len(set(accounts.values())) == len(accounts)
    assert all(len(password) >= 16 for password in accounts.values())
    with production_app.app_context():
        for email, password in accounts.items():
            assert authenticate(email, DEMO_PASSWORD) is None, f"{email} opens with the published password"
            assert authenticate(email, password) is not None, f"{email} does not open with its printed password"
        db.session.rollback()  # authenticate stamps last_login_at


def test_seed_demo_with_force_run_again_keeps_the_passwords_and_prints_none(production_app):
    first = seed_demo(production_app, "--force")
    assert first.exit_code == 0, first.output
    before = users()

    second = seed_demo(production_app, "--force")

    assert second.exit_code == 0, second.output
    assert ACCOUNT_LINE.findall(second.stdout) == []
    assert "admin@polito.it" in second.stdout and "unchanged" in second.stdout
    assert users() == before
