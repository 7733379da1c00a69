"""An appeal as an entry of the incoming journal (R19-R24), and the guards that keep it.

``acf.appeal`` is split along the policy's path, one file per part, each holding the fields,
computes and actions of its part:

- ``acf_appeal.py`` (this file): the journal entry, its stage and status, who acts now, the
  steps of the procedure (``lib/procedure.py``) as server checks and ``can_<step>`` fields, and
  the guards that keep a registered entry from being changed or lost;
- ``acf_appeal_intake.py``: intake at an office, the e-mail and phone channels, acceptance and
  registration (R3-R24);
- ``acf_appeal_deadline.py``: the deadline and its decisions (section 6, R34-R39);
- ``acf_appeal_consideration.py``: routing and consideration (5.6-5.10, R25-R33);
- ``acf_appeal_reply.py``: the reply, its legal review and signature (5.9-5.13, 7, R40-R49);
- ``acf_appeal_outcome.py``: closing, refusal, withdrawal and forwarding (5.13, R3-R5, R52);
- ``acf_appeal_mail.py``: the mail gateway and the client portal.
"""

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import regex_order
from odoo.tools import SQL
from odoo.tools.sql import create_index
from odoo.tools.translate import LazyTranslate

from ...lib import procedure
from ...lib.procedure import DEPARTMENT_PHASES, OPEN_STATES, PHASE_STATE
from ...tools.guard import has_role, require_role, require_state, running_steps

_lt = LazyTranslate(__name__)

# Why a step is refused when its requirements in the procedure's table are not met.
STEP_UNMET_MESSAGES = {
    "submit_legal_review": _lt(
        "Appeal %(number)s is answered orally: record the oral reply instead."
    ),
    "record_oral_reply": _lt("The client of appeal %(number)s asked for a written reply."),
    "sign": _lt("The reply to appeal %(number)s is already signed."),
    "send_reply": _lt("The reply to appeal %(number)s is not signed yet."),
}


class AcfAppeal(models.Model):
    _name = "acf.appeal"

    _description = "Client Appeal"

    _inherit = [
        "acf.procedure.mixin",
        "acf.journal.seal.mixin",
        "acf.client.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]

    _order = "date_received desc, name desc, id desc"

    _rec_names_search = ["name", "client_name", "substance"]

    _check_company_auto = True

    name = fields.Char(
        string="Incoming Number",
        readonly=True,
        copy=False,
        index=True,
        help="Registration number in the electronic journal of incoming "
        "correspondence, assigned by the call centre.",
    )

    stage_id = fields.Many2one(
        "acf.appeal.stage",
        default=lambda self: self._default_stage_id(),
        required=True,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
    )

    phase = fields.Selection(related="stage_id.phase", store=True, index=True)

    state = fields.Selection(
        [
            ("draft", "Awaiting registration"),
            ("registered", "Registered"),
            ("closed", "Closed"),
            ("withdrawn", "Withdrawn"),
            ("refused", "Not accepted"),
            ("forwarded", "Forwarded to a state body"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        help="Status of the entry in the incoming journal, given by the stage.",
    )

    is_open = fields.Boolean(compute="_compute_is_open", search="_search_is_open")

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    registration_datetime = fields.Datetime(string="Registered On", readonly=True, copy=False)

    date_received = fields.Date(
        string="Date of Receipt",
        readonly=True,
        copy=False,
        index=True,
        help="The day the call centre registered the appeal (policy 3.5); every time "
        "limit runs from it.",
    )

    registered_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    is_historical = fields.Boolean(
        string="Imported from Aspect",
        readonly=True,
        copy=False,
        index=True,
        help="Brought over from the old Aspect CRM with its original number and dates; "
        "it never took a number from the live journal.",
    )

    attachment_ids = fields.Many2many(
        "ir.attachment",
        "acf_appeal_ir_attachment_rel",
        "appeal_id",
        "attachment_id",
        string="Scans and Documents",
    )

    user_id = fields.Many2one(
        "res.users",
        string="Awaiting",
        compute="_compute_user_id",
        store=True,
        index=True,
        help="The person who has to act on the appeal now.",
    )

    # What the user may do now, by the procedure's table (read by the form, board and list).
    can_forward_to_call_centre = fields.Boolean(compute="_compute_can_steps")
    can_register = fields.Boolean(compute="_compute_can_steps")
    can_refuse = fields.Boolean(compute="_compute_can_steps")
    can_merge = fields.Boolean(compute="_compute_can_steps")
    can_link_duplicates = fields.Boolean(compute="_compute_can_steps")
    can_assign = fields.Boolean(compute="_compute_can_steps")
    can_request_information = fields.Boolean(compute="_compute_can_steps")
    can_set_up_commission = fields.Boolean(compute="_compute_can_steps")
    can_start_reply = fields.Boolean(compute="_compute_can_steps")
    can_submit_legal_review = fields.Boolean(compute="_compute_can_steps")
    can_record_oral_reply = fields.Boolean(compute="_compute_can_steps")
    can_legal_approve = fields.Boolean(compute="_compute_can_steps")
    can_legal_return = fields.Boolean(compute="_compute_can_steps")
    can_sign = fields.Boolean(compute="_compute_can_steps")
    can_send_reply = fields.Boolean(compute="_compute_can_steps")
    can_close = fields.Boolean(compute="_compute_can_steps")
    can_forward_to_state_body = fields.Boolean(compute="_compute_can_steps")
    can_decide_deadline = fields.Boolean(compute="_compute_can_steps")
    can_withdraw = fields.Boolean(compute="_compute_can_steps")
    can_set_long_period = fields.Boolean(compute="_compute_can_steps")
    can_change_response_method = fields.Boolean(compute="_compute_can_steps")
    # Fields the user may edit in the form now (the steps' ``edits``).
    can_record_intake = fields.Boolean(compute="_compute_can_steps")
    can_classify = fields.Boolean(compute="_compute_can_steps")
    can_choose_reviewers = fields.Boolean(compute="_compute_can_steps")
    can_write_reply = fields.Boolean(compute="_compute_can_steps")
    can_write_oral_reply = fields.Boolean(compute="_compute_can_steps")
    can_record_decision = fields.Boolean(compute="_compute_can_steps")
    can_reclassify = fields.Boolean(compute="_compute_can_steps")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The incoming number must be unique."),
    ]

    def init(self):
        result = super().init()
        open_appeals = "state IN ('draft', 'registered')"
        # The journal's first page in its order (_order), with the filter "Open" and without:
        # the first 80 entries of the index, no sort of the whole register.
        create_index(
            self.env.cr,
            "acf_appeal_journal_order_idx",
            self._table,
            ["date_received DESC", "name DESC", "id DESC"],
        )
        create_index(
            self.env.cr,
            "acf_appeal_open_journal_order_idx",
            self._table,
            ["date_received DESC", "name DESC", "id DESC"],
            where=open_appeals,
        )
        # The open appeals (a tenth of the register) with every column the board's counts,
        # the deadline filters and the record rules read: an index-only scan of the open
        # appeals instead of a visit to every page of the table (they are spread over it).
        create_index(
            self.env.cr,
            "acf_appeal_open_board_idx",
            self._table,
            [
                "date_deadline",
                "stage_id",
                "branch_id",
                "state",
                "phase",
                "company_id",
                "id",
                "user_id",
                "create_uid",
                "responsible_id",
                "distributor_id",
                "signatory_id",
                "department_id",
            ],
            where=open_appeals,
        )
        # The branch rule's "or recorded by the user": with it, each term of the rules of
        # branch staff and responsible employees has its index and PostgreSQL reads their union
        # (a bitmap) instead of testing every appeal of the register (issue 19).
        create_index(self.env.cr, "acf_appeal_create_uid_idx", self._table, ["create_uid"])
        return result

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """Groups by a many2one (the board's columns: stage, branch, ...) in the comodel's order
        without joining the comodel to every row.

        Odoo joins the comodel and groups by its order columns too (for the branches, their
        sequence and translated name, a JSON look-up per appeal: 100,000 on the board). Here
        each order column is a subquery on the grouped id, which PostgreSQL evaluates once per
        group. Same groups, same order; a comodel ordered by anything but its own stored
        columns keeps Odoo's way.
        """
        field = self._fields.get(field_name)
        comodel_terms = (
            query.groupby
            and alias == self._table
            and field is not None
            and field.type == "many2one"
            and self._plain_order_terms(self.env[field.comodel_name])
        )
        if not comodel_terms:
            return super()._order_field_to_sql(alias, field_name, direction, nulls, query)
        comodel = self.env[field.comodel_name]
        sql_field = self._field_to_sql(alias, field_name, query)
        terms = []
        if nulls.code == "NULLS FIRST":
            terms.append(SQL("%s IS NOT NULL", sql_field))
        elif nulls.code == "NULLS LAST":
            terms.append(SQL("%s IS NULL", sql_field))
        reverse = direction.code == "DESC"
        coalias = f"{comodel._table}__group_order"
        for fname, descending in comodel_terms:
            terms.append(
                SQL(
                    "(SELECT %s FROM %s AS %s WHERE %s = %s) %s",
                    comodel._field_to_sql(coalias, fname),
                    SQL.identifier(comodel._table),
                    SQL.identifier(coalias),
                    SQL.identifier(coalias, "id"),
                    sql_field,
                    SQL("DESC" if descending != reverse else "ASC"),
                )
            )
        return SQL(", ").join(terms)

    @api.model
    def _plain_order_terms(self, comodel):
        """[(field name, descending)] of ``comodel._order`` if it orders by its own stored,
        non-relational columns only (else None)."""
        if comodel._order == "id":
            return None
        terms = []
        for part in comodel._order.split(","):
            match = regex_order.match(part)
            field = match and comodel._fields.get(match["field"])
            if (
                not field
                or match["property"]
                or match["nulls"]
                or not field.store
                or not field.column_type
                or field.type == "many2one"
            ):
                return None
            terms.append((field.name, (match["direction"] or "").upper() == "DESC"))
        return terms

    @api.model
    def _default_stage_id(self):
        """The call centre's own intake waits for registration; any other starts at intake."""
        Stage = self.env["acf.appeal.stage"]
        if has_role(self.env, "operator"):
            return Stage._first_of_phase("to_register")
        return Stage._first_of_phase("intake")

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)

    @api.depends("stage_id.phase")
    def _compute_state(self):
        for appeal in self:
            appeal.state = PHASE_STATE.get(appeal.stage_id.phase, "draft")

    @api.depends("state")
    def _compute_is_open(self):
        for appeal in self:
            appeal.is_open = appeal.state in OPEN_STATES

    def _search_is_open(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'open'."))
        positive = (operator == "=") == value
        return [("state", "in" if positive else "not in", OPEN_STATES)]

    @api.depends(
        "phase",
        "distributor_id",
        "responsible_id",
        "lawyer_id",
        "signatory_id",
        "signed_by_id",
        "branch_id.head_id",
    )
    def _compute_user_id(self):
        for appeal in self:
            phase = appeal.phase
            if phase == "intake":
                appeal.user_id = appeal.branch_id.head_id or appeal.create_uid
            elif phase == "director":
                appeal.user_id = appeal.distributor_id
            elif phase == "legal_review":
                appeal.user_id = appeal.lawyer_id
            elif phase == "signature" and not appeal.signed_by_id:
                appeal.user_id = appeal.signatory_id
            elif phase in (*DEPARTMENT_PHASES, "signature"):
                appeal.user_id = appeal.responsible_id or appeal.department_id.manager_id
            else:
                appeal.user_id = False

    @api.depends("name", "client_name")
    def _compute_display_name(self):
        for appeal in self:
            number = appeal.name or self.env._("Awaiting registration")
            appeal.display_name = (
                f"{number} — {appeal.client_name}" if appeal.client_name else number
            )

    def _today(self):
        """Today in the time zone of the appeal's company (decision 3)."""
        return (self.company_id[:1] or self.env.company).acf_today()

    @api.depends(
        "phase",
        "needs_written_reply",
        "signed_by_id",
        "responsible_id",
        "department_id",
        "distributor_id",
        "signatory_id",
        "delegation_id.may_extend",
        "delegation_id.delegate_id",
        "concerned_user_ids",
    )
    @api.depends_context("uid")
    def _compute_can_steps(self):
        for appeal in self:
            for step in procedure.STEPS:
                appeal[f"can_{step.name}"] = appeal._step_allowed(step)

    def _step_allowed(self, step):
        """Whether the current user may take ``step`` on this appeal now (the buttons)."""
        self.ensure_one()
        if not procedure.phase_allows(step, self.phase):
            return False
        if procedure.unmet_requirements(step, self):
            return False
        if step.roles and not has_role(self.env, *step.roles):
            return False
        if self._is_concerned_in(step):
            return False
        if not step.actor or self.env.su:
            return True
        if step.supervisors and has_role(self.env, *step.supervisors):
            return True
        return self._is_step_actor(step.actor)

    def _is_concerned_in(self, step):
        """The user is an employee the appeal concerns, and the step is one they may not take
        (1.1.6, R33)."""
        return (
            not self.env.su
            and step.name not in procedure.CONFLICT_FREE_STEPS
            # sudo: who the appeal concerns decides the user's right, whatever they may read.
            and self.env.user in self.sudo().concerned_user_ids
        )

    def _is_step_actor(self, actor):
        """Whether the current user is the ``actor`` of this appeal (``procedure.ACTORS``)."""
        self.ensure_one()
        user = self.env.user
        if actor == "department":
            return user == self.responsible_id or self._is_department_head_of(self.department_id)
        if actor == "department_head":
            return self._is_department_head_of(self.department_id)
        if actor == "router":
            # A delegate distributes only while the head-office order is in force (2.3, R26);
            # a head hands the appeal on inside the department.
            order = self.delegation_id
            routes = user == self.distributor_id and (
                not order or order._is_in_force(self._today())
            )
            return routes or (
                self.phase in DEPARTMENT_PHASES and self._is_department_head_of(self.department_id)
            )
        if actor == "signatory":
            return user == self.signatory_id
        if actor == "deadline_delegate":
            order = self.delegation_id
            return bool(order.may_extend and order.delegate_id == user)
        if actor == "not_concerned":
            return user not in self.concerned_user_ids
        raise ValueError(actor)

    def _check_step(self, name, wrong_phase=None, wrong_role=None, action=None):
        """Refuse step ``name`` of the procedure's table unless it is allowed on every appeal.

        ``wrong_phase`` and ``wrong_role`` are the action's own translated messages (with
        ``%(number)s`` and ``%(stage)s``); ``action`` says what the step does, for the refusal
        of a user who is not the appeal's actor.
        """
        step = procedure.STEP_BY_NAME[name]
        if step.roles:
            require_role(
                self.env,
                step.roles,
                wrong_role or self.env._("Your role does not allow this step of the procedure."),
            )
        require_state(self, step.phases, wrong_phase, field="phase")
        for appeal in self.filtered(lambda a: a._is_concerned_in(step)):
            raise appeal._actor_refusal("not_concerned", None, action or self.env._("this step"))
        for appeal in self.filtered(lambda a: procedure.unmet_requirements(step, a)):
            message = STEP_UNMET_MESSAGES.get(name) or _lt(
                "This step is not available for %(number)s."
            )
            raise UserError(str(message) % {"number": appeal.display_name})
        if not step.actor or self.env.su:
            return
        if step.supervisors and has_role(self.env, *step.supervisors):
            return
        for appeal in self.filtered(lambda a: not a._is_step_actor(step.actor)):
            raise appeal._actor_refusal(step.actor, wrong_role, action)

    def _actor_refusal(self, actor, wrong_role, action):
        """The error for a user who is not the ``actor`` of this appeal."""
        number = self.display_name
        if actor == "department":
            return AccessError(
                self.env._(
                    "Only the responsible employee of appeal %(number)s or the head of "
                    "the department may do this: %(action)s.",
                    number=number,
                    action=action,
                )
            )
        if actor == "router":
            order = self.delegation_id
            if order and self.env.user == self.distributor_id:
                return AccessError(
                    self.env._(
                        "Delegation order %(order)s is no longer in force: the Executive "
                        "Director assigns appeal %(number)s (policy 2.3).",
                        order=order.name,
                        number=number,
                    )
                )
            return AccessError(
                self.env._(
                    "Only the Executive Director or the employee delegated by a head-office "
                    "order assigns appeal %(number)s.",
                    number=number,
                )
            )
        if actor == "department_head":
            return AccessError(
                self.env._(
                    "Only the head of the responsible department or the Executive Director "
                    "decides this for appeal %(number)s.",
                    number=number,
                )
            )
        if actor == "signatory":
            return AccessError(
                self.env._(
                    "The reply to appeal %(number)s is signed by %(signatory)s (policy 5.11).",
                    number=number,
                    signatory=self.signatory_id.name or "-",
                )
            )
        if actor == "not_concerned":
            return UserError(
                self.env._(
                    "Appeal %(number)s concerns your own actions: %(action)s is not "
                    "allowed to you (conflict of interest, policy 1.1.6).",
                    number=number,
                    action=action,
                )
            )
        return AccessError(wrong_role)

    def _is_department_head_of(self, department):
        user = self.env.user
        return bool(department) and (
            department.manager_id == user
            or (department.branch_id and department.branch_id.director_id == user)
        )

    def _check_department_actor(self, action):
        """The responsible employee, or the head of the department, acts for it (5.9, 2.5)."""
        if self.env.su:
            return
        for appeal in self.filtered(lambda a: not a._is_step_actor("department")):
            raise appeal._actor_refusal("department", None, action)

    def _check_not_concerned(self, action):
        """Refuse when the acting user is concerned by the appeal (1.1.6, R33)."""
        if self.env.su:
            return
        for appeal in self.filtered(lambda a: not a._is_step_actor("not_concerned")):
            raise appeal._actor_refusal("not_concerned", None, action)

    def _move_to(self, phase, **values):
        """Write a transition: the first stage of ``phase`` and the values it records."""
        stage = self.env["acf.appeal.stage"]._first_of_phase(phase)
        if not stage:
            raise UserError(
                self.env._("No active stage is configured for this step: %(step)s.", step=phase)
            )
        self.write(dict(values, stage_id=stage.id))
        self._activity_update()

    def _activity_update(self):
        """Keep one "next step" activity per appeal, for the user who must act now."""
        activity_type = self.env.ref(
            "acf_appeals.mail_activity_type_appeal_step", raise_if_not_found=False
        )
        if not activity_type or not self:
            return
        Activity = self.env["mail.activity"].sudo()
        # sudo: the actor hands the appeal on to someone whose activities they cannot edit.
        existing = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        kept = existing.filtered(
            lambda act: (appeal := self.browse(act.res_id)).user_id == act.user_id
            and appeal.is_open
        )
        (existing - kept).unlink()
        already = {(act.res_id, act.user_id.id) for act in kept}
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": appeal.id,
                "activity_type_id": activity_type.id,
                "user_id": appeal.user_id.id,
                "summary": appeal.stage_id.name,
                "date_deadline": appeal.date_deadline or appeal._today(),
            }
            for appeal in self
            if appeal.is_open and appeal.user_id and (appeal.id, appeal.user_id.id) not in already
        ]
        if vals_list:
            # quick update: the systray shows the activity; no assignment e-mail per appeal.
            Activity.with_context(mail_activity_quick_update=True).create(vals_list)

    def write(self, vals):
        self._check_journal_lock(vals)
        if "attachment_ids" in vals:
            self._check_no_attachment_removed(vals["attachment_ids"])
        return super().write(vals)

    def _check_journal_lock(self, vals):
        """The identity of a registered journal entry never changes (R20), superuser included,
        except in the steps that write it."""
        locked = set(vals) & set(procedure.JOURNAL_LOCKED)
        if not locked or set(running_steps()) & set(procedure.JOURNAL_STEPS):
            return
        if self.filtered(lambda a: a.state != "draft"):
            raise UserError(
                self.env._(
                    "These fields of a registered appeal cannot be changed: %(fields)s.",
                    fields=self._field_labels(locked),
                )
            )

    # The write policy (acf.procedure.mixin) asks the procedure's table.
    def _edit_step_allowed(self, step):
        return self._step_allowed(step)

    def _create_edit_allowed(self, step, vals):
        stage = (
            self.env["acf.appeal.stage"].browse(vals.get("stage_id")) or self._default_stage_id()
        )
        return (
            procedure.phase_allows(step, stage.phase)
            and not step.actor
            and (not step.roles or has_role(self.env, *step.roles))
        )

    def _protected_change_allowed(self, name, owners, vals, creating=False):
        if name == "stage_id":
            # A company may split a step into several stages: moving inside a step is free;
            # only the actions move an appeal from one step to the next.
            stage = self.env["acf.appeal.stage"].browse(vals["stage_id"])
            if creating:
                return stage.phase == self._default_stage_id().phase
            return all(appeal.phase == stage.phase for appeal in self)
        return super()._protected_change_allowed(name, owners, vals, creating=creating)

    def _protected_create_allowed(self, name, vals):
        if name == "company_id":
            return vals[name] in self.env.companies.ids
        if name == "intake_user_id":
            return vals[name] == self.env.uid  # who records it received it (4.5)
        return False

    def _protected_refusal(self, names, vals):
        if "stage_id" in names:
            moved = self[:1]
            target = self.env["acf.appeal.stage"].browse(vals["stage_id"])
            return UserError(
                self.env._(
                    "Appeal %(number)s cannot be moved from %(from)s to %(to)s by hand: "
                    "use the buttons of the appeal, which check who may do it and what "
                    "it needs.",
                    number=moved.display_name or self.env._("Awaiting registration"),
                    **{"from": moved.stage_id.display_name or "-", "to": target.display_name},
                )
            )
        if names == ["reply_body"] and self.filtered(lambda a: a.legal_approved_by_id):
            return UserError(
                self.env._(
                    "The reply to appeal %(number)s was approved by the lawyer and can no "
                    "longer be changed.",
                    number=self.filtered("legal_approved_by_id")[0].display_name,
                )
            )
        return UserError(
            self.env._(
                "Use the buttons of the appeal to change: %(fields)s.",
                fields=self._field_labels(names),
            )
        )

    @api.model
    def _prepare_protected_create(self, vals):
        if not set(running_steps()) & set(procedure.SYSTEM_STEPS):
            vals.pop("signatory_id", None)  # computed from significance and branch (5.11)
        return super()._prepare_protected_create(vals)

    def _check_no_attachment_removed(self, commands):
        """Refuse x2many commands that would take a document off a registered appeal."""
        for appeal in self.filtered(lambda a: a.state != "draft"):
            kept = set(appeal.attachment_ids.ids)
            removed = set()
            for command in commands:
                if command[0] in (Command.UNLINK, Command.DELETE):
                    removed.add(command[1])
                elif command[0] == Command.CLEAR:
                    removed |= kept
                elif command[0] == Command.SET:
                    removed |= kept - set(command[2])
            if removed & kept:
                raise UserError(
                    self.env._(
                        "Documents cannot be removed from registered appeal "
                        "%(number)s; add new ones instead.",
                        number=appeal.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        if self.filtered(lambda a: a.state != "draft"):
            raise UserError(
                self.env._(
                    "Registered, refused or forwarded appeals cannot be deleted: the "
                    "incoming journal keeps every appeal."
                )
            )

    @api.constrains("client_name", "date_received", "name", "state")
    def _check_journal_entry(self):
        journal_states = ("registered", "closed", "forwarded")
        for appeal in self.filtered(lambda a: a.state in journal_states or a.registration_datetime):
            if not (appeal.name and appeal.date_received and appeal.client_name):
                raise ValidationError(
                    self.env._(
                        "A journal entry needs its incoming number, date of receipt "
                        "and the client's full name."
                    )
                )

    def _open_wizard(self, model, title):
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }
