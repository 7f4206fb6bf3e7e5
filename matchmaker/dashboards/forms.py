"""The coordinators' note form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from matchmaker.dashboards.services import NOTE_MAX


class NoteForm(FlaskForm):
    body = TextAreaField(_l("Private note (only coordinators read it)"),
                         validators=[DataRequired(message=_l("Write the note first.")), Length(max=NOTE_MAX)],
                         render_kw={"rows": 3, "maxlength": NOTE_MAX})
