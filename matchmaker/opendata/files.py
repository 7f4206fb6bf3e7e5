"""Open-data files as text: CSV by RFC 4180 (UTF-8, CRLF, quoted where needed, a header even with no rows) and
JSON, each a whole document, so a reader never meets an empty or broken file."""
import csv
import io
import json

from matchmaker.initiatives.table import spreadsheet_safe  # free-text cells never run as formulas


def csv_text(field_names, rows, text_fields=frozenset()) -> str:
    """The rows (dicts of strings) as a CSV document under the header `field_names`."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(field_names)
    for row in rows:
        writer.writerow([spreadsheet_safe(row[name]) if name in text_fields else row[name] for name in field_names])
    return buffer.getvalue()


def json_text(document) -> str:
    """Pretty enough to read, exact (no NaN: values are checked finite when recorded), UTF-8 as is."""
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
