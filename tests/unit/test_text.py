"""What people write is shown safely: Markdown becomes harmless HTML, and keywords are tidied. No app needed."""
import pytest

from matchmaker.text import is_web_address, plain_text, render_markdown, split_keywords

# --- render_markdown --------------------------------------------------------------------------------------

def test_markdown_keeps_emphasis_lists_and_paragraphs():
    html = render_markdown("Some **bold** and *italic* words.\n\n- one\n- two")

    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<ul>" in html and "<li>one</li>" in html


@pytest.mark.parametrize("text", [
    "<script>alert('x')</script>Hello",
    "Hello <SCRIPT src=https://evil.example.org/x.js></SCRIPT>",
    "Hello\n\n<script>\ndocument.cookie\n</script>",
])
def test_a_script_in_markdown_never_reaches_the_page(text):
    html = render_markdown(text)

    assert "<script" not in html.lower()
    assert "Hello" in html


@pytest.mark.parametrize("text", [
    '<img src="x" onerror="alert(1)"> Hello',
    '<a href="https://example.org" onclick="steal()">Hello</a>',
    '<p onmouseover="alert(1)">Hello</p>',
    '<div style="position:fixed;top:0">Hello</div>',
    '<iframe src="https://evil.example.org"></iframe>Hello',
])
def test_event_handlers_styles_and_frames_are_removed_but_the_words_stay(text):
    html = render_markdown(text).lower()

    for danger in ("onerror", "onclick", "onmouseover", "style=", "<iframe", "<img"):
        assert danger not in html
    assert "hello" in html


@pytest.mark.parametrize("text", [
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(1)">click me</a>',
    '<a href="JaVaScRiPt:alert(1)">click me</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">click me</a>',
    '<a href="vbscript:msgbox(1)">click me</a>',
])
def test_links_to_scripts_or_data_lose_their_address_but_keep_their_words(text):
    html = render_markdown(text)

    assert "javascript:" not in html.lower()
    assert "data:" not in html.lower()
    assert "vbscript:" not in html.lower()
    assert "click me" in html


def test_ordinary_links_are_kept_and_marked_nofollow():
    html = render_markdown("See [our site](https://example.org/page) or <mailto:info@example.org>.")

    assert 'href="https://example.org/page"' in html
    assert 'rel="nofollow noopener noreferrer"' in html
    assert "our site</a>" in html


@pytest.mark.parametrize(("markdown_text", "expected", "absent"), [
    ("# Main heading", "<h3>Main heading</h3>", "<h1"),
    ("## Second heading", "<h4>Second heading</h4>", "<h2"),
    ("### Third heading", "<h3>Third heading</h3>", "<h1"),
])
def test_headings_start_below_the_pages_own_h1_and_h2(markdown_text, expected, absent):
    html = render_markdown(markdown_text)

    assert expected in html
    assert absent not in html


def test_raw_h1_and_h2_tags_are_dropped_or_demoted():
    html = render_markdown("<h1>Shouting</h1>\n\n<h2>Still shouting</h2>")

    assert "<h1" not in html and "<h2" not in html
    assert "Shouting" in html and "Still shouting" in html


def test_empty_or_missing_text_renders_as_nothing():
    assert render_markdown(None) == ""
    assert render_markdown("") == ""


def test_plain_text_has_the_words_and_no_markup():
    assert plain_text("**Bold** <script>x()</script>[link](https://example.org)") == "Bold link"


@pytest.mark.parametrize("text, expected", [
    ("Tom & Jerry", "Tom & Jerry"),
    ("Caffè \"sospeso\" & l'altro", "Caffè \"sospeso\" & l'altro"),
    ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
    ("Write `<script>` to start a script", "Write <script> to start a script"),
])
def test_plain_text_is_the_text_itself_for_the_page_to_escape_once(text, expected):
    """Jinja escapes the filter's result: escaping here too would show "Tom &amp; Jerry"."""
    assert plain_text(text) == expected


# --- is_web_address ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["https://doi.org/10.1000/182", "http://example.org", "HTTPS://Example.org/a?b=c#d",
                                 "https://iris.polito.it/handle/11583/2970000"])
def test_an_http_or_https_address_with_a_host_is_a_web_address(url):
    assert is_web_address(url)


@pytest.mark.parametrize("url", [
    None, "", "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<b>x</b>",
    "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://example.org/paper.pdf", "https://", "http:///path",
    "https:example.org", "//example.org/paper", "www.example.org", "https://exa mple.org",
    "https://example.org/\nSet-Cookie", "https://example.org/\x00", "java\tscript:alert(1)",
])
def test_any_other_scheme_or_a_missing_host_is_not_a_web_address(url):
    assert not is_web_address(url)


# --- split_keywords ---------------------------------------------------------------------------------------

def test_keywords_typed_with_commas_semicolons_or_lines_are_split_and_trimmed():
    assert split_keywords(" housing ,elderly;  energy   poverty \n mobility,,") == [
        "housing", "elderly", "energy poverty", "mobility"]


def test_keywords_repeated_in_another_case_are_kept_once_in_first_seen_form():
    assert split_keywords("Energy, energy, ENERGY, water, Water") == ["Energy", "water"]


def test_keywords_keep_the_order_they_were_typed_in():
    assert split_keywords(["zeta", "alpha", "mu", "Alpha"]) == ["zeta", "alpha", "mu"]


@pytest.mark.parametrize("raw", [None, "", " , ; \n", []])
def test_no_keywords_gives_an_empty_list(raw):
    assert split_keywords(raw) == []
