"""Open-data files as text: CSV by RFC 4180 (UTF-8, CRLF, quoted where needed, a header even with no rows) and
JSON, each a whole document, so a reader never meets an empty or broken file."""
import csv
import io
import json

# A spreadsheet runs a cell beginning with one of these as a formula (CSV injection). Free-text cells that begin
# so get a leading apostrophe, which spreadsheets hide and programs can strip; numbers, codes and dates never do.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


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
