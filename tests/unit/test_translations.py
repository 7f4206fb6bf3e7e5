"""An Italian reader never meets an English sentence: every message in the code has an Italian translation."""
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
METHODS = [("matchmaker/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]


def _messages_in_source() -> set[str]:
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), METHODS, keywords=KEYWORDS, options_map={"**.html": {}, "**.txt": {}}):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _italian_catalogue():
    with open(ROOT / "matchmaker/translations/it/LC_MESSAGES/messages.po", "rb") as po_file:
        return read_po(po_file, locale="it")


def test_every_message_of_the_interface_has_an_italian_translation():
    catalogue = _italian_catalogue()
    missing = sorted(m for m in _messages_in_source() if not (catalogue.get(m) and catalogue.get(m).string))
    assert not missing, f"{len(missing)} messages without Italian (run `make extract-messages`):\n" + "\n".join(missing)


def test_italian_translations_keep_every_placeholder():
    placeholder = re.compile(r"%\(\w+\)[sd]")
    broken = []
    for message in _italian_catalogue():
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        translations = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(set(placeholder.findall(sources[-1])))
        for translation in translations:
            if translation and sorted(set(placeholder.findall(translation))) != expected:
                broken.append(sources[0])
    assert not broken, f"placeholders differ in: {broken}"
