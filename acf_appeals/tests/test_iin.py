"""IIN validation alone (decision 11)."""

import datetime

from odoo.tests import BaseCase

from .test_deadline_engine import _load

iin = _load("iin")


class TestIin(BaseCase):
    def test_weights_one_to_eleven(self):
        # 1*8+2*5+3*0+4*3+5*0+6*2+7*3+8*0+9*0+10*1+11*2 = 95, 95 mod 11 = 7
        self.assertEqual(iin.check_digit("85030230012"), 7)
        self.assertTrue(iin.is_valid("850302300127"))

    def test_second_weights_when_first_sum_gives_ten(self):
        # First pass: 1*0+2*0+3*0+4*1+5*0+6*1+7*3+8*0+9*0+10*0+11*1 = 42 → 42 mod 11 = 9;
        # search a number whose first pass gives 10 to exercise the second weights.
        for serial in range(10000):
            first_eleven = f"0001013{serial:04d}"
            digits = [int(c) for c in first_eleven]
            if sum(w * d for w, d in zip(range(1, 12), digits, strict=True)) % 11 == 10:
                break
        second = (
            sum(w * d for w, d in zip((3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), digits, strict=True))
            % 11
        )
        expected = None if second == 10 else second
        self.assertEqual(iin.check_digit(first_eleven), expected)

    def test_invalid_when_both_passes_give_ten(self):
        for serial in range(100000):
            first_eleven = f"900101{serial:05d}"
            if iin.check_digit(first_eleven) is None:
                break
        else:
            self.fail("no 11-digit prefix without a check digit found")
        for last in "0123456789":
            self.assertFalse(iin.is_valid(first_eleven + last))

    def test_reasons(self):
        self.assertEqual(iin.validation_error("85030230012"), "length")
        self.assertEqual(iin.validation_error("85030A300127"), "characters")
        self.assertEqual(iin.validation_error("851302300127"), "date")  # month 13
        self.assertEqual(iin.validation_error("850302300128"), "checksum")
        self.assertIsNone(iin.validation_error("850302300127"))

    def test_spaces_and_hyphens_are_removed(self):
        self.assertEqual(iin.normalize(" 850302-300 127 "), "850302300127")
        self.assertTrue(iin.is_valid("850302-300127"))
        self.assertIsNone(iin.normalize("  "))

    def test_every_separator_people_type_is_removed(self):
        for typed in (
            "850302 300127",  # space
            "850302\u00a0300127",  # no-break space
            "850302\u202f300\u2007127",  # narrow no-break and figure spaces (NFKC: spaces)
            "850302\t300127",  # tab
            "850302-300-127",  # hyphen-minus
            "850302\u2010300127",  # hyphen, left by NFKC
            "850302\u2011300127",  # non-breaking hyphen
            "850302\u2012300\u2013127",  # figure dash, en dash
            "850302\u2212300127",  # minus sign
            "850302\uff0d300127",  # full-width hyphen-minus (NFKC: "-")
            "８５０３０２３００１２７",  # full-width digits (NFKC: ASCII digits)
            "８５０３０２\u3000３００１２７",  # and an ideographic space
        ):
            with self.subTest(typed=typed):
                self.assertEqual(iin.normalize(typed), "850302300127")
                self.assertIsNone(iin.validation_error(typed))

    def test_other_digits_and_letters_are_refused_never_converted(self):
        arabic_indic = "٨٥٠٣٠٢٣٠٠١٢٧"  # str.isdigit() accepts these
        self.assertTrue(arabic_indic.isdigit())
        self.assertEqual(iin.validation_error(arabic_indic), "characters")
        self.assertEqual(iin.validation_error("८५०३०२३००१२७"), "characters")  # Devanagari
        # O for 0 and l for 1: not turned into digits.
        self.assertEqual(iin.normalize("85O3O23OO127"), "85O3O23OO127")
        self.assertEqual(iin.validation_error("85O3O23OO127"), "characters")
        self.assertEqual(iin.validation_error("850302300l27"), "characters")
        self.assertEqual(iin.foreign_characters("85O3O23OO127"), ["O"])
        self.assertEqual(iin.validation_error("850302\n300127"), "characters")

    def test_longer_or_shorter_is_refused_not_cut(self):
        self.assertEqual(iin.validation_error("8503023001270"), "length")  # 13 digits
        self.assertEqual(iin.normalize("8503023001270"), "8503023001270")
        self.assertEqual(iin.validation_error("85030230012"), "length")  # 11 digits
        self.assertEqual(iin.validation_error("８５０３０２３００１２７０"), "length")

    def test_seventh_digit_is_zero_to_six(self):
        for digit in "0123456":
            number = iin.complete(f"850302{digit}0012")
            if number:
                with self.subTest(digit=digit):
                    self.assertIsNone(iin.validation_error(number))
        for digit in "789":
            with self.subTest(digit=digit):
                number = iin.complete(f"850302{digit}0012") or f"850302{digit}00120"[:12]
                self.assertEqual(iin.validation_error(number), "century")

    def test_birth_date_not_in_the_future(self):
        today = datetime.date(2026, 12, 1)
        tomorrow = iin.complete("2612025" + "0012")  # 2 December 2026, 21st century
        self.assertEqual(iin.validation_error(tomorrow, today=today), "future")
        self.assertIsNone(iin.validation_error(tomorrow, today=datetime.date(2026, 12, 2)))
        born_today = iin.complete("2612015" + "0012")
        self.assertIsNone(iin.validation_error(born_today, today=today))
        self.assertEqual(iin.birth_date(born_today), today)

    def test_bin_rules(self):
        today = datetime.date(2026, 12, 1)
        valid = iin.complete("15084" + "000123")  # August 2015, resident legal entity, head
        self.assertIsNone(iin.bin_validation_error(valid, today=today))
        wrong_check = valid[:11] + str((int(valid[11]) + 1) % 10)
        self.assertEqual(iin.bin_validation_error(wrong_check), "checksum")
        self.assertEqual(iin.bin_validation_error(iin.complete("15134000123")), "month")
        self.assertEqual(iin.bin_validation_error(iin.complete("15004000123")), "month")
        self.assertEqual(iin.bin_validation_error(iin.complete("15083000123")), "entity_type")
        self.assertEqual(iin.bin_validation_error(iin.complete("15084700123")), "unit")
        for entity in "456":
            for unit in "0123":
                number = iin.complete(f"1508{entity}{unit}00123")
                if number:
                    with self.subTest(entity=entity, unit=unit):
                        self.assertIsNone(iin.bin_validation_error(number, today=today))
        next_month = iin.complete("27014000123")  # January 2027
        self.assertEqual(iin.bin_validation_error(next_month, today=today), "future")
        this_month = iin.complete("26124000123")  # December 2026
        self.assertIsNone(iin.bin_validation_error(this_month, today=today))
        self.assertEqual(
            iin.bin_validation_error("2612 4000 123" + this_month[-1] + "0", today=today), "length"
        )
        self.assertEqual(iin.bin_validation_error("ＡＢ" + this_month[2:]), "characters")

    def test_complete_makes_valid_numbers(self):
        for prefix in ("95123140001", "01010150002", "77070730003"):
            number = iin.complete(prefix)
            if number:
                self.assertTrue(iin.is_valid(number), number)
