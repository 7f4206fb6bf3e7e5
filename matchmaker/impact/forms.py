"""The forms of impact values: recording or editing a value with its source, disputing it, e-mailing a partner a
confirmation link, and the partner's answer from that link. What is allowed is the services' to say."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FileField, StringField, TextAreaField

from matchmaker.forms import Needed, Select
from matchmaker.impact import values
from matchmaker.impact.models import OutcomeKind


class ValueForm(FlaskForm):
    indicator_id = Select(_l("Indicator"), validators=[Needed()], choices=[], validate_choice=False,
                          description=_l("One of the catalogue, or “A new indicator” to describe your own below."))
    custom_name = StringField(_l("Name of the new indicator"), render_kw={"maxlength": values.NAME_MAX},
                              description=_l("Only for a new indicator: what is counted, such as “Families "
                                             "supported”."))
    custom_unit = StringField(_l("Its unit"), render_kw={"maxlength": values.UNIT_MAX},
                              description=_l("Such as families, kg, hours."))
    custom_outcome = Select(_l("Kind of outcome it measures"), validate_choice=False, default=OutcomeKind.OTHER.value,
                            choices=[(kind.value, label) for kind, label in values.OUTCOME_LABELS.items()])
    year = StringField(_l("Year"), validators=[Needed()], render_kw={"inputmode": "numeric", "maxlength": 4,
                                                                      "autocomplete": "off"},
                       description=_l("The calendar year the value is for."))
    value = StringField(_l("Value"), validators=[Needed()], render_kw={"inputmode": "decimal", "maxlength": 40,
                                                                        "autocomplete": "off"},
                        description=_l("A number, 0 or more: 1250, or 12,5 with a decimal comma."))
    method = TextAreaField(_l("How it was measured"), validators=[Needed()],
                           render_kw={"rows": 3, "maxlength": values.METHOD_MAX},
                           description=_l("Such as: sign-in sheets of the 12 workshops; the partner's register."))
    measured_by = StringField(_l("Measured by"), validators=[Needed()],
                              render_kw={"maxlength": values.MEASURED_BY_MAX},
                              description=_l("Who counted it: a person, an office, the partner organisation."))
    evidence_url = StringField(_l("Evidence link"), render_kw={"maxlength": values.URL_MAX, "inputmode": "url"},
                               description=_l("Optional: a public page or document that shows it, starting with "
                                              "https:// or http://."))
    evidence_file = FileField(_l("Evidence document"),
                              description=_l("Optional: PDF, ODT, DOCX, PNG or JPEG, at most 5 MB. Only those who "
                                             "may see the value can download it."))
    remove_evidence = BooleanField(_l("Remove the evidence document"))

    def service_data(self) -> dict:
        return {"indicator_id": self.indicator_id.data or "", "custom_name": self.custom_name.data or "",
                "custom_unit": self.custom_unit.data or "", "custom_outcome": self.custom_outcome.data or "",
                "year": (self.year.data or "").strip(), "value": self.value.data or "",
                "method": self.method.data or "", "measured_by": self.measured_by.data or "",
                "evidence_url": self.evidence_url.data or ""}


class DisputeForm(FlaskForm):
    reason = TextAreaField(_l("Why do you dispute it?"), validators=[Needed()],
                           render_kw={"rows": 3, "maxlength": values.REASON_MAX},
                           description=_l("The academics and the coordinators read it; the public only sees that "
                                          "the value is disputed."))


class LinkForm(FlaskForm):
    email = StringField(_l("The partner's e-mail address"), validators=[Needed()],
                        render_kw={"maxlength": values.EMAIL_MAX, "inputmode": "email", "autocomplete": "off"},
                        description=_l("They receive a link to confirm or dispute this value, without an account. "
                                       "The address is never shown to anyone."))
    language = Select(_l("Language of the e-mail"), choices=[("it", "Italiano"), ("en", "English")])


class PartnerConfirmForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[Needed()], render_kw={"maxlength": values.PARTNER_NAME_MAX,
                                                                           "autocomplete": "name"},
                       description=_l("Shown on the initiative's page beside the confirmation."))
    organisation = StringField(_l("Your organisation"), validators=[Needed()],
                               render_kw={"maxlength": values.ORGANISATION_MAX, "autocomplete": "organization"})


class PartnerDisputeForm(FlaskForm):
    reason = TextAreaField(_l("What is wrong with it?"), validators=[Needed()],
                           render_kw={"rows": 3, "maxlength": values.REASON_MAX},
                           description=_l("The academics and the coordinators read it; the public only sees that "
                                          "the value is disputed."))
