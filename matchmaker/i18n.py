"""Which language a page is shown in: the person's choice, then the browser's, then Italian."""
from flask import current_app, request, session
from flask_login import current_user

SESSION_KEY = "language"


def supported_languages() -> tuple[str, ...]:
    return current_app.config["LANGUAGES"]


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    languages = supported_languages()
    chosen = session.get(SESSION_KEY)
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated:
        return current_user.preferred_language.value
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def remember_language(language: str) -> None:
    session[SESSION_KEY] = language
