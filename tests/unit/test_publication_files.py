"""Academics can bring their publication lists as BibTeX or CSV; broken files get a reason. No app needed."""
import pytest

from matchmaker.academics.publications import (
    PublicationFileError,
    parse_bibtex,
    parse_csv,
    parse_publication_file,
)

BIBTEX = r"""
@string{jclean = "Journal of Cleaner Production"}
@comment{exported by Zotero, with a @fake{entry, title={Not me}} inside}
@preamble{"\newcommand{\noop}[1]{}"}

@article{rossi2021,
  author  = {Rossi, Giulia and Bianchi, Marco},
  title   = {Energy {Poverty} in {T}urin: the \emph{Barriera di Milano} case},
  journal = {Energy Research \& Social Science},
  year    = {2021},
  doi     = {10.1016/j.erss.2021.102000},
}

@inproceedings{verdi2019,
  title = "Participatory mapping with schools",
  booktitle = "Proceedings of Urban Commons",
  year = 2019,
  abstract = {Pupils map their {neighbourhood}.},
}

@misc{untitled2020, author = {Nobody}, year = {2020}}
"""


# --- BibTeX -----------------------------------------------------------------------------------------------

def test_bibtex_entries_are_read_with_nested_braces_quotes_and_latex_commands():
    first, second = parse_bibtex(BIBTEX)

    assert first.title == "Energy Poverty in Turin: the Barriera di Milano case"
    assert first.year == 2021
    assert "Energy Research" in first.venue and "Social Science" in first.venue
    assert first.url == "https://doi.org/10.1016/j.erss.2021.102000"
    assert second.title == "Participatory mapping with schools"
    assert second.year == 2019
    assert second.venue == "Proceedings of Urban Commons"
    assert second.abstract == "Pupils map their neighbourhood."


def test_bibtex_string_comment_and_preamble_blocks_and_entries_without_title_are_skipped():
    titles = [p.title for p in parse_bibtex(BIBTEX)]

    assert "Not me" not in titles
    assert len(titles) == 2


def test_bibtex_with_an_unclosed_brace_names_the_line_of_the_entry():
    text = "@article{ok, title={Fine}}\n\n@article{broken,\n  title = {Never closed,\n  year = 2020\n"

    with pytest.raises(PublicationFileError, match=r"line 3.*brace"):
        parse_bibtex(text)


def test_bibtex_value_with_an_unclosed_quote_is_refused_with_the_field_name():
    with pytest.raises(PublicationFileError, match="title"):
        parse_bibtex('@article{x, title = "Never closed}')


def test_bibtex_file_is_parsed_by_its_ending_in_any_case():
    [publication] = parse_publication_file("Export.BIB", b"@article{x, title={Only one}, year={2018}}")

    assert publication.title == "Only one" and publication.year == 2018


def test_bibtex_in_latin_1_is_read_too():
    [publication] = parse_publication_file("old.bib", "@article{x, title={Città e società}}".encode("latin-1"))

    assert publication.title == "Città e società"


# --- CSV --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_with_a_header_is_read_whatever_the_delimiter(delimiter):
    text = delimiter.join(["Title", "Year", "Venue", "Abstract"]) + "\n" + "\n".join([
        delimiter.join(["Housing for the elderly", "2022", "Urban Studies", "Co-housing pilots"]),
        delimiter.join(["Water in schools", "not a year", "", ""]),
        delimiter.join(["", "2020", "No title here", ""]),
    ]) + "\n"

    first, second = parse_csv(text)

    assert (first.title, first.year, first.venue, first.abstract) == (
        "Housing for the elderly", 2022, "Urban Studies", "Co-housing pilots")
    assert (second.title, second.year) == ("Water in schools", None)


def test_csv_with_a_byte_order_mark_from_excel_is_read():
    [publication] = parse_publication_file("iris.csv", "\ufefftitle;year\nA study;2021\n".encode())

    assert (publication.title, publication.year) == ("A study", 2021)


def test_csv_without_a_title_column_is_refused_saying_so():
    with pytest.raises(PublicationFileError, match="title"):
        parse_csv("name,year\nA study,2021\n")


# --- any file ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("filename", ["publications.txt", "publications.ris", "publications", ""])
def test_a_file_that_is_neither_bib_nor_csv_is_refused(filename):
    with pytest.raises(PublicationFileError, match=r"\.bib.*\.csv"):
        parse_publication_file(filename, b"title\nA study\n")


@pytest.mark.parametrize(("filename", "content"), [
    ("empty.bib", b""),
    ("comments.bib", b"% only a comment\n@comment{nothing here}\n"),
    ("header-only.csv", b"title,year\n"),
])
def test_a_file_without_any_publication_is_refused(filename, content):
    with pytest.raises(PublicationFileError, match="no publication"):
        parse_publication_file(filename, content)


# --- hostile files: a reason naming the line, never a crash ------------------------------------------------

@pytest.mark.parametrize(("content", "reason"), [
    ("title,abstract\nA paper," + "x" * 140_000 + "\n", r"line 2: a cell is longer than 131,072 characters"),
    ("title,year\nFine,2020\nA pa\rper,2020\n", r"line 3: a cell holds a line break"),
    ("title,year\nA paper," + "9" * 5000 + "\n", r"line 2, column “year”: the year 99999999… is not between 1800"),
    ("title,year\nA paper,1799\n", r"line 2, column “year”: the year 1799 is not between 1800"),
], ids=["cell-over-the-csv-limit", "lone-carriage-return", "5000-digit-year", "year-before-1800"])
def test_a_csv_that_would_crash_the_reader_or_overflow_the_year_is_refused_naming_the_line(content, reason):
    with pytest.raises(PublicationFileError, match=reason):
        parse_csv(content)


def test_a_bibtex_year_no_publication_can_have_is_refused_naming_the_entry():
    text = "@article{ok, title={Fine}, year=2020}\n\n@article{far,\n title={Far future},\n year={" + "9" * 5000 + "}}"

    with pytest.raises(PublicationFileError, match=r"entry at line 3: the year 99999999… is not between"):
        parse_bibtex(text)


@pytest.mark.parametrize("year", ["in press", "n.d.", "²⁰²⁰", "2020a"])
def test_a_year_that_is_not_plain_digits_is_left_empty(year):
    (publication,) = parse_bibtex(f"@article{{a, title={{A paper}}, year={{{year}}}}}")

    assert publication.year is None


def test_a_file_with_nul_characters_is_refused_with_advice_to_save_it_as_utf_8():
    content = "title\nA paper\n".encode("utf-16")

    with pytest.raises(PublicationFileError, match=r"line 1 holds an invisible NUL character: save the file as UTF-8"):
        parse_publication_file("export.csv", content)
