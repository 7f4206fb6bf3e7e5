"""Configuration: production never runs without a secret; development keeps its own; DATABASE_URL is honoured."""
import importlib
import subprocess
import sys

import pytest

import config


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        config.load_config("production")


def test_production_uses_the_secret_key_it_is_given(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "a-long-secret-from-the-environment")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    assert config.load_config("production").SECRET_KEY == "a-long-secret-from-the-environment"


@pytest.mark.parametrize("database_url", [None, "", "   "])
def test_production_refuses_to_start_without_a_database_url(monkeypatch, database_url):
    """Without it production used to fall back to a SQLite file in instance/, silently."""
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    if database_url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", database_url)
    with pytest.raises(RuntimeError, match="DATABASE_URL must be set in production"):
        config.load_config("production")


def test_development_still_falls_back_to_its_sqlite_file(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert config.load_config("development").SQLALCHEMY_DATABASE_URI.startswith("sqlite:///")


def test_production_sends_hsts_for_a_year_and_development_and_tests_do_not(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    assert config.load_config("production").HSTS_SECONDS == 31536000
    assert config.load_config("development").HSTS_SECONDS == 0
    assert config.load_config("testing").HSTS_SECONDS == 0


def test_requests_are_limited_to_four_mebibytes_unless_configured(monkeypatch):
    assert config.load_config("testing").MAX_CONTENT_LENGTH == 4 * 1024 * 1024
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "1000000")
    monkeypatch.setenv("HSTS_SECONDS", "600")
    reloaded = importlib.reload(config)
    try:
        assert reloaded.load_config("development").MAX_CONTENT_LENGTH == 1_000_000
        monkeypatch.setenv("SECRET_KEY", "x" * 40)
        monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
        assert reloaded.load_config("production").HSTS_SECONDS == 600
    finally:
        monkeypatch.undo()
        importlib.reload(config)


def test_each_environment_knows_its_name(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    assert [config.load_config(name).ENVIRONMENT for name in ("development", "testing", "production")] == [
        "development", "testing", "production"]


def test_development_generates_a_secret_key_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("MATCHMAKER_INSTANCE_DIR", str(tmp_path))
    reloaded = importlib.reload(config)
    try:
        first = reloaded.load_config("development").SECRET_KEY
        second = reloaded.load_config("development").SECRET_KEY
        assert len(first) >= 40 and first == second
        assert (tmp_path / "secret_key").read_text().strip() == first
        assert reloaded.load_config("development").SQLALCHEMY_DATABASE_URI == f"sqlite:///{tmp_path / 'matchmaker.db'}"
    finally:
        monkeypatch.undo()
        importlib.reload(config)


@pytest.mark.parametrize("given, expected", [
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
])
def test_database_url_selects_postgresql_with_the_psycopg_driver(monkeypatch, given, expected):
    monkeypatch.setenv("DATABASE_URL", given)
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    assert config.load_config("production").SQLALCHEMY_DATABASE_URI == expected


def test_an_unknown_environment_name_is_a_clear_error():
    with pytest.raises(RuntimeError, match="Unknown MATCHMAKER_ENV"):
        config.load_config("staging-typo")


def test_importing_the_package_creates_no_app_and_touches_no_database(tmp_path):
    code = ("import matchmaker, sys; "
            "assert 'matchmaker.extensions' not in sys.modules, 'import had side effects'")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
