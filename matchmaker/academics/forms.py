"""Forms for an academic's profile and publications."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from matchmaker.academics.models import AcademicRole
from matchmaker.academics.services import BIOGRAPHY_MAX, LANGUAGES
from matchmaker.forms import Needed, Select, VersionedForm, confirm_field
from matchmaker.labels import LANGUAGE_NAMES, choices_for


class ProfileForm(VersionedForm):
    department = Select(_l("Department"), validators=[Needed()])
    academic_role = Select(_l("Role"), choices=[SelectChoice("", _l("Choose…")), *choices_for(AcademicRole)])
    biography = TextAreaField(_l("Short biography"), render_kw={"rows": 5, "maxlength": BIOGRAPHY_MAX},
                              description=_l("A few sentences on what you work on and with whom."))
    expertise = StringField(_l("Expertise keywords"),
                            description=_l("Separated by commas, for example: energy poverty, building retrofit."))
    sdgs = SelectMultipleField(_l("Sustainable Development Goals"), choices=[], validate_choice=False)
    languages = SelectMultipleField(_l("Languages you work in"), validate_choice=False,
                                    choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES])
    capacity_per_semester = IntegerField(_l("New collaborations you can take each semester"), default=1,
                                         validators=[Optional(), Needed()], render_kw={"min": 0, "max": 50})
    available = BooleanField(_l("I am available for new collaborations now"))
    suggest_to_organisations = BooleanField(
        _l("Suggest me to organisations whose challenges fit my expertise"),
        description=_l("Organisations then see your name, department and the words you share with their challenge. "
                       "Untick it and no one outside the university sees you among the suggestions."))
    directory_opt_in = BooleanField(_l("Show my profile in the public directory"),
                                    description=_l("A separate choice: anyone can then find your profile in the "
                                                   "People pages."))

    def service_data(self) -> dict:
        return {
            "department": self.department.data, "academic_role": self.academic_role.data or None,
            "biography": self.biography.data or "", "expertise": self.expertise.data or "",
            "sdgs": self.sdgs.data or [], "languages": self.languages.data or [],
            "capacity_per_semester": self.capacity_per_semester.data, "available": bool(self.available.data),
            "directory_opt_in": bool(self.directory_opt_in.data),
            "suggest_to_organisations": bool(self.suggest_to_organisations.data),
        }


class PublicationForm(FlaskForm):
    title = StringField(_l("Title"), validators=[Needed()], render_kw={"maxlength": 500})
    abstract = TextAreaField(_l("Abstract"), render_kw={"rows": 4})
    year = IntegerField(_l("Year"), validators=[Optional()], render_kw={"min": 1900, "max": 2100})


class RemovePublicationForm(FlaskForm):
    confirm = confirm_field(_l("The publication leaves your profile and no longer counts for your suggestions."))


class PublicationUploadForm(FlaskForm):
    file = FileField(_l("BibTeX (.bib) or CSV file"), validators=[Needed()],
                     description=_l("A CSV needs a first line naming the columns: title, abstract, year, venue, url."))
