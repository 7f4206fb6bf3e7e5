"""The dashboard's charts: well-formed SVG that a screen reader can read, whose numbers are the data's."""
import xml.etree.ElementTree as ET

import pytest

from matchmaker.impact.charts import bar_chart, describe, format_value, trend_chart

SVG = "{http://www.w3.org/2000/svg}"


def parsed(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314  (our own markup, drawn by the code under test)


def bars_of(svg: ET.Element) -> list[tuple[str, str]]:
    """(label, value) as the chart writes them."""
    rows = []
    for group in svg.iter(f"{SVG}g"):
        texts = group.findall(f"{SVG}text")
        value = next(text.text for text in texts if text.get("class") == "value")
        label = next(text.text for text in texts if text.get("class") != "value")
        rows.append((label, value))
    return rows


@pytest.mark.parametrize("draw", [bar_chart, trend_chart])
def test_a_screen_reader_hears_the_title_and_every_number(draw):
    svg = parsed(draw("by-year", "Initiatives by year", [("2022", 120), ("2023", 340.5)]))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "by-year-title by-year-desc"
    assert svg.find(f"{SVG}title").get("id") == "by-year-title"
    assert svg.find(f"{SVG}title").text == "Initiatives by year"
    assert svg.find(f"{SVG}desc").get("id") == "by-year-desc"
    assert svg.find(f"{SVG}desc").text == "2022: 120; 2023: 340.5"
    assert svg.get("viewBox").startswith("0 0 ")
    assert svg.get("width") is None  # it scales to the width it is given, a phone's too


@pytest.mark.parametrize("draw", [bar_chart, trend_chart])
def test_the_chart_writes_each_label_and_value_as_text(draw):
    data = [("SDG 4", 3), ("SDG 11", 7), ("SDG 2", 0)]
    assert bars_of(parsed(draw("c", "t", data))) == [("SDG 4", "3"), ("SDG 11", "7"), ("SDG 2", "0")]


@pytest.mark.parametrize("draw", [bar_chart, trend_chart])
def test_labels_with_markup_are_text_not_markup(draw):
    markup = draw('x"><script>', "<b>Title</b> & more", [("<script>alert(1)</script>", 2), ("Fish & chips", 1)])
    svg = parsed(markup)
    assert "<script>" not in markup
    assert svg.find(f"{SVG}title").text == "<b>Title</b> & more"
    assert [label for label, _value in bars_of(svg)] == ["<script>alert(1)</script>", "Fish & chips"]
    assert svg.find(f"{SVG}script") is None


@pytest.mark.parametrize("draw", [bar_chart, trend_chart])
def test_an_empty_chart_says_there_is_nothing_to_show(draw):
    svg = parsed(draw("empty", "Nothing", [], empty="No initiatives yet."))
    assert svg.find(f"{SVG}desc").text == "No initiatives yet."
    assert [text.text for text in svg.iter(f"{SVG}text")] == ["No initiatives yet."]


@pytest.mark.parametrize("draw", [bar_chart, trend_chart])
def test_all_zero_values_draw_without_dividing_by_zero(draw):
    svg = parsed(draw("zero", "Zero", [("a", 0), ("b", 0)]))
    assert [rect.get("width" if draw is bar_chart else "height") for rect in svg.iter(f"{SVG}rect")] == ["0.0", "0.0"]


def test_the_longest_bar_is_the_largest_value():
    svg = parsed(bar_chart("c", "t", [("small", 1), ("large", 4)]))
    small, large = (float(rect.get("width")) for rect in svg.iter(f"{SVG}rect"))
    assert large == pytest.approx(4 * small)


def test_numbers_read_the_same_in_chart_and_table():
    assert format_value(3.0) == "3"
    assert format_value(2.5) == "2.5"
    assert describe([("a", 1.0)]) == "a: 1"


def test_a_label_too_long_for_the_chart_is_squeezed_to_fit_not_cut():
    long_label = "Interuniversity Department of Regional and Urban Studies and Planning"
    svg = parsed(bar_chart("c", "t", [(long_label, 3), ("Short", 1)]))
    long_text, short_text = (group.find(f"{SVG}text") for group in svg.iter(f"{SVG}g"))
    assert long_text.text == long_label and float(long_text.get("textLength")) <= float(svg.get("viewBox").split()[2])
    assert short_text.get("textLength") is None
