"""User-written text: Markdown rendered to safe HTML, keyword lists cleaned up, links people give checked."""
import html
import re
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
KEYWORD_SEPARATORS = re.compile(r"[,;\n]+")
WEB_SCHEMES = {"http", "https"}


def render_markdown(text: str | None) -> Markup:
    """Markdown as HTML with everything that could run or restyle the page removed.

    Headings start at h3 because the page already has its own h1 and h2.
    """
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    html = re.sub(r"<(/?)h([12])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 2}>", html)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                      link_rel="nofollow noopener noreferrer")
    return Markup(clean)  # noqa: S704  (sanitised by nh3 just above)


def plain_text(text: str | None) -> str:
    """The words of a Markdown text without any markup, for summaries and matching.

    The result is text, not HTML: "Tom & Jerry" stays as typed, and the template escapes it once.
    """
    # nh3 drops every tag (and what <script> or <style> contain) but answers escaped HTML; unescaping
    # that gives back the characters people wrote, which autoescaping then shows as text.
    return html.unescape(nh3.clean(markdown.markdown(text or ""), tags=set())).strip()


def split_keywords(raw: str | list[str] | None) -> list[str]:
    """Keywords typed as "a, b; c" or given as a list: trimmed, de-duplicated ignoring case, order kept."""
    items = raw if isinstance(raw, list) else KEYWORD_SEPARATORS.split(raw or "")
    seen: set[str] = set()
    keywords = []
    for item in items:
        keyword = " ".join(str(item).split())
        if keyword and keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            keywords.append(keyword)
    return keywords


def is_web_address(url: str | None) -> bool:
    """True for an http or https address with a host, the only links shown to other people.

    Anything else (javascript:, data:, file:, no host, spaces or control characters) could run a script or
    open something on the reader's machine, so it is never a link.
    """
    if not isinstance(url, str) or not url.isprintable() or any(character.isspace() for character in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (reading it checks that the port is a number)
    except ValueError:  # an unclosed "[" of an IPv6 host, a port that is not a number
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
