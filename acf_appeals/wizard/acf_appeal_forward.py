from odoo import api, fields, models

from ..models.acf_appeal.acf_appeal_outcome import FORWARDING_REASONS


class AcfAppealForward(models.TransientModel):
    _inherit = "acf.appeal.wizard.mixin"
    _name = "acf.appeal.forward"
    _description = "Forward an Appeal to a State Body"

    state_body_name = fields.Char(string="State Body", required=True)
    addressee = fields.Char(
        string="Letter Addressed To",
        required=True,
        help="Whom the forwarding letter is addressed to, as its address block names them: "
        "the head of the body, in the dative (for example «Начальнику Департамента полиции "
        "г. Алматы»).",
    )
    state_body_name_kk = fields.Char(
        string="State Body in Kazakh",
        help="The body's official name in Kazakh, for the letters written in Kazakh.",
    )
    addressee_kk = fields.Char(
        string="Letter Addressed To, in Kazakh",
        help="The same address in Kazakh (for example «Алматы қаласы Полиция департаментінің "
        "бастығына»), for the letters written in Kazakh.",
    )
    needs_kazakh = fields.Boolean(compute="_compute_needs_kazakh")
    forwarding_reason = fields.Selection(
        FORWARDING_REASONS,
        string="Why Forwarded",
        required=True,
        compute="_compute_forwarding_reason",
        store=True,
        readonly=False,
        help="Only an anonymous report of a crime or a security threat is forwarded as such "
        "(policy 1.1.4); any other appeal only when its questions are outside ACF's competence, "
        "and its client is told by a letter.",
    )
    forwarding_date = fields.Date(
        string="Forwarded On",
        required=True,
        default=lambda self: self.env.company.acf_today(),
    )
    note = fields.Text()

    @api.depends("appeal_ids.appeal_lang")
    def _compute_needs_kazakh(self):
        for wizard in self:
            wizard.needs_kazakh = any(a.appeal_lang == "kk" for a in wizard.appeal_ids)

    @api.depends("appeal_ids")
    def _compute_forwarding_reason(self):
        for wizard in self:
            appeals = wizard.appeal_ids
            if appeals and all(a.is_anonymous and a.reports_offence for a in appeals):
                wizard.forwarding_reason = "crime_report"
            elif not wizard.forwarding_reason:
                wizard.forwarding_reason = False

    def action_confirm(self):
        self.appeal_ids._forward(
            self.state_body_name,
            self.forwarding_date,
            self.note,
            reason=self.forwarding_reason,
            state_body_name_kk=self.state_body_name_kk,
            addressee=self.addressee,
            addressee_kk=self.addressee_kk,
        )
        return {"type": "ir.actions.act_window_close"}
