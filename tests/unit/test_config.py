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
    assert config.load_config("production").SECRET_KEY == "a-long-secret-from-the-environment"


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
