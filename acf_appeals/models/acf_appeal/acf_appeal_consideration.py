"""Routing and consideration (2.3, 5.6-5.10, R25-R33): the Executive Director or a delegate
assigns the responsible department and employee, who establish the facts, ask for information
and set up commissions; the employees an appeal concerns are kept out of it."""

import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ...tools.guard import has_role, step


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    distributor_id = fields.Many2one(
        "res.users",
        string="Routed By",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="The Executive Director, or the delegate named by a head-office order, who "
        "assigns the appeal (2.3, 5.6).",
    )

    delegation_id = fields.Many2one(
        "acf.appeal.delegation",
        string="Delegation Order",
        readonly=True,
        copy=False,
        check_company=True,
    )

    department_id = fields.Many2one(
        "acf.department",
        string="Responsible Department",
        readonly=True,
        copy=False,
        index=True,
        check_company=True,
        tracking=True,
    )

    responsible_id = fields.Many2one(
        "res.users",
        string="Responsible Employee",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )

    concerned_user_ids = fields.Many2many(
        "res.users",
        "acf_appeal_concerned_user_rel",
        "appeal_id",
        "user_id",
        string="Employees Concerned",
        help="Employees whose actions the appeal concerns: to avoid a conflict of interest "
        "they may not be assigned it, review, approve or sign its reply (1.1.6).",
    )

    # What the record rule of 1.1.6 reads: whether the appeal concerns the current user, found
    # as "id IN (the appeals that concern the user)" instead of Odoo's NOT EXISTS per appeal
    # for a many2many, which PostgreSQL costs as one probe per row: every list and board query
    # was then planned as a costly one (compiled by JIT, never parallel). A boolean, so that the
    # rule's check of the records read stays one look-up per record.
    concerns_current_user = fields.Boolean(
        string="Concerns Me",
        compute="_compute_concerns_current_user",
        search="_search_concerns_current_user",
    )

    # What the rule of responsible employees reads for the information requests addressed to
    # the user and the commissions the user chairs or sits on: "id = ANY(those appeals)", one
    # array computed once per query, which PostgreSQL combines with the indexes of the rule's
    # other terms, where Odoo's "id IN (subquery)" for a one2many is tested row by row.
    asked_of_current_user = fields.Boolean(
        string="Asked of Me",
        compute="_compute_asked_of_current_user",
        search="_search_asked_of_current_user",
    )

    info_request_ids = fields.One2many(
        "acf.appeal.info.request", "appeal_id", string="Information Requests"
    )

    open_info_request_count = fields.Integer(compute="_compute_open_info_request_count")

    commission_ids = fields.One2many(
        "acf.appeal.commission", "appeal_id", string="Commissions and Working Groups"
    )

    @api.depends("info_request_ids.state")
    def _compute_open_info_request_count(self):
        counts = dict(
            self.env["acf.appeal.info.request"]._read_group(
                [("appeal_id", "in", self.ids), ("state", "=", "sent")],
                ["appeal_id"],
                ["__count"],
            )
        )
        for appeal in self:
            appeal.open_info_request_count = counts.get(appeal, 0)

    @api.depends("concerned_user_ids")
    @api.depends_context("uid")
    def _compute_concerns_current_user(self):
        uid = self.env.uid
        for appeal in self:
            appeal.concerns_current_user = uid in appeal.concerned_user_ids.ids

    def _search_concerns_current_user(self, operator, value):
        if operator not in ("=", "!="):
            raise ValueError(f"Unsupported search on concerns_current_user: {operator!r}")
        relation = self._fields["concerned_user_ids"]
        concerning = SQL(
            "(SELECT %s FROM %s WHERE %s = %s)",
            SQL.identifier(relation.column1),
            SQL.identifier(relation.relation),
            SQL.identifier(relation.column2),
            self.env.uid,
        )
        return [("id", "in" if (operator == "=") == bool(value) else "not in", concerning)]

    @api.depends(
        "info_request_ids.addressee_id", "commission_ids.chair_id", "commission_ids.member_ids"
    )
    @api.depends_context("uid")
    def _compute_asked_of_current_user(self):
        user = self.env.user
        for appeal in self:
            commissions = appeal.commission_ids
            appeal.asked_of_current_user = (
                user in appeal.info_request_ids.addressee_id
                or user in commissions.chair_id
                or user in commissions.member_ids
            )

    def _search_asked_of_current_user(self, operator, value):
        if operator not in ("=", "!="):
            raise ValueError(f"Unsupported search on asked_of_current_user: {operator!r}")
        requests = self.env["acf.appeal.info.request"]
        commissions = self.env["acf.appeal.commission"]
        members = commissions._fields["member_ids"]
        asked = SQL(
            """ARRAY(SELECT appeal_id FROM %(requests)s WHERE addressee_id = %(uid)s
                UNION ALL SELECT appeal_id FROM %(commissions)s WHERE chair_id = %(uid)s
                UNION ALL SELECT c.appeal_id FROM %(commissions)s c
                            JOIN %(members)s m ON m.%(commission)s = c.id
                           WHERE m.%(user)s = %(uid)s)""",
            requests=SQL.identifier(requests._table),
            commissions=SQL.identifier(commissions._table),
            members=SQL.identifier(members.relation),
            commission=SQL.identifier(members.column1),
            user=SQL.identifier(members.column2),
            uid=self.env.uid,
        )
        if (operator == "=") == bool(value):
            return [("id", "=", SQL("ANY(%s)", asked))]
        return [("id", "!=", SQL("ALL(%s)", asked))]

    @api.constrains("responsible_id", "lawyer_id", "signatory_id", "concerned_user_ids")
    def _check_conflict_of_interest(self):
        for appeal in self:
            for field_name in ("responsible_id", "lawyer_id", "signatory_id"):
                user = appeal[field_name]
                if user and user in appeal.concerned_user_ids:
                    raise ValidationError(
                        self.env._(
                            "%(user)s is concerned by appeal %(number)s and cannot be its "
                            "%(role)s (conflict of interest, policy 1.1.6).",
                            user=user.name,
                            number=appeal.display_name,
                            role=self._fields[field_name].get_description(self.env)["string"],
                        )
                    )

    @step("assign")
    def _assign(self, department, responsible):
        """Assign one responsible department and employee (5.7, R27)."""
        self._check_step(
            "assign",
            wrong_phase=self.env._(
                "Appeal %(number)s can be assigned only while it is with the Executive "
                "Director or the responsible department (stage: %(stage)s)."
            ),
        )
        # Data files and RPC pass ids.
        if isinstance(department, int):
            department = self.env["acf.department"].browse(department)
        if isinstance(responsible, int):
            responsible = self.env["res.users"].browse(responsible)
        if not department or not responsible:
            raise UserError(self.env._("Choose the responsible department and employee."))
        for appeal in self:
            if (
                appeal.phase == "department"
                and appeal.department_id
                and not has_role(self.env, "executive")
                and appeal.distributor_id != self.env.user
                and department != appeal.department_id
            ):
                raise AccessError(
                    self.env._(
                        "A head of department hands appeal %(number)s on only inside the "
                        "department; the Executive Director reassigns it elsewhere.",
                        number=appeal.display_name,
                    )
                )
            if responsible in appeal.concerned_user_ids:
                raise UserError(
                    self.env._(
                        "%(user)s is concerned by appeal %(number)s and cannot be assigned "
                        "it (conflict of interest, policy 1.1.6).",
                        user=responsible.name,
                        number=appeal.display_name,
                    )
                )
        members = department.member_ids | department.manager_id
        if responsible not in members:
            raise UserError(
                self.env._(
                    "%(user)s is not an employee of %(department)s.",
                    user=responsible.name,
                    department=department.display_name,
                )
            )
        if responsible not in self._acf_assignable_users(department):
            raise UserError(
                self.env._(
                    "%(user)s cannot be made responsible for the appeal: the account is archived "
                    "or does not belong to the company of the appeal.",
                    user=responsible.name,
                )
            )
        self._move_to("department", department_id=department.id, responsible_id=responsible.id)
        for appeal in self:
            appeal.message_subscribe(partner_ids=responsible.partner_id.ids)
        return True

    def _after_information(self):
        """Back to the department once every request is answered or cancelled."""
        waiting = self.filtered(
            lambda a: a.phase == "information"
            and not a.info_request_ids.filtered(lambda r: r.state == "sent")
        )
        if waiting:
            waiting._move_to("department")

    def action_open_assign(self):
        self._check_step("assign")
        return self._open_wizard(
            "acf.appeal.assign", self.env._("Assign the Responsible Department")
        )

    def action_new_info_request(self):
        self.ensure_one()
        self._check_step("request_information", action=self.env._("requesting information"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Information Request"),
            "res_model": "acf.appeal.info.request",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_appeal_id": self.id,
                "default_date_deadline": fields.Date.to_string(
                    self._today() + datetime.timedelta(days=3)
                ),
            },
        }

    def action_new_commission(self):
        self.ensure_one()
        self._check_step("set_up_commission", action=self.env._("setting up a commission"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Commission or Working Group"),
            "res_model": "acf.appeal.commission",
            "view_mode": "form",
            "target": "current",
            "context": {"default_appeal_id": self.id, "default_chair_id": self.env.uid},
        }

    def action_view_info_requests(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Information Requests"),
            "res_model": "acf.appeal.info.request",
            "view_mode": "list,form",
            "domain": [("appeal_id", "=", self.id)],
            "context": {"default_appeal_id": self.id},
        }
