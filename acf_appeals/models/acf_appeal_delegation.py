from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AcfAppealDelegation(models.Model):
    """Head-office order delegating the distribution of appeals (2.3, R25-R26)."""

    _name = "acf.appeal.delegation"
    _description = "Delegation Order"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Order Number", required=True, tracking=True)
    order_date = fields.Date(required=True, tracking=True)
    delegate_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        help="Receives the newly registered appeals and assigns them instead of the "
        "Executive Director while the order applies.",
    )
    date_from = fields.Date(string="Valid From", required=True, index=True, tracking=True)
    date_to = fields.Date(string="Valid Until", index=True, tracking=True)
    may_extend = fields.Boolean(
        string="May Extend Deadlines",
        tracking=True,
        help="Only when the order says so explicitly may the delegate extend deadlines "
        "and put appeals under additional control (decision 5).",
    )
    note = fields.Text()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for order in self:
            if order.date_to and order.date_to < order.date_from:
                raise ValidationError(self.env._("The order must end after it starts."))

    def _is_in_force(self, day):
        """Whether this order applies on ``day`` (archived orders never do)."""
        self.ensure_one()
        return bool(
            self.active and self.date_from <= day and (not self.date_to or self.date_to >= day)
        )

    @api.model
    def _in_force(self, company, day):
        """The order in force on ``day`` for ``company``, the most recent first."""
        return self.search(
            [
                ("company_id", "=", company.id),
                ("date_from", "<=", day),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", day),
            ],
            order="date_from desc, id desc",
            limit=1,
        )
