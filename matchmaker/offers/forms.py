"""The offer form. Length and content rules live in the service, shared with the API."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from matchmaker.forms import Needed, Select, VersionedForm
from matchmaker.labels import choices_for
from matchmaker.offers import services
from matchmaker.reference.models import HelpKind


class OfferForm(VersionedForm):
    title = StringField(_l("Title"), validators=[Needed()],
                        render_kw={"maxlength": services.TITLE_MAX, "minlength": services.TITLE_MIN},
                        description=_l("What you offer, in a few words (at least %(n)d characters).",
                                       n=services.TITLE_MIN))
    description = TextAreaField(
        _l("Description"), validators=[Needed()], render_kw={"maxlength": services.DESCRIPTION_MAX, "rows": 8},
        description=_l("What you can do, with whom, and what a partner should expect. Markdown is welcome."))
    kind = Select(_l("Kind of offer"), validators=[Needed()],
                       choices=[SelectChoice("", _l("Choose…")), *choices_for(HelpKind)])
    sdgs = SelectMultipleField(_l("Sustainable Development Goals"), choices=[], validate_choice=False)
    keywords = StringField(_l("Keywords"), description=_l("Separated by commas."))
    capacity = IntegerField(_l("How many collaborations at once"), default=1, validators=[Optional(), Needed()],
                            render_kw={"min": 1, "max": 100})
    available_from = DateField(_l("Available from"), validators=[Optional()])
    available_until = DateField(_l("Available until"), validators=[Optional()])

    def service_data(self) -> dict:
        return {
            "title": self.title.data or "", "description": self.description.data or "", "kind": self.kind.data or "",
            "sdgs": self.sdgs.data or [], "keywords": self.keywords.data or "",
            "capacity": self.capacity.data,
            "available_from": self.available_from.data, "available_until": self.available_until.data,
        }
