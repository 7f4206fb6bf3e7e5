"""The initiative forms: the register's entry, a picture with its alt text, the coordinators' curation.
Length and content rules live in the service."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FileField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from matchmaker.forms import Needed, Select, VersionedForm, confirm_field
from matchmaker.initiatives import services
from matchmaker.initiatives.models import InitiativeStatus, InterventionKind
from matchmaker.labels import choices_for
from matchmaker.reference.models import Scale

MILESTONE_ROWS, LINK_ROWS = 4, 3  # empty rows offered beyond those filled


class MilestoneRow(Form):
    title = StringField(_l("Milestone"), render_kw={"maxlength": services.MILESTONE_MAX})
    due_on = DateField(_l("Date"), validators=[Optional()])
    done = BooleanField(_l("Done"))


class LinkRow(Form):
    label = StringField(_l("Label"), render_kw={"maxlength": services.LABEL_MAX})
    url = StringField(_l("Web address"), render_kw={"maxlength": services.URL_MAX, "inputmode": "url"},
                      description=_l("Starting with https:// or http://."))


class InitiativeForm(VersionedForm):
    title = StringField(_l("Title"), validators=[Needed()],
                        render_kw={"maxlength": services.TITLE_MAX, "minlength": services.TITLE_MIN})
    summary = TextAreaField(_l("Summary"), validators=[Needed()],
                            render_kw={"maxlength": services.SUMMARY_MAX, "rows": 3},
                            description=_l("What the initiative does, for whom, in a few lines."))
    description = TextAreaField(_l("Description"), render_kw={"maxlength": services.DESCRIPTION_MAX, "rows": 8},
                                description=_l("Markdown is welcome."))
    partner_story = TextAreaField(_l("The story in the partner's words"),
                                  render_kw={"maxlength": services.STORY_MAX, "rows": 4},
                                  description=_l("What the partner organisation says about it, as they said it."))
    kind = Select(_l("Kind of intervention"), validators=[Needed()],
                  choices=[SelectChoice("", _l("Choose…")), *choices_for(InterventionKind)])
    status = Select(_l("Status"), validators=[Needed()], choices=choices_for(InitiativeStatus))
    place = StringField(_l("Place"), render_kw={"maxlength": services.PLACE_MAX},
                        description=_l("A neighbourhood, a town, a region."))
    reach = Select(_l("Reach"), validators=[Needed()], choices=choices_for(Scale), default=Scale.CITY.value)
    starts_on = DateField(_l("Start date"), validators=[Optional()])
    ends_on = DateField(_l("End date"), validators=[Optional()])
    progress = IntegerField(_l("Progress (%)"), validators=[Optional()], render_kw={"min": 0, "max": 100},
                            description=_l("Only if you track it: from 0 to 100."))
    sdgs = SelectMultipleField(_l("Sustainable Development Goals"), choices=[], validate_choice=False)
    departments = SelectMultipleField(_l("Departments"), choices=[], validate_choice=False)
    lead_emails = TextAreaField(_l("Lead academics"), render_kw={"rows": 2},
                                description=_l("Their university e-mail addresses, one per line. They may edit the "
                                               "initiative and are shown by name."))
    other_people = TextAreaField(_l("Other people"), render_kw={"rows": 2},
                                 description=_l("Names of people without an account here, one per line."))
    organisation_ids = SelectMultipleField(_l("Partner organisations registered here"), choices=[],
                                           validate_choice=False)
    partner_names = TextAreaField(_l("Other partner organisations"), render_kw={"rows": 2},
                                  description=_l("Their names, one per line."))
    milestones = FieldList(FormField(MilestoneRow), min_entries=MILESTONE_ROWS, max_entries=services.MAX_MILESTONES)
    links = FieldList(FormField(LinkRow), min_entries=LINK_ROWS, max_entries=services.MAX_LINKS)

    def service_data(self) -> dict:
        return {
            "title": self.title.data or "", "summary": self.summary.data or "",
            "description": self.description.data or "", "partner_story": self.partner_story.data or "",
            "kind": self.kind.data or "", "status": self.status.data or "", "place": self.place.data or "",
            "reach": self.reach.data or "", "starts_on": self.starts_on.data, "ends_on": self.ends_on.data,
            "progress": self.progress.data, "sdgs": self.sdgs.data or [], "departments": self.departments.data or [],
            "lead_emails": self.lead_emails.data or "", "other_people": self.other_people.data or "",
            "organisation_ids": self.organisation_ids.data or [], "partner_names": self.partner_names.data or "",
            "milestones": [row.data for row in self.milestones],
            "links": [row.data for row in self.links],
        }


class ImageForm(FlaskForm):
    file = FileField(_l("Picture (PNG, JPEG or WebP)"), validators=[Needed()])
    alt_text = StringField(_l("Alt text"), validators=[Needed()], render_kw={"maxlength": services.ALT_MAX},
                           description=_l("What the picture shows, for people who cannot see it."))


class MergeForm(FlaskForm):
    keep = StringField(_l("Number of the initiative to keep"), validators=[Needed()],
                       render_kw={"inputmode": "numeric"},
                       description=_l("This one is hidden as merged into it, and its page leads there."))
    reason = TextAreaField(_l("Reason"), render_kw={"rows": 2, "maxlength": 1000})
    confirm = confirm_field()


class ImportUploadForm(FlaskForm):
    file = FileField(_l("Spreadsheet (CSV or XLSX)"), validators=[Needed()],
                     description=_l("CSV in UTF-8 (comma or semicolon) or an Excel workbook (.xlsx, first sheet), "
                                    "at most 10 MB and 20,000 rows, with the columns of the template."))


class ImportConfirmForm(FlaskForm):
    """The second step: the kept upload, by its key (never a file name), and which rows to import."""

    upload = HiddenField()
