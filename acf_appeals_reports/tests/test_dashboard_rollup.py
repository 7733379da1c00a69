import datetime
import importlib.util
import pathlib
import random

from freezegun import freeze_time

from odoo.tools import SQL, date_utils

from .common import ReportsCase

MIGRATION = (
    pathlib.Path(__file__).resolve().parent.parent / "migrations" / "18.0.2.2.0" / "post-migrate.py"
)
BREAKDOWNS = ("cause_group_id", "branch_id", "channel_id", "month")
STATES = ("registered", "closed", "closed", "closed", "withdrawn", "refused", "forwarded")


class TestDashboardRollup(ReportsCase):
    """The dashboard from the monthly aggregates equals the live query of the analysis, on
    random appeals, through SQL writes and the ORM, for every period and every scope."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Analysis = cls.env["acf.appeal.analysis"]
        cls.rng = random.Random(19)
        cls.branches = cls.env["acf.branch"].search([]).ids
        cls.channels = cls.env["acf.appeal.channel"].search([]).ids
        cls.causes = cls.env["acf.appeal.cause"].search([]).ids
        cls.departments = (cls.department | cls.other_department).ids
        cls.today = cls.env.company.acf_today()
        cls._generate(3000)

    @classmethod
    def _generate(cls, count):
        """``count`` appeals written by SQL, seeded: every branch, channel, root cause (or
        none), department (or none), status, two years and a bit of dates of receipt."""
        rng, rows = cls.rng, []
        stages = {stage.phase: stage.id for stage in cls.env["acf.appeal.stage"].search([])}
        for index in range(count):
            received = cls.today - datetime.timedelta(days=rng.randint(0, 800))
            deadline = received + datetime.timedelta(days=rng.choice((10, 15, 15, 30)))
            state = rng.choice(STATES)
            replied = closed = None
            if state == "closed" or rng.random() < 0.3:
                replied = received + datetime.timedelta(days=rng.randint(0, 40))
            if state == "closed":
                closed = replied + datetime.timedelta(days=rng.randint(0, 5))
                if rng.random() < 0.02:
                    closed = None  # an old record closed without its date
            rows.append(
                (
                    f"RND-{index:05d}",
                    stages.get("closed" if state == "closed" else "department"),
                    state,
                    received,
                    rng.choice(cls.channels),
                    rng.choice(cls.branches + [None]),
                    rng.choice(cls.causes + [None, None]),
                    rng.choice(cls.departments + [None]),
                    deadline,
                    closed,
                    replied,
                )
            )
        cls.env.cr.execute(
            SQL(
                """
                INSERT INTO acf_appeal (
                    name, stage_id, phase, state, company_id, date_received,
                    registration_datetime, client_name, channel_id, appeal_form, kind,
                    appeal_lang, response_method, significance, branch_id, cause_id,
                    department_id, substance, date_deadline_base, date_deadline, date_closed,
                    date_reply_sent, closed_on_time, extension_days, reminder_level,
                    create_date, write_date, create_uid, write_uid)
                SELECT r.name, r.stage, 'department', r.state, %s, r.received,
                       r.received + time '10:00', 'Клиент', r.channel, 'written', 'complaint',
                       'ru', 'post', 'normal', r.branch, r.cause, r.department, 'Жалоба',
                       r.deadline, r.deadline, r.closed, r.replied,
                       COALESCE(r.replied <= r.deadline, FALSE), 0, 0, now(), now(), 1, 1
                  FROM (VALUES %s) AS r (name, stage, state, received, channel, branch, cause,
                                         department, deadline, closed, replied)
                """,
                cls.env.company.id,
                SQL(", ").join(
                    SQL(
                        "(%s, %s, %s, %s::date, %s, %s::integer, %s::integer, %s::integer,"
                        " %s::date, %s::date, %s::date)",
                        *row,
                    )
                    for row in rows
                ),
            )
        )

    def _periods(self, today):
        """Every range the dashboard reads (its periods, the periods before them, the
        trend) and a few random ones, partial months at either end or none."""
        ranges = []
        for start, end in self.Analysis._dashboard_periods(today).values():
            before = start - datetime.timedelta(days=1)
            ranges += [(start, end), (before - (end - start), before)]
        ranges.append((date_utils.start_of(date_utils.subtract(today, months=11), "month"), today))
        for _index in range(4):
            start = today - datetime.timedelta(days=self.rng.randint(0, 700))
            ranges.append((start, start + datetime.timedelta(days=self.rng.randint(0, 200))))
        return ranges

    def assertDashboardEqualsLive(self, analysis=None, today=None):
        analysis = analysis or self.Analysis
        for start, end in self._periods(today or self.today):
            for groupbys, percentiles in ((BREAKDOWNS, True), ((), True), (("month",), False)):
                fast = analysis._dashboard_figures(start, end, groupbys, percentiles)
                live = analysis._figures(analysis._period_domain(start, end), groupbys, percentiles)
                self.assertEqual(fast, live, f"{start} – {end} by {groupbys}")

    def _sql(self, query, *args):
        self.env.flush_all()
        self.env.cr.execute(SQL(query, *args))
        self.env.invalidate_all()

    def _pick(self, count, where="TRUE"):
        self.env.cr.execute(
            SQL("SELECT id FROM acf_appeal WHERE name LIKE 'RND-%%' AND %s ORDER BY id", SQL(where))
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        return tuple(self.rng.sample(ids, min(count, len(ids))))

    def test_random_register_through_changes(self):
        self.assertDashboardEqualsLive()
        self.Analysis._cron_fold_dashboard_changes()
        self.env.cr.execute(SQL("SELECT count(*) FROM acf_appeal_analysis_delta"))
        self.assertEqual(self.env.cr.fetchone()[0], 0, "the fold leaves nothing pending")
        self.assertDashboardEqualsLive()
        # Reclassification of the cause, the branch, the channel and the department.
        for column, values in (
            ("cause_id", self.causes),
            ("branch_id", self.branches),
            ("channel_id", self.channels),
            ("department_id", self.departments),
        ):
            for appeal_id in self._pick(60):
                self._sql(
                    f"UPDATE acf_appeal SET {column} = %s WHERE id = %s",
                    self.rng.choice(values),
                    appeal_id,
                )
        self.assertDashboardEqualsLive()
        # Replies, closings (on time and late), reopenings, withdrawals, other dates of
        # receipt, deletions; one statement touching many appeals at once.
        self._sql(
            "UPDATE acf_appeal SET date_reply_sent = date_received + 3 WHERE id IN %s",
            self._pick(80, "state = 'registered' AND date_reply_sent IS NULL"),
        )
        self._sql(
            """UPDATE acf_appeal SET state = 'closed', date_closed = date_received + 20,
                      date_reply_sent = COALESCE(date_reply_sent, date_received + 18)
                WHERE id IN %s""",
            self._pick(80, "state = 'registered'"),
        )
        self._sql(
            "UPDATE acf_appeal SET state = 'registered', date_closed = NULL WHERE id IN %s",
            self._pick(40, "state = 'closed'"),
        )
        self._sql(
            "UPDATE acf_appeal SET state = 'withdrawn' WHERE id IN %s",
            self._pick(30, "state = 'registered'"),
        )
        self._sql(
            "UPDATE acf_appeal SET date_received = date_received - 45 WHERE id IN %s",
            self._pick(50),
        )
        self._sql("DELETE FROM acf_appeal WHERE id IN %s", self._pick(50))
        self._sql("UPDATE acf_appeal SET write_date = now() WHERE id IN %s", self._pick(500))
        self.assertDashboardEqualsLive()
        # Half folded, half pending.
        self.Analysis._cron_fold_dashboard_changes()
        self._sql("UPDATE acf_appeal SET cause_id = NULL WHERE id IN %s", self._pick(40))
        self.assertDashboardEqualsLive()
        # Open appeals fall overdue as the days pass: "today" is applied when reading.
        later = self.today + datetime.timedelta(days=20)
        with freeze_time(later):
            self.assertDashboardEqualsLive(today=later)

    def test_appeals_through_the_orm(self):
        self.Analysis._cron_fold_dashboard_changes()
        start = date_utils.start_of(self.today, "quarter")
        self._history(
            {
                "date_received": start.isoformat(),
                "outcome": "closed",
                "date_closed": (start + datetime.timedelta(days=9)).isoformat(),
            },
            {"date_received": start.isoformat(), "outcome": "withdrawn"},
            {"date_received": (start - datetime.timedelta(days=100)).isoformat()},
        )
        drafts = self.env["acf.appeal"].create(
            [
                {
                    "partner_id": self.client.id,
                    "channel_id": self.channel_phone.id,
                    "kind": "complaint",
                    "appeal_lang": "kk",
                    "substance": f"Өтініш {index}",
                }
                for index in range(5)
            ]
        )
        drafts.action_register()
        self.assertDashboardEqualsLive()
        self.assertEqual(
            self.Analysis.get_dashboard("quarter")["figures"],
            self.Analysis._period_figures(start, self.today),
        )

    def test_complaints_resolved_on_the_spot_and_the_time_zone(self):
        values = []
        for index in range(40):
            moment = datetime.datetime.combine(
                self.today - datetime.timedelta(days=self.rng.randint(0, 400)),
                datetime.time(self.rng.choice((2, 10, 19, 23))),
            )
            values.append(
                SQL(
                    "(%s, %s, %s::timestamp, %s)",
                    self.rng.choice(self.branches),
                    self.rng.choice(("resolved", "resolved", "escalated")),
                    moment,
                    index,
                )
            )
        self._sql(
            """INSERT INTO acf_onsite_resolution (branch_id, employee_id, company_id,
                      client_name, appeal_lang, state, complaint, date_received)
               SELECT v.branch, %s, %s, 'Клиент ' || v.n, 'ru', v.state, 'Шағым', v.moment
                 FROM (VALUES %s) AS v (branch, state, moment, n)""",
            self.operator.id,
            self.env.company.id,
            SQL(", ").join(values),
        )
        self.assertDashboardEqualsLive()
        # Another time zone moves complaints received near midnight to another day.
        self.env.company.acf_appeal_tz = "America/New_York"
        self.assertDashboardEqualsLive()
        self.Analysis._cron_fold_dashboard_changes()
        self._sql(
            "UPDATE acf_onsite_resolution SET state = 'escalated' WHERE id IN "
            "(SELECT id FROM acf_onsite_resolution WHERE state = 'resolved' LIMIT 5)"
        )
        self.assertDashboardEqualsLive()

    def test_managers_see_their_scope_from_the_aggregates(self):
        self.dept_head.acf_department_ids = self.department
        self.Analysis._cron_fold_dashboard_changes()
        self._sql(
            "UPDATE acf_appeal SET branch_id = %s WHERE id IN %s", self.branch.id, self._pick(30)
        )
        for user, scoped in (
            (self.cc_head, False),
            (self.director, False),
            (self.branch_user, True),
            (self.dept_head, True),
        ):
            analysis = self.Analysis.with_user(user)
            self.assertEqual(analysis._rollup_scope()[0], scoped, user.login)
            self.assertDashboardEqualsLive(analysis)
        # The branch director's dashboard holds their branch only.
        data = self.Analysis.with_user(self.branch_user).get_dashboard("last_12_months")
        self.assertEqual({row["key"] for row in data["branches"]}, {self.branch.id})

    def test_a_rule_the_aggregates_cannot_express_falls_back_to_the_live_query(self):
        self.env["ir.rule"].create(
            {
                "name": "Test: own clients only",
                "model_id": self.env["ir.model"]._get_id("acf.appeal.analysis"),
                "domain_force": "[('partner_id', '=', user.partner_id.id)]",
                "groups": [(4, self.env.ref("acf_appeals.group_acf_appeals_branch").id)],
            }
        )
        analysis = self.Analysis.with_user(self.branch_user)
        self.assertIsNone(analysis._rollup_scope())
        self.assertDashboardEqualsLive(analysis)

    def test_migration_fills_the_aggregates(self):
        self._sql("TRUNCATE acf_appeal_analysis_delta, acf_appeal_analysis_month")
        self.assertNotEqual(
            self.Analysis._dashboard_figures(self.today - datetime.timedelta(days=400), self.today),
            self.Analysis._figures(
                self.Analysis._period_domain(self.today - datetime.timedelta(days=400), self.today)
            ),
        )
        spec = importlib.util.spec_from_file_location("acf_reports_post_migrate_19", MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.2.1.0")
        self.assertDashboardEqualsLive()

    def test_the_dashboard_may_be_read_from_a_replica(self):
        self.assertTrue(getattr(type(self.Analysis).get_dashboard, "_readonly", False))
