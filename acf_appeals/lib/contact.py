"""Contact data of Kazakh clients: phone numbers and similar texts (no Odoo import).

The language of a text is read by :mod:`intake_text` (issue 16).
"""

import re


def normalize_phone(value):
    """Return a Kazakh number as +7XXXXXXXXXX, or None when it is not one.

    Accepts the usual spellings: 8 (701) 123-45-67, +7 701 1234567, 7011234567.
    """
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    if len(digits) != 10 or digits[0] not in "67":
        return None
    return "+7" + digits


def _words(text):
    return {word for word in re.findall(r"\w+", (text or "").lower()) if len(word) >= 4}


def similar_text(first, second, threshold=0.3):
    """Whether two substances share enough words to be the same request (Jaccard index)."""
    a, b = _words(first), _words(second)
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= threshold
