from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AcfEmergencyPeriod(models.Model):
    """A state of emergency declared by a decree or order (policy 1.4.4, R9).

    While it is in force, a representative may appeal without a notarised power of attorney,
    and by telephone, when no confidential microcredit data are disclosed. An appeal is inside
    the period when its intake date (the local date of ``intake_datetime``) is between the start
    and the end (open while in force). Recorded by the Executive Director or the lawyer only
    (access rights); everyone else reads it. An appeal's ``state_of_emergency`` follows the
    periods until it is registered, then never changes.
    """

    _name = "acf.emergency.period"
    _description = "State of Emergency"
    _order = "date_start desc, id desc"

    name = fields.Char(
        string="Decree or Order",
        required=True,
        help="The act that declared the state of emergency, e.g. the Decree of the President "
        "of the Republic of Kazakhstan.",
    )
    decree_number = fields.Char(string="Number")
    decree_date = fields.Date(string="Dated", required=True)
    date_start = fields.Date(string="In Force From", required=True)
    date_end = fields.Date(
        string="In Force Until", help="Empty while the state of emergency is in force."
    )
    note = fields.Text()
    scan = fields.Binary(string="Scan of the Decree", attachment=True)
    scan_filename = fields.Char(string="Decree Scan File Name")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    @api.depends("name", "decree_number", "date_start", "date_end")
    def _compute_display_name(self):
        for period in self:
            period.display_name = self.env._(
                "%(decree)s %(number)s: from %(start)s until %(end)s",
                decree=period.name or "",
                number=period.decree_number or "",
                start=fields.Date.to_string(period.date_start) or "",
                end=fields.Date.to_string(period.date_end) or self.env._("in force"),
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for period in self:
            if period.date_end and period.date_start and period.date_end < period.date_start:
                raise ValidationError(
                    self.env._("A state of emergency ends on or after the day it starts.")
                )

    @api.model
    def _covering(self, company, day):
        """The period of ``company`` in force on ``day``, if any."""
        return self.search(
            [
                ("company_id", "=", company.id),
                ("date_start", "<=", day),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", day),
            ],
            limit=1,
        )

    def _refresh_appeals(self, companies):
        """Appeals awaiting registration follow the periods; registered ones never change."""
        appeals = (
            self.env["acf.appeal"]
            .sudo()
            .search([("company_id", "in", companies.ids), ("state", "=", "draft")])
        )
        # sudo: the periods decide for every appeal of the company, whoever records them.
        if appeals:
            self.env.add_to_compute(appeals._fields["state_of_emergency"], appeals)

    @api.model_create_multi
    def create(self, vals_list):
        periods = super().create(vals_list)
        self._refresh_appeals(periods.company_id)
        return periods

    def write(self, vals):
        companies = self.company_id
        result = super().write(vals)
        self._refresh_appeals(companies | self.company_id)
        return result

    def unlink(self):
        companies = self.company_id
        result = super().unlink()
        self._refresh_appeals(companies)
        return result
