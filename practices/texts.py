"""A practice's long texts: typed as plain text on the site, stored as rich text paragraphs, and given back
as plain text (to edit them again, or in a person's data export)."""

from bs4 import BeautifulSoup
from django.utils.html import escape


def paragraphs(text):
    """Plain text as rich text paragraphs, every character escaped: nothing a submitter types can become
    markup, the safe subset of rich text being paragraphs."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return "".join("<p>" + escape(block).replace("\n", "<br/>") + "</p>" for block in blocks)


def richtext_to_plain(html):
    """The stored paragraphs as the plain text the submitter typed."""
    soup = BeautifulSoup(html or "", "html.parser")
    for line_break in soup.find_all("br"):
        line_break.replace_with("\n")
    return "\n\n".join(paragraph.get_text() for paragraph in soup.find_all("p"))
