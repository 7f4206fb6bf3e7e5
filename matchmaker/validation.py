"""Checking what people send (from a form or the API) field by field, with a message for each problem.

Services use a Checker so that the web pages and the API refuse the same things with the same words.
"""
import enum
import unicodedata
from datetime import date

from flask_babel import gettext as _

from matchmaker.errors import ValidationFailed
from matchmaker.labels import choose_one_of
from matchmaker.text import split_keywords

SDG_NUMBERS = range(1, 18)
MAX_DATABASE_ID = 2**31 - 1  # PostgreSQL's integer: no row has a larger id
ORDINARY_CONTROL_CHARACTERS = frozenset("\t\n\r")


def database_id(value) -> int | None:
    """`value` as a row id if it is a whole number a row can have (true and false are not), otherwise None."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_DATABASE_ID:
        return value
    return None


def first_control_character(text: str) -> str | None:
    """The first invisible control character in `text` other than tabs and line breaks, if any."""
    return next((c for c in text if c not in ORDINARY_CONTROL_CHARACTERS and unicodedata.category(c) == "Cc"), None)


class Checker:
    """Collects cleaned values and per-field errors; `done()` raises them all at once."""

    def __init__(self, data: dict, *, partial: bool = False) -> None:
        self.data = data
        self.partial = partial  # a PATCH checks only the fields it was given
        self.clean: dict = {}
        self.errors: dict[str, list[str]] = {}

    def wants(self, name: str) -> bool:
        return not self.partial or name in self.data

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def text(self, name: str, *, max_length: int, min_length: int = 0, required: bool = False,
             multiline: bool = True) -> None:
        if not self.wants(name):
            return
        value = self.data.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            return self.fail(name, _("This must be a text."))
        value = value.strip() if multiline else " ".join(value.split())
        if required and not value:
            return self.fail(name, _("This field is required."))
        if (control := first_control_character(value)) is not None:
            return self.fail(name, _control_character_message(control))
        if len(value) > max_length:
            return self.fail(name, _("Use at most %(n)d characters (now %(count)d).", n=max_length,
                                     count=len(value)))
        if value and len(value) < min_length:
            return self.fail(name, too_short_message(min_length, len(value)))
        self.clean[name] = value

    def choice(self, name: str, enum_class: type[enum.Enum], *, required: bool = True) -> None:
        if not self.wants(name):
            return
        value = self.data.get(name)
        if value in (None, "") and not required:
            self.clean[name] = None
            return
        try:
            self.clean[name] = enum_class(value)
        except ValueError:
            self.fail(name, choose_one_of(enum_class))

    def sdgs(self, name: str = "sdgs") -> None:
        if not self.wants(name):
            return
        values = self.data.get(name) or []
        if not isinstance(values, list | tuple):
            return self.fail(name, _("Give the goals as a list of numbers from 1 to 17."))
        numbers = []
        for value in values:
            try:
                number = int(value)
            except (TypeError, ValueError, OverflowError):  # OverflowError: int() of an infinite float
                number = 0
            if isinstance(value, bool) or number not in SDG_NUMBERS:
                return self.fail(name, _("%(value)s is not a Sustainable Development Goal: use numbers from 1 to "
                                         "17.", value=value))
            numbers.append(number)
        self.clean[name] = sorted(set(numbers))

    def keywords(self, name: str, *, max_count: int = 15, max_length: int = 40) -> None:
        if not self.wants(name):
            return
        value = self.data.get(name)
        if value is not None and not isinstance(value, str | list):
            return self.fail(name, _("Give the keywords as a list of texts."))
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            return self.fail(name, _("Give the keywords as a list of texts."))
        keywords = split_keywords(value)
        if (control := next(filter(None, map(first_control_character, keywords)), None)) is not None:
            return self.fail(name, _control_character_message(control))
        if len(keywords) > max_count:
            return self.fail(name, _("Use at most %(n)d keywords.", n=max_count))
        too_long = [k for k in keywords if len(k) > max_length]
        if too_long:
            return self.fail(name, _("Keep each keyword within %(n)d characters: “%(keyword)s” is longer.",
                                     n=max_length, keyword=too_long[0][:60]))
        self.clean[name] = keywords

    def day(self, name: str, *, required: bool = False, not_before: date | None = None) -> None:
        if not self.wants(name):
            return
        value = self.data.get(name)
        if value in (None, ""):
            if required:
                return self.fail(name, _("This field is required."))
            self.clean[name] = None
            return
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                return self.fail(name, _("Give a date as YYYY-MM-DD, for example 2027-03-31."))
        if not isinstance(value, date):
            return self.fail(name, _("Give a date as YYYY-MM-DD, for example 2027-03-31."))
        if not_before and value < not_before:
            return self.fail(name, _("This date is in the past: choose today or a later day."))
        self.clean[name] = value

    def integer(self, name: str, *, minimum: int, maximum: int, required: bool = True) -> None:
        if not self.wants(name):
            return
        value = self.data.get(name)
        if value in (None, "") and not required:
            return
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):  # OverflowError: int() of an infinite float
            number = None
        if isinstance(value, bool) or number is None or (isinstance(value, float) and not value.is_integer()):
            return self.fail(name, _("Give a whole number."))
        if not minimum <= number <= maximum:
            return self.fail(name, _("Give a number from %(min)d to %(max)d.", min=minimum, max=maximum))
        self.clean[name] = number

    def boolean(self, name: str) -> None:
        if not self.wants(name):
            return
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            return self.fail(name, _("Give true or false."))
        self.clean[name] = value

    def unknown_fields(self, allowed: set[str]) -> None:
        """Refuse fields nobody can set, so a typo in an API call is not silently ignored."""
        for name in sorted(set(self.data) - allowed):
            self.fail(name, _("This field does not exist or cannot be changed here."))

    def done(self) -> dict:
        if self.errors:
            raise ValidationFailed(_("Some fields are missing or wrong."), self.errors)
        return self.clean


def too_short_message(minimum: int, count: int) -> str:
    return _("Use at least %(n)d characters (now %(count)d): say a little more.", n=minimum, count=count)


def _control_character_message(character: str) -> str:
    return _("Remove the invisible control character (U+%(code)s) from this text: it cannot be saved.",
             code=f"{ord(character):04X}")
