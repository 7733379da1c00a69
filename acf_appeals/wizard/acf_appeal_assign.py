from odoo import api, fields, models


class AcfAppealAssign(models.TransientModel):
    _inherit = "acf.appeal.wizard.mixin"
    _name = "acf.appeal.assign"
    _description = "Assign the Responsible Department"

    department_id = fields.Many2one(
        "acf.department", string="Responsible Department", required=True
    )
    allowed_user_ids = fields.Many2many("res.users", compute="_compute_allowed_user_ids")
    responsible_id = fields.Many2one(
        "res.users",
        string="Responsible Employee",
        required=True,
        domain="[('id', 'in', allowed_user_ids)]",
    )

    @api.depends("department_id", "appeal_ids")
    def _compute_allowed_user_ids(self):
        for wizard in self:
            members = wizard.department_id.member_ids | wizard.department_id.manager_id
            wizard.allowed_user_ids = members - wizard.appeal_ids.concerned_user_ids

    @api.onchange("department_id")
    def _onchange_department_id(self):
        if self.responsible_id not in self.allowed_user_ids:
            self.responsible_id = self.department_id.manager_id - self.appeal_ids.concerned_user_ids

    def action_confirm(self):
        self.appeal_ids._assign(self.department_id, self.responsible_id)
        return {"type": "ir.actions.act_window_close"}
