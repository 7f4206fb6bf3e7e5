"""The notification preferences form: for each kind of notification, how it reaches the person."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from matchmaker.notifications.models import DeliveryMode, NotificationKind

KIND_LABELS = {
    NotificationKind.INVITATION: _l("A proposal is started with you on it"),
    NotificationKind.MOVE: _l("A proposal you are on changes stage"),
    NotificationKind.MESSAGE: _l("Someone writes on a proposal you are on"),
    NotificationKind.REMINDER: _l("A proposal waits for your answer"),
    NotificationKind.STALLED: _l("A proposal is stalled (coordinators)"),
}
MODE_LABELS = {
    DeliveryMode.IMMEDIATE: _l("Immediately (here and by e-mail)"),
    DeliveryMode.DIGEST: _l("Here, and by e-mail in a daily digest"),
    DeliveryMode.OFF: _l("Not at all"),
}
WRONG_MODE = _l("Choose immediately, a daily digest, or not at all.")


def _mode_field(kind: NotificationKind) -> SelectField:
    choices = [SelectChoice(mode.value, label) for mode, label in MODE_LABELS.items()]
    return SelectField(KIND_LABELS[kind], choices=choices, default=DeliveryMode.IMMEDIATE.value, validate_choice=True)


class PreferencesForm(FlaskForm):
    invitation = _mode_field(NotificationKind.INVITATION)
    move = _mode_field(NotificationKind.MOVE)
    message = _mode_field(NotificationKind.MESSAGE)
    reminder = _mode_field(NotificationKind.REMINDER)
    stalled = _mode_field(NotificationKind.STALLED)

    def kind_fields(self, coordinator: bool):
        """The fields this person has a use for: only coordinators hear of stalled proposals."""
        return [self[kind.value] for kind in NotificationKind if coordinator or kind is not NotificationKind.STALLED]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for kind in NotificationKind:
            field = self[kind.value]
            if field.errors:
                field.errors = [str(WRONG_MODE)]
        return valid

    def modes(self, coordinator: bool) -> dict[NotificationKind, DeliveryMode]:
        return {NotificationKind(field.name): DeliveryMode(field.data) for field in self.kind_fields(coordinator)}
