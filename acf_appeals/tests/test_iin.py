"""IIN validation alone (decision 11)."""

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
        self.assertEqual(iin.validation_error("85030230012"), "format")
        self.assertEqual(iin.validation_error("85030A300127"), "format")
        self.assertEqual(iin.validation_error("851302300127"), "date")  # month 13
        self.assertEqual(iin.validation_error("850302300128"), "checksum")
        self.assertIsNone(iin.validation_error("850302300127"))

    def test_spaces_and_hyphens_are_removed(self):
        self.assertEqual(iin.normalize(" 850302-300 127 "), "850302300127")
        self.assertTrue(iin.is_valid("850302-300127"))
        self.assertIsNone(iin.normalize("  "))

    def test_complete_makes_valid_numbers(self):
        for prefix in ("95123140001", "01010150002", "77070730003"):
            number = iin.complete(prefix)
            if number:
                self.assertTrue(iin.is_valid(number), number)
