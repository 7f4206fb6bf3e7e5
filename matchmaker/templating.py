"""What every template can use: the permission check, the main menu, the current language, names in that language."""
from flask import Flask, request
from flask_babel import format_decimal, get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from matchmaker import labels
from matchmaker.labels import LANGUAGE_NAMES, action_label, label_for, move_label, reason_label
from matchmaker.matching.services import search_pieces
from matchmaker.navigation import main_menu
from matchmaker.orgs.models import OrganisationKind, OrganisationStatus
from matchmaker.permissions import STOPPED_ORGANISATION, can, organisation_stopped_reason
from matchmaker.text import is_web_address, plain_text, render_markdown


def current_language() -> str:
    return str(get_locale() or "it")


def csrf_input() -> Markup:
    """The hidden CSRF field, without an id, so that many forms can share a page."""
    return Markup('<input type="hidden" name="csrf_token" value="%s">') % escape(generate_csrf())


def highlight(text, query: str, by_words: bool = True) -> Markup:
    """Plain text with the words a search matched in <mark>: every piece escaped, the markup only ours."""
    return Markup("").join(Markup("<mark>%s</mark>") % piece if marked else escape(piece)
                           for piece, marked in search_pieces(str(text or ""), query, by_words=by_words))


def install_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        can=lambda action, obj=None: can(current_user, action, obj),
        main_menu=lambda: main_menu(current_user, request.endpoint),
        organisation_stopped_reason=organisation_stopped_reason,
        STOPPED_ORGANISATION=STOPPED_ORGANISATION,
        csrf_input=csrf_input,
        current_language=current_language,
        label_for=label_for,
        fit_label=labels.fit_label,
        fit_level=labels.fit_level,
        score_legend=labels.score_legend,
        action_label=action_label,
        move_label=move_label,
        reason_label=reason_label,
        OrganisationKind=OrganisationKind,
        OrganisationStatus=OrganisationStatus,
    )
    app.jinja_env.filters["localised_name"] = lambda obj: obj.name_in(current_language())
    app.jinja_env.filters["localised_unit"] = lambda obj: obj.unit_in(current_language())
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["plain_text"] = plain_text
    app.jinja_env.filters["highlight"] = highlight
    # A measured value as people write it in their language: 22 (not 22.0), 3,5 in Italian, 1.250 for thousands.
    app.jinja_env.filters["number"] = lambda value: format_decimal(value, format="#,##0.##")
    app.jinja_env.tests["web_address"] = is_web_address
    app.jinja_env.filters["language_name"] = lambda code: str(LANGUAGE_NAMES.get(code, code))
