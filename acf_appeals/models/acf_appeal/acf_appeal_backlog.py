"""The registration backlog (3.5, issue 16 item 7): what waits for the call centre to register it.

The client's clock starts only at registration, so every hour an appeal waits in "to register"
is lost to the client. An appeal waits there since it reached the call centre: its intake (an
e-mail, a call, the call centre's own entry) or the office's forwarding. It waits too long when
more than the company's working hours to register (4 by default) of the call centre's working
hours have passed since: the night, the weekend and the holidays of the calendar do not count.
The board, the dashboard and the watcher (``acf.appeal.watcher``) read the same rule:
``res.company._acf_registration_late_before``.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import create_index

BACKLOG_STATES = [("late", "Waiting too long"), ("waiting", "Waiting")]


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    registration_waiting_since = fields.Datetime(
        string="Waiting for Registration Since",
        compute="_compute_registration_waiting_since",
        store=True,
        help="When the appeal reached the call centre: its intake, or the office's forwarding.",
    )

    registration_late_alerted = fields.Boolean(
        string="Backlog Reported",
        readonly=True,
        copy=False,
        help="The head of the call centre was told that the appeal waits too long for "
        "registration.",
    )

    registration_waiting_hours = fields.Float(
        string="Working Hours Waiting",
        compute="_compute_registration_backlog",
        help="Working hours of the call centre since the appeal reached it, while it waits "
        "for registration.",
    )

    registration_backlog_state = fields.Selection(
        BACKLOG_STATES,
        string="Registration Backlog",
        compute="_compute_registration_backlog",
        search="_search_registration_backlog_state",
    )

    is_registration_late = fields.Boolean(
        string="Waiting Too Long for Registration",
        compute="_compute_registration_backlog",
        search="_search_is_registration_late",
    )

    def init(self):
        result = super().init()
        # The watcher's and the board's query: what waits for registration, by waiting time.
        create_index(
            self.env.cr,
            "acf_appeal_registration_backlog_idx",
            self._table,
            ["company_id", "registration_waiting_since"],
            where="phase = 'to_register'",
        )
        return result

    @api.depends("intake_datetime", "cc_forwarded_at")
    def _compute_registration_waiting_since(self):
        for appeal in self:
            appeal.registration_waiting_since = appeal.cc_forwarded_at or appeal.intake_datetime

    @api.model
    def _registration_late_thresholds(self):
        """{company id: the moment before which a waiting appeal is late} for every company
        (one reading of each company's calendar)."""
        # sudo: each company's working hours, whatever companies the user works in.
        companies = self.env["res.company"].sudo().search([])
        return {company.id: company._acf_registration_late_before() for company in companies}

    @api.depends("phase", "registration_waiting_since", "company_id")
    def _compute_registration_backlog(self):
        waiting = self.filtered(lambda a: a.phase == "to_register" and a.registration_waiting_since)
        (self - waiting).update(
            {
                "registration_waiting_hours": 0.0,
                "registration_backlog_state": False,
                "is_registration_late": False,
            }
        )
        thresholds = self._registration_late_thresholds() if waiting else {}
        for company in waiting.company_id:
            appeals = waiting.filtered(lambda a, company=company: a.company_id == company)
            hours = company.sudo()._acf_working_hours_since(
                appeals.mapped("registration_waiting_since")
            )
            threshold = thresholds.get(company.id)
            for appeal in appeals:
                late = bool(threshold and appeal.registration_waiting_since < threshold)
                appeal.registration_waiting_hours = hours[appeal.registration_waiting_since]
                appeal.registration_backlog_state = "late" if late else "waiting"
                appeal.is_registration_late = late

    @api.model
    def _registration_late_domain(self):
        """The appeals waiting too long for registration, now, as a domain on stored fields."""
        per_company = [
            ["&", ("company_id", "=", company_id), ("registration_waiting_since", "<", moment)]
            for company_id, moment in self._registration_late_thresholds().items()
            if moment
        ]
        if not per_company:
            return [("id", "=", False)]
        late = ["|"] * (len(per_company) - 1) + [leaf for part in per_company for leaf in part]
        return ["&", ("phase", "=", "to_register"), *late]

    def _search_is_registration_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the registration backlog."))
        domain = self._registration_late_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    def _search_registration_backlog_state(self, operator, value):
        if operator not in ("=", "!=") or value not in ("late", "waiting", False):
            raise UserError(self.env._("Unsupported search on the registration backlog."))
        late = self._registration_late_domain()
        if value == "late":
            domain = late
        elif value == "waiting":
            domain = ["&", ("phase", "=", "to_register"), "!", *late]
        else:
            domain = [("phase", "!=", "to_register")]
        return domain if operator == "=" else ["!", *domain]

    def _read_group_groupby(self, groupby_spec, query):
        """The board's progress bar groups by the backlog state, computed in SQL from the same
        thresholds as the search."""
        if groupby_spec != "registration_backlog_state":
            return super()._read_group_groupby(groupby_spec, query)
        phase = self._field_to_sql(self._table, "phase", query)
        company = self._field_to_sql(self._table, "company_id", query)
        since = self._field_to_sql(self._table, "registration_waiting_since", query)
        late = [
            SQL("(%s = %s AND %s < %s)", company, company_id, since, moment)
            for company_id, moment in self._registration_late_thresholds().items()
            if moment
        ]
        late_sql = SQL(" OR ").join(late) if late else SQL("FALSE")
        return SQL(
            "(CASE WHEN %s = 'to_register' THEN (CASE WHEN %s THEN 'late' ELSE 'waiting' END) END)",
            phase,
            late_sql,
        )

    @api.model
    def _registration_backlog(self):
        """What waits for registration, as the board and the dashboard show it: the number of
        appeals and call-back requests waiting, how many wait too long, and the oldest item
        with its working hours waiting. Counted by the server with the indexed searches of the
        watcher; record rules apply."""
        waiting = [("phase", "=", "to_register"), ("company_id", "in", self.env.companies.ids)]
        late = self._registration_late_domain()
        Request = self.env["acf.callback.request"]
        can_read_requests = Request.has_access("read")
        waiting_requests = [
            ("state", "in", Request._WAITING_STATES),
            ("company_id", "in", self.env.companies.ids),
        ]
        figures = {
            "appeals": self.search_count(waiting),
            "appeals_late": self.search_count([*waiting, *late]),
            "callbacks": Request.search_count(waiting_requests) if can_read_requests else 0,
            "callbacks_late": (
                Request.search_count([*waiting_requests, *Request._late_domain()])
                if can_read_requests
                else 0
            ),
        }
        figures["count"] = figures["appeals"] + figures["callbacks"]
        figures["late"] = figures["appeals_late"] + figures["callbacks_late"]
        candidates = []
        appeal = self.search(waiting, order="registration_waiting_since, id", limit=1)
        if appeal:
            candidates.append(
                (
                    appeal.registration_waiting_since,
                    {
                        "model": self._name,
                        "id": appeal.id,
                        "label": appeal.display_name,
                        "channel": appeal.channel_id.display_name,
                        "hours": appeal.registration_waiting_hours,
                        "late": appeal.is_registration_late,
                    },
                )
            )
        request = (
            Request.search(waiting_requests, order="create_date, id", limit=1)
            if can_read_requests
            else Request
        )
        if request:
            candidates.append(
                (
                    request.create_date,
                    {
                        "model": Request._name,
                        "id": request.id,
                        "label": request.name,
                        "channel": self.env.ref("acf_appeals.channel_website").display_name,
                        "hours": request.waiting_hours,
                        "late": request.is_late,
                    },
                )
            )
        figures["oldest"] = None
        if candidates:
            since, oldest = min(candidates, key=lambda candidate: candidate[0])
            figures["oldest"] = dict(oldest, since=fields.Datetime.to_string(since))
        return figures
