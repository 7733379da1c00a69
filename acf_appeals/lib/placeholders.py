"""The placeholders of reply templates (issue 21): ``{{client_name}}`` and nothing more.

A small syntax of our own, on purpose: a placeholder is a name between double braces, spaces
allowed inside (``{{ deadline }}``); nothing is evaluated, there are no filters, attributes or
expressions. :func:`problems` finds what a template may not contain (an unknown name, a brace
pair that is not a placeholder), :func:`render` replaces each placeholder with its value,
HTML-escaped, in the HTML text of a template. No Odoo import: the model gives the names and the
values (in the letter's language).
"""

import html
import re

# A well-formed placeholder, and anything that opens or closes like one.
PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
BRACES = re.compile(r"\{\{|\}\}")

# The names a template may use, in the order the form lists them.
NAMES = (
    "salutation",
    "client_name",
    "appeal_number",
    "date_received",
    "deadline",
    "contract_number",
    "contract_date",
    "product",
    "branch",
    "responsible",
    "today",
)


def names(text):
    """The placeholder names used in ``text``, in order, each once."""
    seen = []
    for name in PLACEHOLDER.findall(text or ""):
        if name not in seen:
            seen.append(name)
    return seen


def problems(text, known=NAMES):
    """``(unknown, malformed)``: the names ``text`` uses that are not ``known``, and whether
    double braces remain that are not a placeholder (``{{client}``, ``{{ 1 + 1 }}``)."""
    text = text or ""
    unknown = [name for name in names(text) if name not in known]
    rest = PLACEHOLDER.sub("", text)
    return unknown, bool(BRACES.search(rest))


def render(text, values, missing="________"):
    """``text`` (HTML) with each placeholder replaced by its value from ``values``, escaped
    for HTML; a value that is empty becomes ``missing``, a blank for the drafter to fill in.
    Returns ``(html, empty)``: the text and the names that had no value."""
    empty = []

    def replace(match):
        name = match.group(1)
        value = values.get(name)
        if value in (None, False, ""):
            if name not in empty:
                empty.append(name)
            return missing
        return html.escape(str(value), quote=False)

    return PLACEHOLDER.sub(replace, text or ""), empty
