"""Reading publication lists people export from their reference managers: BibTeX and CSV. Pure Python."""
import csv
import io
import re
from dataclasses import dataclass
from datetime import date

MAX_ENTRIES = 500
EARLIEST_YEAR = 1800


@dataclass
class ParsedPublication:
    title: str
    abstract: str = ""
    year: int | None = None
    venue: str = ""
    url: str | None = None


class PublicationFileError(ValueError):
    """The file cannot be read as the format it claims; the message says where and why."""


_ENTRY_START = re.compile(r"@\s*(\w+)\s*[{(]")
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\s*(?:\{([^{}]*)\})?")


def _clean_bibtex_value(value: str) -> str:
    value = _LATEX_COMMAND.sub(lambda m: m.group(1) or "", value)
    value = value.replace("{", "").replace("}", "").replace("~", " ")
    return " ".join(value.split())


def _read_braced(text: str, start: int) -> tuple[str, int]:
    """The text inside the brace at `start` (nested braces kept), and the index after its closing brace."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:index], index + 1
    raise PublicationFileError("a brace is never closed")


def _parse_fields(body: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    index = body.find(",") + 1  # skip the citation key
    field_name = re.compile(r"\s*([A-Za-z][\w-]*)\s*=\s*")
    while index < len(body):
        match = field_name.match(body, index)
        if not match:
            index += 1
            continue
        name, index = match.group(1).lower(), match.end()
        if index < len(body) and body[index] == "{":
            value, index = _read_braced(body, index)
        elif index < len(body) and body[index] == '"':
            end = body.find('"', index + 1)
            if end == -1:
                raise PublicationFileError(f"the value of “{name}” has no closing quote")
            value, index = body[index + 1:end], end + 1
        else:
            end = body.find(",", index)
            end = len(body) if end == -1 else end
            value, index = body[index:end], end
        fields[name] = _clean_bibtex_value(value)
        comma = body.find(",", index)
        index = len(body) if comma == -1 else comma + 1
    return fields


def parse_bibtex(text: str) -> list[ParsedPublication]:
    """Every entry with a title; @string, @comment and @preamble are skipped."""
    publications = []
    position = 0
    # Each block is read to its closing brace before looking for the next, so an "@" inside a comment,
    # an abstract or a skipped block is never taken for an entry.
    while match := _ENTRY_START.search(text, position):
        kind = match.group(1).lower()
        try:
            body, position = _read_braced(text, match.end() - 1)
        except PublicationFileError as error:
            line = text.count("\n", 0, match.start()) + 1
            raise PublicationFileError(f"entry at line {line}: {error}") from None
        if kind in {"string", "comment", "preamble"}:
            continue
        fields = _parse_fields(body)
        if not fields.get("title"):
            continue
        try:
            publications.append(_publication(fields.get("title", ""), fields.get("abstract", ""),
                                             fields.get("year"), fields.get("journal") or fields.get("booktitle") or "",
                                             fields.get("url") or (f"https://doi.org/{fields['doi']}"
                                                                   if fields.get("doi") else None)))
        except PublicationFileError as error:
            line = text.count("\n", 0, match.start()) + 1
            raise PublicationFileError(f"entry at line {line}: {error}") from None
    return publications


def parse_csv(text: str) -> list[ParsedPublication]:
    """Rows of a CSV with a header naming at least a `title` column (also: abstract, year, venue, url)."""
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    try:
        header = {(name or "").strip().lower(): name for name in (reader.fieldnames or [])}
        if "title" not in header:
            raise PublicationFileError("the first line must name the columns, including “title”")
        publications = []
        for row in reader:
            value = {key: (row.get(original) or "").strip() for key, original in header.items()}
            if value.get("title"):
                try:
                    publications.append(_publication(value["title"], value.get("abstract", ""), value.get("year"),
                                                     value.get("venue", ""), value.get("url") or None))
                except PublicationFileError as error:
                    raise PublicationFileError(f"line {reader.line_num}, column “year”: {error}") from None
    except csv.Error as error:
        # The DictReader counts only rows it returned; its inner reader knows the line that failed.
        raise PublicationFileError(f"line {reader.reader.line_num}: {_csv_problem(error)}") from None
    return publications


def _csv_problem(error: csv.Error) -> str:
    """What the csv module's complaint means for someone who exported the file from a spreadsheet."""
    if "field larger than field limit" in str(error):
        return f"a cell is longer than {csv.field_size_limit():,} characters"
    if "new-line character seen in unquoted field" in str(error):
        return "a cell holds a line break (a carriage return) but is not in double quotes"
    return "the line is not valid CSV"


def _publication(title, abstract, year, venue, url) -> ParsedPublication:
    return ParsedPublication(title=title[:500], abstract=abstract[:10_000], year=_year(year), venue=venue[:300],
                             url=url[:500] if url else None)


def _year(raw) -> int | None:
    """The year as a number; words such as "in press" are no year. A number no publication can have is refused."""
    text = str(raw or "").strip()
    if not re.fullmatch(r"[0-9]+", text):
        return None
    latest = date.today().year + 1  # accepted papers carry next year's date
    # The length is checked first: int() of thousands of digits raises, and the column holds four.
    if len(text) > 4 or not EARLIEST_YEAR <= int(text) <= latest:
        shown = text if len(text) <= 8 else text[:8] + "…"
        raise PublicationFileError(f"the year {shown} is not between {EARLIEST_YEAR} and {latest}")
    return int(text)


def parse_publication_file(filename: str, content: bytes) -> list[ParsedPublication]:
    """Parse by the file's ending (.bib or .csv). Raises PublicationFileError with a readable reason."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    if "\x00" in text:
        # NUL cannot be stored; a file full of them was most likely saved as UTF-16.
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise PublicationFileError(f"line {line} holds an invisible NUL character: save the file as UTF-8 text "
                                   "and upload it again")
    lower = (filename or "").lower()
    if lower.endswith(".bib"):
        publications = parse_bibtex(text)
    elif lower.endswith(".csv"):
        publications = parse_csv(text)
    else:
        raise PublicationFileError("use a .bib (BibTeX) or .csv file")
    if not publications:
        raise PublicationFileError("no publication with a title was found in the file")
    if len(publications) > MAX_ENTRIES:
        raise PublicationFileError(f"the file has more than {MAX_ENTRIES} publications")
    return publications
