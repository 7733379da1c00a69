from odoo import api, fields, models

# The policy's path (Annex 3, sections 4-5). Code reads these keys, never stage names; a
# company may rename, reorder, fold or split stages, as long as each stage says which step
# of the path it is.
PHASES = [
    ("intake", "Intake at a branch or office"),
    ("to_register", "Awaiting registration"),
    ("director", "With the Executive Director"),
    ("department", "With the responsible department"),
    ("information", "Information requested"),
    ("commission", "Commission or working group"),
    ("draft_reply", "Draft reply"),
    ("legal_review", "Legal review"),
    ("signature", "Signature"),
    ("sent", "Reply sent"),
    ("closed", "Closed"),
    ("withdrawn", "Withdrawn"),
    ("refused", "Not accepted"),
    ("forwarded", "Forwarded to a state body"),
]
# Business status of the journal entry for each step.
PHASE_STATE = {
    "intake": "draft",
    "to_register": "draft",
    "director": "registered",
    "department": "registered",
    "information": "registered",
    "commission": "registered",
    "draft_reply": "registered",
    "legal_review": "registered",
    "signature": "registered",
    "sent": "registered",
    "closed": "closed",
    "withdrawn": "withdrawn",
    "refused": "refused",
    "forwarded": "forwarded",
}


class AcfAppealStage(models.Model):
    _name = "acf.appeal.stage"
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
            stage.is_terminal = PHASE_STATE.get(stage.phase) not in ("draft", "registered")

    @api.model
    def _first_of_phase(self, phase):
        return self.search([("phase", "=", phase)], limit=1)
