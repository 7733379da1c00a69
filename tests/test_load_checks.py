"""The load test's own checks (bench/load/run.py, issue 19): what it reads in Odoo's log and
the SQL checks of the register it runs after the load, each shown to find what it looks for."""

import importlib.util
import pathlib

from odoo.tests import TransactionCase

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("acf_load_run", ROOT / "bench" / "load" / "run.py")
load_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load_run)

LOG = """\
2026-12-02 02:11:52,829 801 INFO db werkzeug: 127.0.0.1 - - [02/Dec/2026 02:11:52] \
"POST /web/dataset/call_button/acf.appeal/action_register HTTP/1.1" 200 - 55 0.536 0.163 rw
2026-12-02 02:11:52,976 796 ERROR db odoo.sql_db: bad query: b'SELECT number_next FROM \
ir_sequence_date_range WHERE id=1 FOR UPDATE NOWAIT'
ERROR: could not serialize access due to concurrent update

2026-12-02 02:11:52,977 796 INFO db odoo.service.model: SERIALIZATION_FAILURE, 4 tries left, \
try again in 0.7000 sec...
2026-12-02 02:11:53,069 801 INFO db werkzeug: 127.0.0.1 - - [02/Dec/2026 02:11:53] \
"POST /web/dataset/call_kw/res.partner/name_search HTTP/1.1" 200 - 12 0.144 0.078 ro
2026-12-02 02:11:53,100 801 INFO db werkzeug: 127.0.0.1 - - [02/Dec/2026 02:11:53] \
"POST /web/dataset/call_kw/res.partner/name_search HTTP/1.1" 200 - 12 0.144 0.078 ro
2026-12-02 02:13:00,278 807 INFO db odoo.addons.base.models.ir_cron: Job 'Appeals: deadline \
reminders and overdue appeals' (16) processed 1000 records, 6000 records remaining
2026-12-02 02:13:09,278 807 INFO db odoo.addons.base.models.ir_cron: Job 'Appeals: deadline \
reminders and overdue appeals' (16) done in 9.000s
2026-12-02 02:14:00,000 796 ERROR db odoo.http: Exception during request handling.
Traceback (most recent call last):
psycopg2.errors.SerializationFailure: could not serialize access due to concurrent update
"""


def test_reading_odoos_log(tmp_path):
    logfile = tmp_path / "odoo.log"
    logfile.write_text(LOG, encoding="utf-8")
    crons, batches, retries, modes, errors = load_run.read_log(logfile)
    assert crons == {"Appeals: deadline reminders and overdue appeals": [9.0]}
    assert batches == {"Appeals: deadline reminders and overdue appeals": [1000]}
    assert retries == {"SERIALIZATION_FAILURE": 1}
    assert modes == {"acf.appeal/action_register": {"rw": 1}, "res.partner/name_search": {"ro": 2}}
    # the failed query Odoo retried is no error; the request that reached the user is one
    assert len(errors) == 1 and "Exception during request handling" in errors[0]


def test_durations():
    assert [load_run.seconds(t) for t in ("300", "300s", "5m", "1h")] == [300, 300, 300, 3600]


class TestRegisterChecks(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Appeal = cls.env["acf.appeal"]
        cls.env.cr.execute("SELECT coalesce(max(id), 0) FROM acf_appeal")
        cls.watermark = cls.env.cr.fetchone()[0]
        client = cls.env["res.partner"].create({"name": "Load Check Client"})
        cls.env["acf.loan"].create({"name": "LOAD-CHECK-1", "partner_id": client.id})
        if not cls.env.company.acf_executive_director_id:
            cls.env.company.acf_executive_director_id = cls.env.ref("base.user_admin")
        cls.appeals = cls.Appeal.create(
            [
                {
                    "partner_id": client.id,
                    "channel_id": cls.env.ref("acf_appeals.channel_hotline").id,
                    "appeal_form": "oral",
                    "response_method": "phone",
                    "substance": f"Прошу пересчитать пеню, обращение {i}.",
                }
                for i in range(3)
            ]
        )
        cls.appeals.action_register()
        cls.env.flush_all()

    def _findings(self):
        self.env.flush_all()
        results, registered, _operators, _years = load_run.register_findings(
            self.env.cr, self.watermark
        )
        results.pop("without activity (first five)")
        return results, registered

    def test_a_sound_register_passes_every_check(self):
        results, registered = self._findings()
        self.assertEqual(registered, 3)
        self.assertEqual(results, dict.fromkeys(load_run.CHECKS, 0))

    def _sql(self, query, *params):
        self.env.cr.execute(query, params)
        self.env.invalidate_all()

    def test_a_gap_in_the_numbers_is_found(self):
        # (a number used twice cannot even be written: acf_appeal_name_company_uniq)
        second = self.appeals.sorted("id")[1]
        year = second.name.split("-")[0]
        self._sql("UPDATE acf_appeal SET name = %s WHERE id = %s", f"{year}-99999", second.id)
        results, _registered = self._findings()
        self.assertEqual(results["incoming numbers used twice"], 0)
        self.assertEqual(
            results["years whose numbers have a gap (numbers from 1 to the count of the year)"], 1
        )

    def test_a_half_registered_appeal_is_found(self):
        self._sql("UPDATE acf_appeal SET date_deadline = NULL WHERE id = %s", self.appeals[0].id)
        results, _registered = self._findings()
        self.assertEqual(
            results["registered appeals without number, date of receipt, deadline or registrar"],
            1,
        )

    def test_an_open_appeal_without_its_activity_is_found(self):
        self._sql(
            "DELETE FROM mail_activity WHERE res_model = 'acf.appeal' AND res_id = %s",
            self.appeals[0].id,
        )
        results, _registered = self._findings()
        self.assertEqual(
            results["open registered appeals without their one 'next step' activity"], 1
        )

    def test_a_draft_left_by_the_load_is_found(self):
        self.Appeal.create(
            {
                "channel_id": self.env.ref("acf_appeals.channel_hotline").id,
                "substance": "Не зарегистрировано.",
            }
        )
        results, _registered = self._findings()
        self.assertEqual(results["drafts the load left unregistered"], 1)
