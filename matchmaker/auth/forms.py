"""Forms for signing in, registering, resetting a password, the account page's changes and API tokens."""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, NumberRange, Optional, ValidationError

from matchmaker.auth.services import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, TOKEN_MAX_DAYS
from matchmaker.forms import Select
from matchmaker.labels import choices_for
from matchmaker.orgs.models import OrganisationKind
from matchmaker.orgs.services import CITY_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, WEBSITE_MAX_LENGTH

LANGUAGE_CHOICES = [SelectChoice("it", "Italiano"), SelectChoice("en", "English")]


def _email_field() -> EmailField:
    return EmailField(_l("E-mail"), validators=[
        DataRequired(_l("Enter your e-mail address.")),
        Email(_l("Enter a valid e-mail address, such as name@example.org.")),
        Length(max=254, message=_l("Use at most %(max)d characters.")),
    ], render_kw={"autocomplete": "email"})


def _new_password_field(label=None) -> PasswordField:
    return PasswordField(label or _l("Password"), validators=[
        DataRequired(_l("Choose a password.")),
        Length(min=PASSWORD_MIN_LENGTH, max=PASSWORD_MAX_LENGTH,
               message=_l("Use between %(min)d and %(max)d characters.")),
    ], description=_l("At least %(n)d characters.", n=PASSWORD_MIN_LENGTH),
        render_kw={"autocomplete": "new-password"})


def _confirm_field() -> PasswordField:
    return PasswordField(_l("Repeat the password"), validators=[
        DataRequired(_l("Repeat the password.")),
        EqualTo("password", _l("The two passwords are different.")),
    ], render_kw={"autocomplete": "new-password"})


def _name_field() -> StringField:
    return StringField(_l("Your name"), validators=[
        DataRequired(_l("Enter your name.")), Length(max=120, message=_l("Use at most %(max)d characters."))],
        render_kw={"autocomplete": "name"})


def _language_field() -> Select:
    return Select(_l("Language for e-mails and pages"), choices=LANGUAGE_CHOICES,
                       default=lambda: str(get_locale() or "it"))


class LoginForm(FlaskForm):
    email = _email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me signed in on this device"))


class OrganisationRegistrationForm(FlaskForm):
    name = _name_field()
    email = _email_field()
    password = _new_password_field()
    confirm = _confirm_field()
    language = _language_field()
    organisation_name = StringField(_l("Organisation name"), validators=[
        DataRequired(_l("Enter the name of your organisation.")),
        Length(max=NAME_MAX_LENGTH, message=_l("Use at most %(max)d characters."))],
        description=_l("If your organisation is already registered, type its exact name: "
                       "a coordinator will confirm that you belong to it."),
        render_kw={"autocomplete": "organization", "list": "known-organisations"})
    kind = Select(_l("Kind of organisation"),
                       choices=[SelectChoice("", _l("Choose…")), *choices_for(OrganisationKind)],
                       validators=[Optional()], description=_l("Needed for a new organisation."))
    city = StringField(_l("City"), validators=[Optional(), Length(max=CITY_MAX_LENGTH)],
                       description=_l("Needed for a new organisation."))
    website = StringField(_l("Website"), validators=[Optional(), Length(max=WEBSITE_MAX_LENGTH)],
                          render_kw={"inputmode": "url"})
    description = TextAreaField(_l("What your organisation does"), validators=[
        Optional(), Length(max=DESCRIPTION_MAX_LENGTH, message=_l("Use at most %(max)d characters."))])


class AcademicRegistrationForm(FlaskForm):
    name = _name_field()
    email = _email_field()
    password = _new_password_field()
    confirm = _confirm_field()
    language = _language_field()
    department = Select(_l("Department"), validators=[DataRequired(_l("Choose your department."))])
    suggest_to_organisations = BooleanField(
        _l("Suggest me to organisations whose challenges fit my expertise"), default=True,
        description=_l("Organisations then see your name, department and the words you share with their challenge. "
                       "You can change this at any time on your profile."))


class ForgotPasswordForm(FlaskForm):
    email = _email_field()


class ResetPasswordForm(FlaskForm):
    password = _new_password_field(_l("New password"))
    confirm = _confirm_field()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(_l("Enter your current password."))], render_kw={"autocomplete": "current-password"})
    password = _new_password_field(_l("New password"))
    confirm = _confirm_field()


# The account page holds several forms at once: their fields have names of their own, so no id repeats.

class ChangeNameForm(FlaskForm):
    full_name = StringField(_l("Your name"), validators=[
        DataRequired(_l("Enter your name.")), Length(max=120, message=_l("Use at most %(max)d characters."))],
        description=_l("Shown to the people you work with on the platform."), render_kw={"autocomplete": "name"})


class ChangeLanguageForm(FlaskForm):
    language = Select(_l("Language for e-mails and pages"), choices=LANGUAGE_CHOICES, validate_choice=False,
                           validators=[DataRequired(_l("Choose Italiano or English."))])

    def validate_language(self, field) -> None:
        # The default message of a select names the internal codes; this one names what the person sees.
        if field.data not in {choice.value for choice in LANGUAGE_CHOICES}:
            raise ValidationError(_l("Choose Italiano or English."))


class ChangeEmailForm(FlaskForm):
    new_email = EmailField(_l("New e-mail address"), validators=[
        DataRequired(_l("Enter the new e-mail address.")),
        Email(_l("Enter a valid e-mail address, such as name@example.org.")),
        Length(max=254, message=_l("Use at most %(max)d characters."))],
        description=_l("We send a link to it: the address changes when you open the link."),
        render_kw={"autocomplete": "email"})
    email_current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(_l("Enter your current password."))], render_kw={"autocomplete": "current-password"})


class ApiTokenForm(FlaskForm):
    name = StringField(_l("Token name"), validators=[
        DataRequired(_l("Give the token a name, such as the tool that will use it.")),
        Length(max=80, message=_l("Use at most %(max)d characters."))])
    days = IntegerField(_l("Valid for (days)"), validators=[
        Optional(), NumberRange(min=1, max=TOKEN_MAX_DAYS,
                                message=_l("Choose a whole number of days between %(min)s and %(max)s."))],
        render_kw={"inputmode": "numeric", "min": 1, "max": TOKEN_MAX_DAYS})

    def __init__(self, *args, default_days: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.days.description = (_l("Leave empty for %(n)d days.", n=default_days) if default_days
                                 else _l("Leave empty for a token that never expires."))


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""

