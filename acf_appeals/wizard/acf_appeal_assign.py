from odoo import api, fields, models
from odoo.exceptions import UserError


class AcfAppealAssign(models.TransientModel):
    _inherit = "acf.appeal.wizard.mixin"
    _name = "acf.appeal.assign"
    _description = "Assign the Responsible Department"

    # The suggestion (issue 21, acf_appeal_routing.py): from the closed appeals like this one
    # and the employees' load. It fills the fields below only while they are empty; the person
    # who assigns may change them, and nothing is assigned before they confirm. Computed as the
    # user (not sudo, the default of stored fields): only who may assign sees a suggestion.
    suggested_department_id = fields.Many2one(
        "acf.department",
        compute="_compute_suggestion",
        store=True,
        compute_sudo=False,
    )
    suggested_responsible_id = fields.Many2one(
        "res.users",
        string="Suggested Employee",
        compute="_compute_suggestion",
        store=True,
        compute_sudo=False,
    )
    suggestion_reason = fields.Text(
        string="Why Suggested", compute="_compute_suggestion", store=True, compute_sudo=False
    )

    department_id = fields.Many2one(
        "acf.department",
        string="Responsible Department",
        required=True,
        compute="_compute_department_id",
        store=True,
        readonly=False,
    )
    allowed_user_ids = fields.Many2many("res.users", compute="_compute_allowed_user_ids")
    responsible_id = fields.Many2one(
        "res.users",
        string="Responsible Employee",
        required=True,
        domain="[('id', 'in', allowed_user_ids)]",
        compute="_compute_responsible_id",
        store=True,
        readonly=False,
    )

    @api.depends("appeal_ids")
    def _compute_suggestion(self):
        for wizard in self:
            appeal = wizard.appeal_ids
            suggestion = {}
            if len(appeal) == 1 and appeal.can_assign:
                suggestion = appeal._acf_suggest_routing()
            elif len(appeal) > 1:
                suggestion = {
                    "reason": self.env._("A suggestion is made for one appeal at a time.")
                }
            wizard.suggested_department_id = suggestion.get("department")
            wizard.suggested_responsible_id = suggestion.get("responsible")
            wizard.suggestion_reason = suggestion.get("reason")

    @api.depends("suggested_department_id")
    def _compute_department_id(self):
        for wizard in self:
            if not wizard.department_id:
                wizard.department_id = wizard.suggested_department_id

    @api.depends("suggested_responsible_id")
    def _compute_responsible_id(self):
        for wizard in self:
            if not wizard.responsible_id:
                wizard.responsible_id = wizard.suggested_responsible_id

    @api.depends("department_id", "appeal_ids")
    def _compute_allowed_user_ids(self):
        for wizard in self:
            wizard.allowed_user_ids = wizard.appeal_ids._acf_assignable_users(wizard.department_id)

    @api.onchange("department_id")
    def _onchange_department_id(self):
        allowed = self.appeal_ids._acf_assignable_users(self.department_id)
        if self.responsible_id not in allowed:
            if self.department_id == self.suggested_department_id:
                self.responsible_id = self.suggested_responsible_id
            else:
                self.responsible_id = self.department_id.manager_id & allowed

    def action_use_suggestion(self):
        """Put the suggested department and employee in the wizard; the assignment still waits
        for the confirmation."""
        self.ensure_one()
        if not self.suggested_department_id or not self.suggested_responsible_id:
            raise UserError(self.env._("There is no suggestion to use for this appeal."))
        self.write(
            {
                "department_id": self.suggested_department_id.id,
                "responsible_id": self.suggested_responsible_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign the Responsible Department"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        self.appeal_ids._assign(self.department_id, self.responsible_id)
        return {"type": "ir.actions.act_window_close"}
