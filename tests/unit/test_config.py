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
    monkeypatch.setenv("PUBLIC_URL", "https://matchmaker.example.org")
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
    monkeypatch.setenv("PUBLIC_URL", "https://matchmaker.example.org")
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
        monkeypatch.setenv("PUBLIC_URL", "https://matchmaker.example.org")
        assert reloaded.load_config("production").HSTS_SECONDS == 600
    finally:
        monkeypatch.undo()
        importlib.reload(config)


def test_production_refuses_to_start_without_its_public_address(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(RuntimeError, match="PUBLIC_URL must be set in production"):
        config.load_config("production")


@pytest.mark.parametrize("address", ["matchmaker.example.org", "ftp://matchmaker.example.org", "https://",
                                     "https://matchmaker.example.org/?next=x"])
def test_a_public_address_that_is_not_a_web_address_is_a_clear_error(monkeypatch, address):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    monkeypatch.setenv("PUBLIC_URL", address)
    with pytest.raises(RuntimeError, match="PUBLIC_URL must look like"):
        config.load_config("production")


def test_production_trusts_only_the_host_of_its_public_address_unless_told_otherwise(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    monkeypatch.setenv("PUBLIC_URL", "https://Matchmaker.Example.org/")
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    settings = config.load_config("production")
    assert settings.PUBLIC_URL == "https://Matchmaker.Example.org"
    assert settings.TRUSTED_HOSTS == ["matchmaker.example.org"]

    monkeypatch.setenv("TRUSTED_HOSTS", "matchmaker.example.org, .polito.it")
    assert config.load_config("production").TRUSTED_HOSTS == ["matchmaker.example.org", ".polito.it"]


def test_development_links_point_at_the_local_server_and_trust_this_machine(monkeypatch, tmp_path):
    monkeypatch.setenv("MATCHMAKER_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("PORT", "5055")
    for name in ("PUBLIC_URL", "TRUSTED_HOSTS", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    reloaded = importlib.reload(config)
    try:
        settings = reloaded.load_config("development")
        assert settings.PUBLIC_URL == "http://127.0.0.1:5055"
        assert settings.TRUSTED_HOSTS == ["127.0.0.1", "localhost"]
    finally:
        monkeypatch.undo()
        importlib.reload(config)


def test_each_environment_knows_its_name(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    monkeypatch.setenv("PUBLIC_URL", "https://matchmaker.example.org")
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
    monkeypatch.setenv("PUBLIC_URL", "https://matchmaker.example.org")
    assert config.load_config("production").SQLALCHEMY_DATABASE_URI == expected


def test_an_unknown_environment_name_is_a_clear_error():
    with pytest.raises(RuntimeError, match="Unknown MATCHMAKER_ENV"):
        config.load_config("staging-typo")


def test_importing_the_package_creates_no_app_and_touches_no_database(tmp_path):
    code = ("import matchmaker, sys; "
            "assert 'matchmaker.extensions' not in sys.modules, 'import had side effects'")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
