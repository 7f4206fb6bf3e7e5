"""Charts as SVG markup drawn on the server from plain (label, value) lists: readable without JavaScript, by screen
readers (role="img", a title, and a description that says every number) and on a phone (a viewBox, no fixed size).
Pure: it knows nothing of Flask or the database, so the page renders its table from the very same list."""
from collections.abc import Callable
from html import escape

Series = list[tuple[str, float]]

WIDTH = 480
BAR_COLOUR = "#1f4e79"  # 8.9:1 against white: well above the 3:1 that graphics need
TEXT_COLOUR = "#212529"
AXIS_COLOUR = "#595959"  # 7:1 against white
FONT = 'font-family="system-ui, sans-serif"'
CHARACTER_WIDTH = 0.56  # an average glyph's width, in ems, of the sans-serif fonts the chart is drawn with


def format_value(value: float) -> str:
    """A number as a machine reads it (the CSV files, and charts unless told otherwise): whole numbers without
    decimals, others with one. Pages pass `number`, the number in the reader's language, to the charts."""
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}"


def describe(data: Series, empty: str = "No data.", number: Callable[[float], str] = format_value) -> str:
    """The numbers in words, for the description a screen reader reads: "2022: 120; 2023: 340"."""
    if not data:
        return empty
    return "; ".join(f"{label}: {number(value)}" for label, value in data)


def _opening(chart_id: str, height: int, title: str, description: str) -> str:
    chart_id = escape(chart_id, quote=True)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {WIDTH} {height}" '
            f'preserveAspectRatio="xMinYMin meet">'
            f'<title id="{chart_id}-title">{escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{escape(description)}</desc>')


def _empty(chart_id: str, title: str, empty: str) -> str:
    return (_opening(chart_id, 60, title, empty)
            + f'<text x="8" y="36" font-size="16" fill="{TEXT_COLOUR}" {FONT}>{escape(empty)}</text></svg>')


def _fitted(label: str, font_size: int) -> str:
    """For a label too long for the chart's width, the attributes that squeeze it to fit rather than be cut off
    (the description and the table still carry it in full)."""
    room = WIDTH - 6
    if len(label) * font_size * CHARACTER_WIDTH <= room:
        return ""
    return f' textLength="{room}" lengthAdjust="spacingAndGlyphs"'


def bar_chart(chart_id: str, title: str, data: Series, *, empty: str = "No data.",
              number: Callable[[float], str] = format_value) -> str:
    """Horizontal bars, one per (label, value), each label written above its bar and the value at the bar's end.
    `chart_id` must be unique on the page: the title's and description's ids derive from it."""
    if not data:
        return _empty(chart_id, title, empty)
    row, bar, top = 52, 20, 8
    room_for_value = 72
    largest = max(value for _label, value in data) or 1
    height = top + row * len(data)
    parts = [_opening(chart_id, height, title, describe(data, empty, number))]
    for index, (label, value) in enumerate(data):
        y = top + index * row
        length = (WIDTH - room_for_value - 2) * value / largest
        parts.append(f'<g class="bar"><text x="2" y="{y + 16}" font-size="17" fill="{TEXT_COLOUR}" {FONT}'
                     f'{_fitted(str(label), 17)}>{escape(str(label))}</text>'
                     f'<rect x="2" y="{y + 24}" width="{length:.1f}" height="{bar}" fill="{BAR_COLOUR}"/>'
                     f'<text class="value" x="{length + 8:.1f}" y="{y + 40}" font-size="17" font-weight="bold" '
                     f'fill="{TEXT_COLOUR}" {FONT}>{number(value)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(chart_id: str, title: str, data: Series, *, empty: str = "No data.",
                number: Callable[[float], str] = format_value) -> str:
    """Columns in the order given (years, oldest first), the value above each column and its label below, on a
    base line. `chart_id` must be unique on the page."""
    if not data:
        return _empty(chart_id, title, empty)
    height, top, bottom = 260, 28, 36
    plot = height - top - bottom
    slot = (WIDTH - 4) / len(data)
    column = min(56.0, slot * 0.7)
    font = 16 if slot >= 44 else 12
    largest = max(value for _label, value in data) or 1
    parts = [_opening(chart_id, height, title, describe(data, empty, number))]
    base = top + plot
    for index, (label, value) in enumerate(data):
        centre = 2 + slot * index + slot / 2
        size = plot * value / largest
        parts.append(f'<g class="bar"><rect x="{centre - column / 2:.1f}" y="{base - size:.1f}" width="{column:.1f}" '
                     f'height="{size:.1f}" fill="{BAR_COLOUR}"/>'
                     f'<text class="value" x="{centre:.1f}" y="{base - size - 6:.1f}" font-size="{font}" '
                     f'font-weight="bold" text-anchor="middle" fill="{TEXT_COLOUR}" {FONT}>{number(value)}</text>'
                     f'<text x="{centre:.1f}" y="{base + 22}" font-size="{font}" text-anchor="middle" '
                     f'fill="{TEXT_COLOUR}" {FONT}>{escape(str(label))}</text></g>')
    parts.append(f'<line x1="2" y1="{base}" x2="{WIDTH - 2}" y2="{base}" stroke="{AXIS_COLOUR}" stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts)
