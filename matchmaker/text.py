"""User-written text: Markdown rendered to safe HTML, and keyword lists cleaned up."""
import html
import re

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
KEYWORD_SEPARATORS = re.compile(r"[,;\n]+")


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
