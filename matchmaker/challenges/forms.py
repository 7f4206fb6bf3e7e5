"""The challenge form. Length and content rules live in the service, shared with the API."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from matchmaker.challenges import services
from matchmaker.challenges.models import Visibility
from matchmaker.forms import Needed, Radio, Select, VersionedForm, confirm_field
from matchmaker.labels import choices_for
from matchmaker.reference.models import HelpKind, Scale


def sdg_choices(sdgs, language: str) -> list[SelectChoice]:
    return [SelectChoice(str(s.number), f"{s.number}. {s.name_in(language)}") for s in sdgs]


class CloseChallengeForm(FlaskForm):
    """Closing is final: a closed challenge cannot be opened again."""

    confirm = confirm_field(_l("A closed challenge cannot be opened again; it stays readable."))


class ChallengeForm(VersionedForm):
    title = StringField(_l("Title"), validators=[Needed()],
                        render_kw={"maxlength": services.TITLE_MAX, "minlength": services.TITLE_MIN},
                        description=_l("A short sentence that says what you need, at least %(n)d characters.",
                                       n=services.TITLE_MIN))
    summary = TextAreaField(_l("Summary"), validators=[Needed()],
                            render_kw={"maxlength": services.SUMMARY_MAX, "minlength": services.SUMMARY_MIN,
                                       "rows": 3},
                            description=_l("One paragraph, at least %(n)d characters: shown in lists and search "
                                           "results.", n=services.SUMMARY_MIN))
    description = TextAreaField(
        _l("Description"), render_kw={"maxlength": services.DESCRIPTION_MAX, "rows": 10},
        description=_l("The context, who is involved, what you hope to achieve. You can use Markdown: "
                       "**bold**, *italic*, lists with -, links."))
    kind = Select(_l("Kind of help sought"), validators=[Needed()],
                       choices=[SelectChoice("", _l("Choose…")), *choices_for(HelpKind)])
    sdgs = SelectMultipleField(_l("Sustainable Development Goals"), choices=[], validate_choice=False,
                               description=_l("The goals this challenge contributes to."))
    keywords = StringField(_l("Keywords"), description=_l("Separated by commas, for example: housing, elderly, "
                                                          "energy poverty."))
    place = StringField(_l("Place"), render_kw={"maxlength": services.PLACE_MAX},
                        description=_l("Neighbourhood, town or area, for example: Barriera di Milano, Torino."))
    scale = Select(_l("Scale"), choices=choices_for(Scale), default=Scale.CITY.value)
    resources = TextAreaField(_l("What your organisation brings"),
                              render_kw={"maxlength": services.RESOURCES_MAX, "rows": 3},
                              description=_l("Spaces, data, volunteers, contacts, funding…"))
    deadline = DateField(_l("Deadline"), validators=[Optional()], format="%Y-%m-%d",
                         description=_l("Optional: the date by which you need an answer."))
    visibility = Radio(_l("Who can read it"), choices=choices_for(Visibility), default=Visibility.PUBLIC.value)

    def service_data(self) -> dict:
        """The fields as the service expects them."""
        return {
            "title": self.title.data or "", "summary": self.summary.data or "",
            "description": self.description.data or "", "kind": self.kind.data or "",
            "sdgs": self.sdgs.data or [], "keywords": self.keywords.data or "", "place": self.place.data or "",
            "scale": self.scale.data, "resources": self.resources.data or "", "deadline": self.deadline.data,
            "visibility": self.visibility.data,
        }

