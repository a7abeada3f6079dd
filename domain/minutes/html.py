"""A ModernGov meeting page's HTML to the plain text the drafter reads.

Block elements (paragraphs, headings, list items, table rows) become lines, table
cells are separated by tabs, list items start "- ", and scripts, styles and the
page's navigation are left out. Only the standard library's parser is used.
"""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table",
    "ul", "ol", "section", "article", "header", "footer", "blockquote", "dt", "dd", "title",
}  # fmt: skip
SKIPPED = {"script", "style", "noscript", "nav", "head", "form", "button", "select", "svg"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append(
                "\n\n" if tag in ("p", "tr", "table", "h1", "h2", "h3", "h4") else "\n"
            )
            if tag == "li":
                self.parts.append("- ")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    title = " ".join("".join(parser.title).split())
    body = "".join(parser.parts)
    lines = [" ".join(line.replace("\t", " \t ").split(" ")).strip() for line in body.split("\n")]
    text = "\n".join(lines)
    return f"{title}\n\n{text}" if title else text
