"""Kazakh identification numbers: the IIN of a person and the BIN of a legal entity (decision 11).

Pure Python, no Odoo import. Both have twelve digits and the same check digit.

- IIN (ЖСН/ИИН): YYMMDD (date of birth), a century-and-sex digit (0-6), a serial and the check
  digit.
- BIN (БСН/БИН): YYMM (year and month of registration), the kind of entity (4 resident legal
  entity, 5 non-resident legal entity, 6 individual entrepreneur in joint business), the kind
  of unit (0 head organisation, 1 branch, 2 representative office, 3 peasant or farm
  enterprise), a serial and the check digit.

Input is normalised the same way for both (decision 11): Unicode NFKC first, so full-width
digits become ASCII digits and a no-break space becomes a space; then spaces, no-break spaces,
tabs and hyphens are removed. Letters are never turned into digits (O is not 0, l is not 1), and
other digits (Arabic-Indic, Devanagari...) are refused: a number is exactly 12 ASCII digits,
never cut to 12.
"""

import datetime
import re
import unicodedata

# What separates groups of digits as people type them. NFKC already turns the no-break space
# (U+00A0), the narrow no-break space (U+202F), the figure space (U+2007), the full-width
# hyphen-minus (U+FF0D) and the small hyphen-minus (U+FE63) into a space or "-", but it leaves
# the Unicode hyphen (U+2010; U+2011, the non-breaking hyphen, becomes U+2010), the figure dash
# (U+2012), the en dash (U+2013) and the minus sign (U+2212) as they are, which word processors
# and phones put in numbers: they are removed here too, as is the soft hyphen (U+00AD).
SEPARATORS = frozenset(" \t\u00a0\u202f-\u00ad\u2010\u2011\u2012\u2013\u2212")
LENGTH = 12
_ASCII_DIGITS = re.compile(r"[0-9]+")
_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
# Seventh digit of an IIN: 1-2 born in the 19th century, 3-4 in the 20th, 5-6 in the 21st;
# 0 is given to some foreign citizens and old numbers: the date decides the century.
_CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
# Fifth and sixth digits of a BIN.
BIN_ENTITY_TYPES = ("4", "5", "6")
BIN_UNIT_KINDS = ("0", "1", "2", "3")


def normalize(value):
    """The number as it is stored: NFKC, then without separators; ``None`` for an empty value.

    Nothing else is changed: a value with letters or too many digits stays what it is, so that
    the check can say what is wrong with it.
    """
    if value is None or value is False:
        return None
    text = unicodedata.normalize("NFKC", str(value))
    cleaned = "".join(char for char in text if char not in SEPARATORS)
    return cleaned or None


def is_twelve_digits(value):
    """Whether ``value`` (normalised) is exactly twelve ASCII digits."""
    return bool(value) and len(value) == LENGTH and _ASCII_DIGITS.fullmatch(value) is not None


def foreign_characters(value):
    """The characters of a normalised ``value`` that are not ASCII digits, in order, once each."""
    seen = []
    for char in value or "":
        if not ("0" <= char <= "9") and char not in seen:
            seen.append(char)
    return seen


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
    candidates = (century,) if century is not None else (1900, 2000)
    for base in candidates:
        try:
            return datetime.date(base + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
        except ValueError:
            continue
    return None


def _form_error(number):
    if not number:
        return "length"
    if foreign_characters(number):
        return "characters"
    if len(number) != LENGTH:
        return "length"
    return None


def validation_error(value, today=None):
    """Why ``value`` is not a valid IIN, or ``None``.

    Codes: "characters" (something else than ASCII digits), "length" (not 12 digits),
    "century" (7th digit 7, 8 or 9), "date" (no real date of birth), "future" (born after
    ``today``, when given), "checksum".
    """
    iin = normalize(value)
    error = _form_error(iin)
    if error:
        return error
    if iin[6] not in "0123456":
        return "century"
    born = birth_date(iin)
    if born is None:
        return "date"
    if today and born > today:
        return "future"
    if check_digit(iin[:11]) != int(iin[11]):
        return "checksum"
    return None


def is_valid(value, today=None):
    return validation_error(value, today=today) is None


# Two digits of a BIN's year, read as 1990-2089: the register of legal entities of the Republic
# of Kazakhstan starts in the 1990s, so "27" is 2027 (a future month, refused), not 1927.
_BIN_PIVOT_YEAR = 90


def registration_month(bin_number):
    """(year, month) of registration of a normalised BIN."""
    short_year, month = int(bin_number[0:2]), int(bin_number[2:4])
    year = (1900 if short_year >= _BIN_PIVOT_YEAR else 2000) + short_year
    return year, month


def bin_validation_error(value, today=None):
    """Why ``value`` is not a valid BIN, or ``None``.

    Codes: "characters", "length", "month" (digits 3-4 not 01-12), "future" (registered after
    ``today``'s month, when given), "entity_type" (5th digit not 4, 5 or 6), "unit" (6th digit
    not 0-3), "checksum".
    """
    number = normalize(value)
    error = _form_error(number)
    if error:
        return error
    year, month = registration_month(number)
    if not 1 <= month <= 12:
        return "month"
    if today and (year, month) > (today.year, today.month):
        return "future"
    if number[4] not in BIN_ENTITY_TYPES:
        return "entity_type"
    if number[5] not in BIN_UNIT_KINDS:
        return "unit"
    if check_digit(number[:11]) != int(number[11]):
        return "checksum"
    return None


def is_valid_bin(value, today=None):
    return bin_validation_error(value, today=today) is None


def complete(first_eleven):
    """Append the check digit to 11 digits (used to make demo and test data)."""
    control = check_digit(first_eleven)
    if control is None:
        return None
    return f"{first_eleven}{control}"
