"""The home page and the language switch."""
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from matchmaker.auth.forms import EmptyForm
from matchmaker.auth.models import Language
from matchmaker.auth.services import set_language
from matchmaker.challenges.services import latest_open_challenges
from matchmaker.extensions import db
from matchmaker.i18n import remember_language
from matchmaker.main.services import platform_figures
from matchmaker.security import is_safe_redirect

blueprint = Blueprint("main", __name__)


@blueprint.route("/")
def home():
    return render_template("main/home.html", figures=platform_figures(),
                           latest_challenges=latest_open_challenges(current_user))


@blueprint.route("/language/<language>", methods=["POST"])
def switch_language(language: str):
    if language not in current_app.config["LANGUAGES"]:
        abort(404)
    if EmptyForm().validate_on_submit():
        remember_language(language)
        if current_user.is_authenticated:
            set_language(current_user, Language(language))
            db.session.commit()
    target = request.form.get("next")
    return redirect(target if is_safe_redirect(target) else url_for("main.home"))
