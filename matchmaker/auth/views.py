"""Pages for signing in and out, registering, confirming e-mail, resetting passwords and the account."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from wtforms.fields.choices import SelectChoice

from matchmaker.auth import services, tokens
from matchmaker.auth.forms import (
    AcademicRegistrationForm,
    ApiTokenForm,
    ChangeEmailForm,
    ChangeLanguageForm,
    ChangeNameForm,
    ChangePasswordForm,
    EmptyForm,
    ForgotPasswordForm,
    LoginForm,
    OrganisationRegistrationForm,
    ResetPasswordForm,
)
from matchmaker.auth.models import ApiToken, Language
from matchmaker.errors import Conflict, Forbidden, NotFound, TooManyAttempts, ValidationFailed
from matchmaker.extensions import db, limiter
from matchmaker.forms import show_service_errors
from matchmaker.i18n import remember_language
from matchmaker.orgs.services import organisation_names
from matchmaker.permissions import can, require
from matchmaker.reference.services import list_departments
from matchmaker.security import is_safe_redirect
from matchmaker.templating import current_language

blueprint = Blueprint("auth", __name__)


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboards.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data, request.remote_addr)
        except TooManyAttempts as error:
            form.password.errors = [error.message]
            return render_template("auth/login.html", form=form), 429, {"Retry-After": str(error.retry_after)}
        if user is not None:
            services.start_session(user, remember=form.remember.data)
            login_user(user, remember=form.remember.data)
            remember_language(user.preferred_language.value)
            db.session.commit()
            flash(_("Welcome back, %(name)s.", name=user.name), "success")
            target = request.args.get("next")
            return redirect(target if is_safe_redirect(target) else url_for("dashboards.dashboard"))
        form.password.errors = [_("The e-mail or the password is not right. Check them and try again.")]
    return render_template("auth/login.html", form=form)


@blueprint.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        services.end_session(current_user)
        db.session.commit()
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
            services.sign_up(
                services.register_organisation_member,
                email=form.email.data, password=form.password.data, name=form.name.data,
                language=Language(form.language.data), organisation_name=form.organisation_name.data,
                kind=form.kind.data or None, city=form.city.data, website=form.website.data,
                description=form.description.data)
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            return _check_your_inbox(form.email.data, form.language.data)
    return render_template("auth/register_organisation.html", form=form,
                           known_organisations=organisation_names())


@blueprint.route("/register/academic", methods=["GET", "POST"])
def register_academic():
    form = AcademicRegistrationForm()
    form.department.choices = _department_choices()
    if form.validate_on_submit():
        try:
            services.sign_up(
                services.register_academic,
                email=form.email.data, password=form.password.data, name=form.name.data,
                language=Language(form.language.data), department_code=form.department.data,
                suggest_to_organisations=form.suggest_to_organisations.data)
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            return _check_your_inbox(form.email.data, form.language.data)
    return render_template("auth/register_academic.html", form=form,
                           academic_domains=", ".join("@" + d for d in current_app.config["ACADEMIC_EMAIL_DOMAINS"]))


def _check_your_inbox(email: str, language: str):
    """The one answer to a registration, whether the address was new or already had an account."""
    db.session.commit()
    remember_language(language)  # the language just chosen, for this answer and the pages that follow
    with force_locale(language):
        flash(_("If %(email)s can be used, we sent it a link to confirm the address. Open the link, then sign in "
                "with the password you chose.", email=services.normalise_email(email)), "success")
    return redirect(url_for("auth.login"))


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
        try:
            services.resend_verification_email(current_user)
        except TooManyAttempts as error:
            flash(error.message, "warning")
        else:
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
            flash(_("Your password has been changed, and every device signed in to your account has been "
                    "signed out. Sign in with the new password."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@blueprint.route("/account")
@login_required
def account():
    return _render_account()


@blueprint.route("/account/password", methods=["POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data,
                                     request.remote_addr)
        except ValidationFailed as error:
            show_service_errors(form, error)
        except TooManyAttempts as error:
            form.current_password.errors = [error.message]
            return _render_account(password_form=form), 429, {"Retry-After": str(error.retry_after)}
        else:
            db.session.commit()
            flash(_("Your password has been changed. Every other device has been signed out and your API tokens "
                    "have been revoked."), "success")
            return redirect(url_for("auth.account"))
    return _render_account(password_form=form), 422


@blueprint.route("/account/name", methods=["POST"])
@login_required
def change_name():
    form = ChangeNameForm()
    if form.validate_on_submit():
        try:
            services.change_name(current_user, form.full_name.data)
        except ValidationFailed as error:
            show_service_errors(form, error, {"name": "full_name"})
        else:
            db.session.commit()
            flash(_("Your name is now %(name)s.", name=current_user.name), "success")
            return redirect(url_for("auth.account"))
    return _render_account(name_form=form), 422


@blueprint.route("/account/language", methods=["POST"])
@login_required
def change_language():
    form = ChangeLanguageForm()
    if not form.validate_on_submit():
        return _render_account(language_form=form), 422
    services.set_language(current_user, Language(form.language.data))
    db.session.commit()
    remember_language(form.language.data)  # the session's choice comes first: it follows the account's
    with force_locale(form.language.data):
        flash(_("Your language is saved: pages and e-mails use it from now on."), "success")
    return redirect(url_for("auth.account"))


@blueprint.route("/account/email", methods=["POST"])
@login_required
def change_email():
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            services.request_email_change(current_user, form.new_email.data, form.email_current_password.data,
                                          request.remote_addr)
        except ValidationFailed as error:
            show_service_errors(form, error, {"email": "new_email", "current_password": "email_current_password"})
        except TooManyAttempts as error:
            form.email_current_password.errors = [error.message]
            return _render_account(email_form=form), 429, {"Retry-After": str(error.retry_after)}
        else:
            db.session.commit()
            # The same words whether or not the address has an account: the form must not tell who is registered.
            flash(_("We sent a link to %(email)s. Your address changes when you open it; until then you keep "
                    "using %(current)s.", email=current_user.pending_email, current=current_user.email), "info")
            return redirect(url_for("auth.account"))
    return _render_account(email_form=form), 422


@blueprint.route("/account/email/cancel", methods=["POST"])
@login_required
def cancel_email_change():
    if EmptyForm().validate_on_submit() and current_user.pending_email:
        services.cancel_email_change(current_user)
        db.session.commit()
        flash(_("The change of address is cancelled: the link we sent no longer works."), "info")
    return redirect(url_for("auth.account"))


@blueprint.route("/account/email/confirm/<token>", methods=["GET", "POST"])
def confirm_email_change(token: str):
    form = EmptyForm()
    if not form.validate_on_submit():  # a page with a button: a mail scanner opening the link changes nothing
        return render_template("auth/confirm_email_change.html", form=form)
    try:
        user = services.confirm_email_change(token)
    except tokens.ExpiredLink:
        flash(_("This link has expired. Ask for the change again on your account page."), "warning")
    except tokens.InvalidLink:
        flash(_("This link is not valid: it was cancelled, replaced by a newer one or already used."), "danger")
    except Conflict as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("Your e-mail address is now %(email)s.", email=user.email), "success")
    return redirect(url_for("auth.account" if current_user.is_authenticated else "auth.login"))


def _require_token_creation(user) -> None:
    if not can(user, "token.create"):
        raise Forbidden(_("Confirm your e-mail address before creating an API token: open the link we sent you, "
                          "or ask for a new one on your account page."))


@blueprint.route("/account/tokens", methods=["POST"])
@login_required
def create_token():
    _require_token_creation(current_user)
    form = _token_form()
    if not form.validate_on_submit():
        return _render_account(token_form=form), 422
    try:
        _token, raw_token = services.create_api_token(current_user, form.name.data, form.days.data)
    except ValidationFailed as error:
        show_service_errors(form, error)
        return _render_account(token_form=form), 422
    db.session.commit()
    flash(_("Your new token is shown below once: copy it now."), "success")
    return _render_account(new_token=raw_token)


def _token_form(**kwargs) -> ApiTokenForm:
    return ApiTokenForm(default_days=current_app.config["API_TOKEN_DAYS"], **kwargs)


def _render_account(new_token: str | None = None, **sent_forms):
    """The account page: each section's form blank, except the one just sent, which keeps what was typed."""
    forms = {
        "name_form": ChangeNameForm(formdata=None, full_name=current_user.name),
        "language_form": ChangeLanguageForm(formdata=None, language=current_user.preferred_language.value),
        "email_form": ChangeEmailForm(formdata=None),
        "password_form": ChangePasswordForm(formdata=None),
        "token_form": _token_form(formdata=None),
        **sent_forms,
    }
    return render_template(
        "auth/account.html", **forms, revoke_form=EmptyForm(), new_token=new_token,
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
