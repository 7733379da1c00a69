"""Kazakh individual identification number (IIN, ЖСН/ИИН) checks (decision 11).

Pure Python, no Odoo import. Twelve digits: YYMMDD, a century-and-sex digit,
a serial and a check digit.
"""

import datetime
import re

_SEPARATORS = re.compile(r"[\s\-]+")
_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
# Seventh digit: 1-2 born in the 19th century, 3-4 in the 20th, 5-6 in the 21st.
_CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def normalize(value):
    """Drop spaces and hyphens; return ``None`` for an empty value."""
    if value is None:
        return None
    cleaned = _SEPARATORS.sub("", str(value))
    return cleaned or None


def check_digit(first_eleven):
    """Control digit of the first 11 digits, or ``None`` if no valid digit exists."""
    digits = [int(char) for char in first_eleven]
    control = sum(w * d for w, d in zip(_FIRST_WEIGHTS, digits, strict=True)) % 11
    if control == 10:
        control = sum(w * d for w, d in zip(_SECOND_WEIGHTS, digits, strict=True)) % 11
        if control == 10:
            return None
    return control


def birth_date(iin):
    """Date of birth encoded in a normalised IIN, or ``None`` if it is not a date."""
    century = _CENTURY_BY_DIGIT.get(int(iin[6]))
    if century is None:
        # Legal entities (BIN) and old numbers use other digits: the date part
        # must still be a real date of the 20th or 21st century.
        candidates = (1900, 2000)
    else:
        candidates = (century,)
    for base in candidates:
        try:
            return datetime.date(base + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
        except ValueError:
            continue
    return None


def validation_error(value):
    """Return why ``value`` is not a valid IIN ("format", "date", "checksum") or None."""
    iin = normalize(value)
    if not iin or len(iin) != 12 or not iin.isdigit():
        return "format"
    if birth_date(iin) is None:
        return "date"
    if check_digit(iin[:11]) != int(iin[11]):
        return "checksum"
    return None


def is_valid(value):
    return validation_error(value) is None


def complete(first_eleven):
    """Append the check digit to 11 digits (used to make demo and test data)."""
    control = check_digit(first_eleven)
    if control is None:
        return None
    return f"{first_eleven}{control}"
