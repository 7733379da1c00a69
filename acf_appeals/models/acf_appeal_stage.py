from odoo import api, fields, models, tools

from ..lib.procedure import OPEN_STATES, PHASE_STATE, PHASES


class AcfAppealStage(models.Model):
    _name = "acf.appeal.stage"
    _inherit = ["acf.named.reference.mixin", "acf.computed.guard.mixin"]
    _description = "Appeal Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    phase = fields.Selection(
        PHASES,
        string="Step of the Procedure",
        required=True,
        index=True,
        help="Which step of the policy's procedure this stage is. Buttons move an appeal "
        "to the first stage of the next step; appeals may be dragged only between stages "
        "of the same step.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    is_terminal = fields.Boolean(
        compute="_compute_is_terminal",
        store=True,
        help="Appeals in this stage are no longer open.",
    )
    active = fields.Boolean(default=True)

    @api.depends("phase")
    def _compute_is_terminal(self):
        for stage in self:
            stage.is_terminal = PHASE_STATE.get(stage.phase) not in OPEN_STATES

    @api.model
    def _first_of_phase(self, phase):
        return self.browse(self._first_of_phase_id(phase))

    @tools.ormcache("phase")
    def _first_of_phase_id(self, phase):
        # Every transition and every new appeal asks; stages change rarely (the cache is
        # cleared when they do).
        return self.sudo().search([("phase", "=", phase)], limit=1).id

    # A new or deleted stage clears the registry's cache in acf.named.reference.mixin.
    def write(self, vals):
        if {"phase", "sequence", "active"} & set(vals):
            self.env.registry.clear_cache()
        return super().write(vals)
