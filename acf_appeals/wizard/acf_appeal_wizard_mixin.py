from odoo import api, fields, models


class AcfAppealWizardMixin(models.AbstractModel):
    """Common ground of the wizards that act on the appeals selected by the user."""

    _name = "acf.appeal.wizard.mixin"
    _description = "Appeal Decision Wizard"

    appeal_ids = fields.Many2many("acf.appeal", string="Appeals", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "acf.appeal":
            values["appeal_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values
