import base64
import datetime
import importlib.util
import pathlib

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from ..lib import iin as iin_lib
from .common import AppealsCase


@tagged("post_install", "-at_install")
class TestClientIdentity(AppealsCase):
    def test_iin_is_stored_as_twelve_digits(self):
        partner = self.env["res.partner"].create(
            {"name": "Ерлан Сапаров", "acf_iin": "850302 300-127"}
        )
        self.assertEqual(partner.acf_iin, "850302300127")

    def test_wrong_iin_is_refused_with_the_reason(self):
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self.env["res.partner"].create({"name": "Ерлан", "acf_iin": "850302300128"})
        with self.assertRaisesRegex(ValidationError, "12 digits"):
            self.env["res.partner"].create({"name": "Ерлан", "acf_iin": "8503023001"})
        with self.assertRaisesRegex(ValidationError, "date of birth"):
            self.env["res.partner"].create({"name": "Ерлан", "acf_iin": "851302300127"})

    def test_iin_error_in_kazakh(self):
        env = self.env(context=dict(self.env.context, lang="kk_KZ"))
        with self.assertRaisesRegex(ValidationError, "ЖСН"):
            env["res.partner"].create({"name": "Ерлан", "acf_iin": "850302300128"})

    def test_one_contact_per_iin(self):
        self.env["res.partner"].create({"name": "A", "acf_iin": "850302300127"})
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            self.env["res.partner"].create({"name": "B", "acf_iin": "850302300127"})

    def test_client_means_a_microloan(self):
        self.assertTrue(self.client.acf_is_client)
        self.assertFalse(self.non_client.acf_is_client)
        self.env["acf.loan"].create({"name": "ZM-NEW-1", "partner_id": self.non_client.id})
        self.assertTrue(self.non_client.acf_is_client)

    def test_find_client_by_iin_and_contract(self):
        found = self.env["res.partner"].search([("acf_iin", "=", self.client.acf_iin)])
        self.assertEqual(found, self.client)
        appeal = self._registered()
        self.assertEqual(self.client.acf_appeal_count, 1)
        action = self.client.action_view_acf_appeals()
        self.assertEqual(self.env["acf.appeal"].search(action["domain"]), appeal)


# One IIN (born 2 March 1985, 20th century, male) as people type it (decision 11).
IIN = "850302300127"
TYPED_FORMS = {
    "spaces": "850302 300 127",
    "no-break spaces": "850302\u00a0300\u00a0127",
    "tab": "850302\t300127",
    "hyphens": "850302-300-127",
    "Unicode hyphen and minus": "850302\u2010300\u2212127",
    "full-width digits": "８５０３０２３００１２７",
}


@tagged("post_install", "-at_install")
class TestIdentificationNumbers(AppealsCase):
    """Decision 11 and R6 through the ORM: every form an IIN or a BIN is typed in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.today = cls.env.company.acf_today()

    def _person(self, number, name="Ерлан Сапаров"):
        return self.Partner.create({"name": name, "acf_iin": number})

    def _company(self, number, name="ТОО «Жетісу Агро»"):
        return self.Partner.create({"name": name, "is_company": True, "acf_bin": number})

    def test_the_field_does_not_cut_the_input(self):
        self.assertFalse(self.Partner._fields["acf_iin"].size)
        self.assertFalse(self.Partner._fields["acf_bin"].size)

    def test_every_form_is_stored_once_and_found_in_any_form(self):
        partner = self._person(TYPED_FORMS["spaces"])
        self.assertEqual(partner.acf_iin, IIN)
        for label, typed in TYPED_FORMS.items():
            with self.subTest(form=label):
                self.assertEqual(self.Partner.search([("acf_iin", "=", typed)]), partner)
                found = self.Partner.name_search(typed)
                self.assertEqual([pid for pid, _name in found], [partner.id])
                with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
                    with self.env.cr.savepoint():
                        self._person(typed, name=f"Двойник ({label})")
        partner.unlink()
        for label, typed in TYPED_FORMS.items():
            with self.subTest(form=label, stored=True):
                other = self._person(typed, name="Стёртый")
                self.assertEqual(other.acf_iin, IIN)
                other.unlink()

    def test_an_appeal_is_found_by_the_client_iin_in_any_form(self):
        appeal = self._new_appeal()
        number = self.client.acf_iin
        wide = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        for typed in (number, f"{number[:6]} {number[6:]}", f"{number[:6]}-{number[6:]}", wide):
            with self.subTest(typed=typed):
                found = (
                    self.env["acf.appeal"]
                    .with_user(self.operator)
                    .search([("client_iin", "=", typed)])
                )
                self.assertEqual(found, appeal)

    def test_other_digits_and_letters_are_refused(self):
        for typed in ("٨٥٠٣٠٢٣٠٠١٢٧", "۸۵۰۳۰۲۳۰۰۱۲۷", "85O3O23OO127", "850302300l27"):
            with (
                self.subTest(typed=typed),
                self.assertRaisesRegex(ValidationError, "digits 0-9 only"),
            ):
                with self.env.cr.savepoint():
                    self._person(typed)
        self.assertFalse(self.Partner.search([("name", "=", "Ерлан Сапаров")]))

    def test_eleven_or_thirteen_digits_are_refused_and_nothing_is_cut(self):
        partner = self._person(IIN)
        for typed, count in (("85030230012", 11), ("8503023001270", 13), ("8503023001275", 13)):
            with self.subTest(typed=typed):
                with self.assertRaisesRegex(
                    ValidationError, f"exactly 12 digits, you typed {count}"
                ):
                    with self.env.cr.savepoint():
                        partner.write({"acf_iin": typed})
                partner.invalidate_recordset()
                self.assertEqual(partner.acf_iin, IIN, "the partner keeps its number")
                with self.assertRaisesRegex(ValidationError, "you typed"):
                    with self.env.cr.savepoint():
                        self._person(typed, name="Новый клиент")
        # 13 digits whose first 12 are another valid IIN: refused, not stored as that IIN.
        self.assertFalse(self.Partner.search([("name", "=", "Новый клиент")]))

    def test_seventh_digit_seven_to_nine_is_refused(self):
        for digit in "789":
            number = iin_lib.complete(f"850302{digit}0012")
            with (
                self.subTest(digit=digit),
                self.assertRaisesRegex(ValidationError, f"7th digit .* not {digit}"),
            ):
                with self.env.cr.savepoint():
                    self._person(number)

    def test_birth_date_in_the_future_is_refused(self):
        tomorrow = self.today + datetime.timedelta(days=1)
        prefix = tomorrow.strftime("%y%m%d") + "5"  # the 21st century
        number = next(
            iin_lib.complete(f"{prefix}{serial:04d}")
            for serial in range(1, 100)
            if iin_lib.complete(f"{prefix}{serial:04d}")
        )
        with self.assertRaisesRegex(ValidationError, "is in the future"):
            with self.env.cr.savepoint():
                self._person(number)
        born_today = next(
            iin_lib.complete(f"{self.today.strftime('%y%m%d')}5{serial:04d}")
            for serial in range(1, 100)
            if iin_lib.complete(f"{self.today.strftime('%y%m%d')}5{serial:04d}")
        )
        self.assertEqual(self._person(born_today).acf_iin, born_today)

    def test_iin_error_in_russian(self):
        env = self.env(context=dict(self.env.context, lang="ru_RU"))
        with self.assertRaisesRegex(ValidationError, "ИИН"):
            env["res.partner"].create({"name": "Ерлан", "acf_iin": "8503023001270"})

    def test_bin_valid_and_invalid(self):
        valid = iin_lib.complete("15084000123")
        company = self._company(f"{valid[:4]} {valid[4:8]}-{valid[8:]}")
        self.assertEqual(company.acf_bin, valid)
        wrong_check = valid[:11] + str((int(valid[11]) + 1) % 10)
        next_month = self.today.replace(day=1) + datetime.timedelta(days=32)
        future = iin_lib.complete(next_month.strftime("%y%m") + "4000123")
        for number, reason in (
            (iin_lib.complete("15134000123"), "there is no month 13"),
            (iin_lib.complete("15083000123"), "5th digit .* not 3"),
            (iin_lib.complete("15084700123"), "6th digit .* not 7"),
            (wrong_check, "BIN check digit is wrong"),
            (future, "is in the future"),
            ("150840001234 5", "exactly 12 digits, you typed 13"),
            ("٨٥٠٣٠٢٣٠٠١٢٧", "digits 0-9 only"),
        ):
            with self.subTest(number=number), self.assertRaisesRegex(ValidationError, reason):
                with self.env.cr.savepoint():
                    self._company(number, name=f"ТОО {number}")
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._company("".join(chr(0xFF10 + int(d)) for d in valid), name="ТОО Двойник")

    def test_iin_for_persons_bin_for_companies(self):
        valid_bin = iin_lib.complete("15084000123")
        with self.assertRaisesRegex(ValidationError, "is a company: a legal entity has a BIN"):
            with self.env.cr.savepoint():
                self.Partner.create({"name": "ТОО «Арман»", "is_company": True, "acf_iin": IIN})
        with self.assertRaisesRegex(ValidationError, "is a person: a person has an IIN"):
            with self.env.cr.savepoint():
                self.Partner.create({"name": "Арман Серіков", "acf_bin": valid_bin})
        person = self._person(IIN)
        with self.assertRaisesRegex(ValidationError, "legal entity has a BIN"):
            with self.env.cr.savepoint():
                person.is_company = True
        self.assertFalse(person.is_company)

    def test_the_numbers_are_read_by_the_roles_that_see_every_client(self):
        company = self._company(iin_lib.complete("15084000123"))
        with self.assertRaises(AccessError):
            company.with_user(self.responsible).read(["acf_bin"])
        self.assertEqual(company.with_user(self.operator).acf_bin, company.acf_bin)

    def test_a_legal_entity_client_appeals_end_to_end(self):
        valid_bin = iin_lib.complete("15084000123")
        company = self.Partner.create(
            {
                "name": "ТОО «Жетісу Агро»",
                "is_company": True,
                "acf_bin": valid_bin,
                "email": "agro@example.kz",
                "street": "ул. Абая 10",
                "city": "Тараз",
                "lang": "ru_RU",
            }
        )
        # Not a client yet: offered to the operator only once it has a microloan (R6).
        domain = self.env["acf.appeal"]._fields["partner_id"].domain
        Partner = self.Partner.with_user(self.operator)
        self.assertFalse(Partner.search([("id", "=", company.id), *safe_eval(domain)]))
        not_client = self._new_appeal(partner_id=company.id, channel_id=self.channel_email.id)
        with self.assertRaisesRegex(UserError, "has no microloan with ACF"):
            not_client.with_user(self.operator).action_register()
        self.env["acf.loan"].create(
            {"name": "ZM-LE-0001", "partner_id": company.id, "branch_id": self.branch.id}
        )
        self.assertEqual(Partner.search([("id", "=", company.id), *safe_eval(domain)]), company)
        typed = f"{valid_bin[:4]} {valid_bin[4:8]}\u00a0{valid_bin[8:]}"
        found = Partner.name_search(typed)
        self.assertEqual([pid for pid, _name in found], [company.id], "found by its BIN")
        appeal = self._written(partner_id=company.id)
        self.assertEqual(appeal.state, "registered")
        self.assertEqual(appeal.client_name, "ТОО «Жетісу Агро»")
        as_responsible = appeal.with_user(self.responsible)
        self._advance(appeal, "department")
        self.assertEqual(as_responsible.client_bin, valid_bin, "read through the appeal")
        self.assertFalse(as_responsible.client_iin)
        self.assertEqual(
            self.env["acf.appeal"].with_user(self.operator).search([("client_bin", "=", typed)]),
            appeal | not_client,
        )
        self._advance(appeal, "closed")
        self.assertEqual(appeal.state, "closed")
        letter = appeal.reply_letter_id
        self.assertEqual(letter.addressee_name, "ТОО «Жетісу Агро»")
        self.assertEqual(letter.addressee_email, "agro@example.kz")

    def test_aspect_import_refuses_a_thirteen_digit_iin_with_the_reason(self):
        header = (
            "aspect_number;date_received;client_name;client_iin;channel_code;kind;language;"
            "substance;outcome;date_closed;decision_summary\n"
        )
        wide = self.client.acf_iin.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        rows = (
            f"A-2024-1;14.02.2024;Асель;{self.client.acf_iin}0;hotline;complaint;kk;Пеня;closed;"
            "20.02.2024;Сторно\n"
            f"A-2024-2;14.02.2024;Асель;{wide};hotline;complaint;kk;Пеня;closed;20.02.2024;"
            "Сторно\n"
        )
        wizard = (
            self.env["acf.appeal.import"]
            .with_user(self.cc_head)
            .create({"file": base64.b64encode((header + rows).encode()), "filename": "a.csv"})
        )
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 1)
        self.assertIn("exactly 12 digits, you typed 13", wizard.report)
        imported = self.env["acf.appeal"].search([("name", "=", "A-2024-2")])
        self.assertEqual(imported.partner_id, self.client, "full-width digits find the client")


@tagged("post_install", "-at_install")
class TestIdentityMigration(AppealsCase):
    """18.0.2.4.0: stored IINs normalised; invalid or colliding ones kept and reported."""

    def _load(self):
        script = (
            pathlib.Path(__file__).resolve().parent.parent
            / "migrations"
            / "18.0.2.4.0"
            / "post-migrate-identity.py"
        )
        spec = importlib.util.spec_from_file_location("acf_post_migrate_identity", script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_stored_numbers_are_normalised_and_the_rest_reported(self):
        Partner = self.env["res.partner"]
        wide = Partner.create({"name": "Широкие цифры"})
        spaced = Partner.create({"name": "С пробелом"})
        long = Partner.create({"name": "Тринадцать цифр"})
        firm = Partner.create({"name": "ТОО «Старый номер»", "is_company": True})
        firm_bad = Partner.create({"name": "ТОО «Неверный номер»", "is_company": True})
        valid_bin = iin_lib.complete("15084000123")
        old_values = {
            wide: "８５０３０２３００１２７",
            spaced: "850302\u00a0300127",  # the same number as the first
            long: "8503023001270",
            firm: valid_bin,
            firm_bad: "850302300127x",
        }
        self.env.flush_all()
        # As an older database has them (no check ran on them then).
        for partner, value in old_values.items():
            self.env.cr.execute(
                "UPDATE res_partner SET acf_iin = %s WHERE id = %s", [value, partner.id]
            )
        template = self.env.ref("acf_appeals.mail_template_letter")
        self.env.cr.execute(
            "UPDATE mail_template SET email_to = %s WHERE id = %s",
            ["{{ object.contact_email }}", template.id],
        )
        with self.assertLogs("acf_post_migrate_identity", "INFO") as logs:
            self._load().migrate(self.env.cr, "18.0.2.3.0")
        Partner.invalidate_model()
        template.invalidate_recordset()
        self.assertEqual(wide.acf_iin, IIN)
        self.assertEqual(spaced.acf_iin, "850302\u00a0300127", "kept: it would collide")
        self.assertEqual(long.acf_iin, "8503023001270", "kept, never cut")
        self.assertEqual((firm.acf_iin, firm.acf_bin), (False, valid_bin))
        self.assertEqual(firm_bad.acf_iin, "850302300127x")
        report = "\n".join(logs.output)
        self.assertIn(f"Contact {spaced.id} has the IIN", report)
        self.assertIn("another contact already has that number", report)
        self.assertIn(f"Contact {long.id} has an invalid IIN '8503023001270' (length)", report)
        self.assertIn(f"Contact {firm_bad.id} is a company with the IIN", report)
        self.assertIn(f"Contact {firm.id} is a company: its number", report)
        self.assertEqual(template.email_to, "{{ object.applicant_emails }}")
