import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

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
