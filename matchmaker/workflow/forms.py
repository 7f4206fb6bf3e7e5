"""The forms of the proposal pages: start, move, message, workspace, document."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, FieldList, FormField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from matchmaker.forms import VersionedForm
from matchmaker.workflow.services import MESSAGE_MAX, PLAN_FIELD_MAX, PROBLEM_STATEMENT_MAX, REASON_MAX
from matchmaker.workflow.stages import ACTION_PLAN_FIELDS

PLAN_LABELS = {
    "objectives": _l("Objectives"),
    "activities": _l("Activities"),
    "roles": _l("Roles of each side"),
    "timeline": _l("Timeline of the work"),
    "resources": _l("Resources"),
    "expected_indicators": _l("Expected impact indicators"),
}
PLAN_HINTS = {
    "objectives": _l("What the partnership wants to achieve."),
    "activities": _l("What will be done, step by step."),
    "roles": _l("Who does what: the organisation, the academics, students."),
    "timeline": _l("When each activity happens."),
    "resources": _l("People, places, equipment and money each side brings."),
    "expected_indicators": _l("How you will know it worked: what you will measure."),
}


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StartForm(FlaskForm):
    message = TextAreaField(_l("Your message"), validators=[DataRequired(_l("Write a message.")),
                                                            Length(max=MESSAGE_MAX)],
                            description=_l("Say why you think this fits and what you would like to do together."),
                            render_kw={"rows": 5, "maxlength": MESSAGE_MAX})
    academic_ids = MultiCheckboxField(_l("Academics to invite"), coerce=int, validate_choice=False)


class IndicatorForm(FlaskForm):
    class Meta:
        csrf = False

    indicator = StringField(_l("Indicator"), validators=[Length(max=200)])
    value = StringField(_l("Value (a number)"), validators=[Length(max=30)], render_kw={"inputmode": "decimal"})
    unit = StringField(_l("Unit"), validators=[Length(max=60)])
    method = StringField(_l("How it was measured"), validators=[Length(max=REASON_MAX)])


class PlanFields:
    """The six parts of an action plan, as text areas."""


for _part in ACTION_PLAN_FIELDS:
    setattr(PlanFields, _part, TextAreaField(PLAN_LABELS[_part], description=PLAN_HINTS[_part],
                                             validators=[Length(max=PLAN_FIELD_MAX)],
                                             render_kw={"rows": 3, "maxlength": PLAN_FIELD_MAX}))


class MoveForm(PlanFields, VersionedForm):
    """Everything a move may need; the page shows only what the chosen move needs, the service checks it."""

    reason_code = SelectField(_l("Reason"), choices=[], validate_choice=False)
    reason = TextAreaField(_l("In your own words"), validators=[Length(max=REASON_MAX)],
                           render_kw={"rows": 3, "maxlength": REASON_MAX})
    problem_statement = TextAreaField(_l("Shared problem statement"), validators=[Length(max=PROBLEM_STATEMENT_MAX)],
                                      description=_l("The problem both sides agree to work on, in a few sentences."),
                                      render_kw={"rows": 6, "maxlength": PROBLEM_STATEMENT_MAX})
    indicators = FieldList(FormField(IndicatorForm), min_entries=3, max_entries=10)
    confirm = BooleanField(_l("I confirm: this decision is final."))
    indicator_errors: list[str] = []

    def plan(self) -> dict:
        return {part: getattr(self, part).data or "" for part in ACTION_PLAN_FIELDS}

    def indicator_rows(self) -> list[dict]:
        return [{"indicator": row.indicator.data, "value": row.value.data, "unit": row.unit.data,
                 "method": row.method.data} for row in self.indicators]


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Message"), validators=[DataRequired(_l("Write a message.")), Length(max=MESSAGE_MAX)],
                         render_kw={"rows": 3, "maxlength": MESSAGE_MAX})


class ProblemStatementForm(VersionedForm):
    problem_statement = TextAreaField(_l("Shared problem statement"), validators=[Length(max=PROBLEM_STATEMENT_MAX)],
                                      render_kw={"rows": 8, "maxlength": PROBLEM_STATEMENT_MAX})


class ActionPlanForm(PlanFields, VersionedForm):
    def plan(self) -> dict:
        return {part: getattr(self, part).data or "" for part in ACTION_PLAN_FIELDS}


class DocumentForm(FlaskForm):
    file = FileField(_l("File"))
