"""Form helpers shared by every feature: service errors onto fields, the required mark, choices named in words,
the "I confirm" box of final actions, and the small forms many pages use."""
from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from matchmaker.errors import ValidationFailed


def show_service_errors(form: FlaskForm, error: ValidationFailed, field_names: dict[str, str] | None = None) -> None:
    """Attach the service's messages to the matching fields, so they appear beside what the person typed."""
    field_names = field_names or {}
    unplaced: list[str] = []
    for service_field, messages in error.fields.items():
        field = getattr(form, field_names.get(service_field, service_field), None)
        if field is None:
            unplaced.extend(messages)
            continue
        field.errors = list(field.errors or []) + list(messages)
    if unplaced or not error.fields:
        # Field errors show beside their fields and in the form's summary; anything else is flashed.
        flash(" ".join(unplaced) or error.message, "danger")


class NamesItsOptions:
    """A choice field whose refusal lists the options by their labels, never by the codes the page sends."""

    def pre_validate(self, form) -> None:
        try:
            super().pre_validate(form)
        except ValidationError:
            labels = ", ".join(str(choice.label) for choice in self.iter_choices() if choice.value not in ("", None))
            raise ValidationError(_("Choose one of the options: %(options)s.", options=labels)) from None


class Select(NamesItsOptions, SelectField):
    pass


class Radio(NamesItsOptions, RadioField):
    pass


class Needed:
    """Marks a field required on the page (the asterisk, `required`, `aria-required`) where the service, shared
    with the API, is what checks it: the form adds no message of its own, so both say the same words."""

    field_flags = {"required": True}

    def __call__(self, form, field) -> None:
        pass


def confirm_field(what_happens="") -> BooleanField:
    """The box a person ticks to confirm an action that cannot simply be undone; `what_happens` says what will
    (or the page says it, where one form serves several actions)."""
    return BooleanField(_l("I confirm"), description=what_happens, validators=[
        DataRequired(_l("Nothing was done: tick “I confirm” to confirm that you want to do this."))])


class VersionedForm(FlaskForm):
    """An edit form that carries the version of the item it was filled from, so that saving over someone
    else's newer changes is refused instead of silently undoing them."""

    version = HiddenField()

    def sent_version(self) -> int | None:
        """The version the form was filled from; None (last write wins) when absent, as in a new item's form."""
        raw = (self.version.data or "").strip()
        return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else None


class ButtonForm(FlaskForm):
    """A button that changes something; what it changes travels in the URL."""


class DecisionForm(FlaskForm):
    """A coordinator's decision: a reason (which the service may require) and the confirmation."""

    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=1000)])
    confirm = confirm_field()


class HideForm(FlaskForm):
    reason = TextAreaField(_l("Reason, shown to the owner"), render_kw={"rows": 2, "maxlength": 1000})
    confirm = confirm_field(_l("The public no longer sees it; the owner is told the reason."))
