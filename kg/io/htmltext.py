"""An HTML page as an article's text: does a text start like a page, and what are its title, paragraphs and
publication date (scripts, styles and page furniture dropped)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """Text that starts like an HTML page (``<!DOCTYPE html`` or ``<html``)."""
    return bool(HTML_START.match(text[:4096]))


class _ArticleText(HTMLParser):
    """The readable text of an HTML page: paragraphs, without scripts, styles and page furniture."""

    SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg",
                      "math", "form", "button", "select", "iframe", "object"})
    BLOCKS = frozenset({"p", "div", "section", "article", "main", "body", "h1", "h2", "h3", "h4", "h5", "h6",
                        "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "table",
                        "tr", "td", "th", "caption", "br", "hr", "address", "details", "summary", "center"})
    DATE_META = frozenset({"article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
                           "dcterms.date", "dc.date.issued", "og:published_time"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.in_title = False
        self.title: list[str] = []
        self.current: list[str] = []
        self.paragraphs: list[str] = []
        self.published: str | None = None

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta" and self.published is None:
            a = {k.lower(): v for k, v in attrs if v is not None}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in self.DATE_META and a.get("content"):
                self.published = a["content"].strip()
        if tag in self.BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            return  # <svg/>: nothing inside to skip
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "title":
            self.in_title = False
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        (self.title if self.in_title else self.current).append(data)


def html_to_text(page: str) -> tuple[str | None, str, str | None]:
    """(title, article text, published-date string) of an HTML page; paragraphs are separated by blank lines."""
    parser = _ArticleText()
    parser.feed(page)
    parser.close()
    parser._flush()
    title = " ".join("".join(parser.title).split()) or None
    return title, "\n\n".join(parser.paragraphs), parser.published
