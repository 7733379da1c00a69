from odoo import api, models


class AcfRuleScopeMixin(models.AbstractModel):
    """A model whose records the record rules resolve to ids (``res.users``'s branch and
    department scopes): Odoo caches the rules' domains per user, so a change that moves a
    user's scope clears that cache, in every worker (issue 19)."""

    _name = "acf.rule.scope.mixin"
    _description = "ACF Record Rule Scope"

    # The fields that decide whose scope a record is in.
    _acf_scope_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env["res.users"]._acf_rule_scopes_changed()
        return records

    def write(self, vals):
        res = super().write(vals)
        if set(vals) & set(self._acf_scope_fields):
            self.env["res.users"]._acf_rule_scopes_changed()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_clear_rule_scope(self):
        self.env["res.users"]._acf_rule_scopes_changed()
