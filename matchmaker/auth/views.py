"""Pages for signing in and out, registering, confirming e-mail, resetting passwords and the account."""
from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from wtforms.fields.choices import SelectChoice

from matchmaker.auth import services, tokens
from matchmaker.auth.forms import (
    AcademicRegistrationForm,
    ApiTokenForm,
    EmptyForm,
    ForgotPasswordForm,
    LoginForm,
    OrganisationRegistrationForm,
    ResetPasswordForm,
)
from matchmaker.auth.models import ApiToken, Language
from matchmaker.errors import NotFound, ValidationFailed
from matchmaker.extensions import db, limiter
from matchmaker.forms import show_service_errors
from matchmaker.i18n import remember_language
from matchmaker.orgs.services import organisation_names
from matchmaker.permissions import require
from matchmaker.reference.services import list_departments
from matchmaker.security import is_safe_redirect
from matchmaker.templating import current_language

blueprint = Blueprint("auth", __name__)


def _login_failed(_response) -> bool:
    """Only failed attempts count towards the sign-in limit."""
    return bool(g.get("login_failed"))


def login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(login_rate_limit, methods=["POST"], deduct_when=_login_failed, scope="login")
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            remember_language(user.preferred_language.value)
            db.session.commit()
            flash(_("Welcome back, %(name)s.", name=user.name), "success")
            target = request.args.get("next")
            return redirect(target if is_safe_redirect(target) else url_for("main.home"))
        g.login_failed = True
        form.password.errors = [_("The e-mail or the password is not right. Check them and try again.")]
    elif request.method == "POST":
        g.login_failed = True
    return render_template("auth/login.html", form=form)


@blueprint.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.home"))


@blueprint.route("/register")
def register():
    return render_template("auth/register_choice.html")


@blueprint.route("/register/organisation", methods=["GET", "POST"])
def register_organisation():
    form = OrganisationRegistrationForm()
    if form.validate_on_submit():
        try:
            user = services.register_organisation_member(
                email=form.email.data, password=form.password.data, name=form.name.data,
                language=Language(form.language.data), organisation_name=form.organisation_name.data,
                kind=form.kind.data or None, city=form.city.data, website=form.website.data,
                description=form.description.data)
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            return _welcome(user)
    return render_template("auth/register_organisation.html", form=form,
                           known_organisations=organisation_names())


@blueprint.route("/register/academic", methods=["GET", "POST"])
def register_academic():
    form = AcademicRegistrationForm()
    form.department.choices = _department_choices()
    if form.validate_on_submit():
        try:
            user = services.register_academic(
                email=form.email.data, password=form.password.data, name=form.name.data,
                language=Language(form.language.data), department_code=form.department.data,
                suggest_to_organisations=form.suggest_to_organisations.data)
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            return _welcome(user)
    return render_template("auth/register_academic.html", form=form,
                           academic_domains=", ".join("@" + d for d in current_app.config["ACADEMIC_EMAIL_DOMAINS"]))


def _welcome(user):
    services.send_verification_email(user)
    db.session.commit()
    login_user(user)
    remember_language(user.preferred_language.value)
    flash(_("Welcome, %(name)s! We sent a link to %(email)s to confirm your address.",
            name=user.name, email=user.email), "success")
    return redirect(url_for("auth.account"))


def _department_choices() -> list[tuple[str, str]]:
    language = current_language()
    return [SelectChoice("", _("Choose…")), *(SelectChoice(d.code, d.name_in(language)) for d in list_departments())]


@blueprint.route("/verify-email/<token>", methods=["GET", "POST"])
def verify_email(token: str):
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            user = services.confirm_email(token)
        except tokens.ExpiredLink:
            flash(_("This confirmation link has expired. Sign in and ask for a new one."), "warning")
            return redirect(url_for("auth.account" if current_user.is_authenticated else "auth.login"))
        except tokens.InvalidLink:
            flash(_("This confirmation link is not valid. Check that you copied all of it."), "danger")
            return redirect(url_for("main.home"))
        db.session.commit()
        flash(_("Thank you: your e-mail address %(email)s is confirmed.", email=user.email), "success")
        return redirect(url_for("auth.account" if current_user.is_authenticated else "auth.login"))
    return render_template("auth/verify_email.html", form=form)


@blueprint.route("/verify-email/resend", methods=["POST"])
@login_required
def resend_verification():
    if not current_user.email_verified:
        services.send_verification_email(current_user)
        db.session.commit()
        flash(_("We sent a new confirmation link to %(email)s.", email=current_user.email), "info")
    return redirect(url_for("auth.account"))


@blueprint.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"], scope="forgot-password")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(_("If %(email)s has an account, a link to choose a new password is on its way. "
                "It works for one hour.", email=form.email.data), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@blueprint.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        services.user_for_reset_token(token)
    except tokens.ExpiredLink:
        flash(_("This link has expired. Ask for a new one below."), "warning")
        return redirect(url_for("auth.forgot_password"))
    except tokens.InvalidLink:
        flash(_("This link is not valid or has already been used. Ask for a new one below."), "danger")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            db.session.commit()
            logout_user()
            flash(_("Your password has been changed. Sign in with the new one."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@blueprint.route("/account")
@login_required
def account():
    return _render_account(ApiTokenForm())


@blueprint.route("/account/tokens", methods=["POST"])
@login_required
def create_token():
    form = ApiTokenForm()
    if not form.validate_on_submit():
        return _render_account(form), 422
    _token, raw_token = services.create_api_token(current_user, form.name.data)
    db.session.commit()
    flash(_("Your new token is shown below once: copy it now."), "success")
    return _render_account(ApiTokenForm(formdata=None), new_token=raw_token)


def _render_account(token_form: ApiTokenForm, new_token: str | None = None):
    return render_template(
        "auth/account.html", token_form=token_form, revoke_form=EmptyForm(), new_token=new_token,
        tokens=services.active_api_tokens(current_user), memberships=current_user.memberships)


@blueprint.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(_("This token does not exist."))
    require("token.revoke", token)
    if EmptyForm().validate_on_submit():
        services.revoke_api_token(token)
        db.session.commit()
        flash(_("The token “%(name)s” has been revoked: it no longer works.", name=token.name), "info")
    return redirect(url_for("auth.account"))
