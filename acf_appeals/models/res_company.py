import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..lib import wording
from ..lib.deadline import DEFAULT_TIMEZONE, local_date


class ResCompany(models.Model):
    _inherit = "res.company"

    acf_appeal_tz = fields.Selection(
        _tz_get,
        string="Appeals Time Zone",
        default=DEFAULT_TIMEZONE,
        required=True,
        help="Dates of receipt, deadlines and 'today' of the appeals register are "
        "local dates in this time zone.",
    )
    # Where a client who disagrees with a reply may turn (issue 17): printed in every reply but a
    # fully granted one. Telephone, web site, e-mail: the same in a Kazakh and a Russian letter.
    acf_ardfm_contacts = fields.Char(
        string="Agency's Contacts",
        default="1459, www.gov.kz/memleket/entities/ardfm",
        help="Contact details of the Agency of the Republic of Kazakhstan for Regulation and "
        "Development of the Financial Market printed in replies (telephone, web site, e-mail).",
    )
    acf_ombudsman_contacts = fields.Char(
        string="Microfinance Ombudsman's Contacts",
        help="Contact details of the microfinance ombudsman printed in replies (telephone, web "
        "site, e-mail); nothing is printed in brackets while empty.",
    )
    acf_executive_director_id = fields.Many2one(
        "res.users",
        string="Executive Director",
        help="Receives every newly registered appeal unless an order delegates this duty "
        "(2.3, 5.6); signs the replies to particularly important appeals (5.11).",
    )
    acf_lawyer_id = fields.Many2one(
        "res.users",
        string="Lawyer",
        help="Reviews the draft replies by default (5.9-5.11).",
    )
    acf_cc_head_id = fields.Many2one(
        "res.users",
        string="Head of the Call Centre",
        help="Prepares the quarterly report and the yearly review of the policy (1.2, 8.2).",
    )
    acf_office_manager_id = fields.Many2one(
        "res.users",
        string="Head-Office Manager",
        help="Sends the extension and additional-control letters (6.1).",
    )
    acf_r4_forward_days = fields.Integer(
        string="Days to Forward a Crime Report",
        default=1,
        required=True,
        help="An anonymous report of a crime or a security threat is forwarded promptly to the "
        "competent state body (1.1.4, 5.4): after this many days from its registration, the "
        "head of the call centre is alerted.",
    )

    # Retention of personal data (issue 20): the years after closing an appeal keeps them.
    acf_retention_years = fields.Integer(
        string="Years to Keep Personal Data",
        default=5,
        required=True,
        help="After this many years from its closing, an appeal's personal data (the client, "
        "identity, contacts, address, texts and attachments) are removed; its journal entry "
        "and the statistics stay. 0 keeps them without limit. A legal hold keeps an appeal "
        "out of the removal.",
    )

    # The registration backlog (3.5): the client's clock starts only at registration, so what
    # waits for it is watched in the call centre's own working hours (issue 16, item 7).
    acf_registration_hours = fields.Float(
        string="Working Hours to Register",
        default=4.0,
        required=True,
        help="An e-mail, a forwarded office intake or a website call-back request still "
        "waiting for registration after this many working hours of the call centre is "
        "reported to the head of the call centre.",
    )
    acf_cc_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Call-Centre Working Hours",
        default=lambda self: self.env.ref(
            "acf_appeals.resource_calendar_call_centre", raise_if_not_found=False
        ),
        help="The days and hours the call centre registers appeals, in the calendar's time "
        "zone, with its public holidays (time off without a resource). The waiting time of "
        "the registration backlog counts only these hours.",
    )

    @api.constrains("acf_registration_hours")
    def _check_acf_registration_hours(self):
        for company in self:
            if company.acf_registration_hours <= 0:
                raise ValidationError(
                    self.env._("The working hours to register an appeal must be more than 0.")
                )

    @api.model
    def _acf_init_cc_calendar(self):
        """Give the call centre's default working hours to the companies that have none (the
        companies that existed before the field did)."""
        calendar = self.env.ref("acf_appeals.resource_calendar_call_centre")
        self.search([("acf_cc_calendar_id", "=", False)]).write({"acf_cc_calendar_id": calendar.id})

    def _acf_cc_calendar(self):
        self.ensure_one()
        return (
            self.acf_cc_calendar_id
            or self.env.ref("acf_appeals.resource_calendar_call_centre", raise_if_not_found=False)
            or self.resource_calendar_id
        )

    def _acf_registration_late_before(self, now=None):
        """The moment before which an item waiting for registration has waited longer than the
        company's working hours to register (naive UTC), or ``None`` when the calendar has no
        working hours at all. Counted back from ``now`` through the call centre's working
        hours, so that the night, the weekend and the holidays do not count."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        # sudo: the working hours decide for everyone, whoever may read the calendar.
        calendar = self._acf_cc_calendar().sudo()
        if not calendar:
            return None
        moment = calendar.plan_hours(
            -self.acf_registration_hours, pytz.utc.localize(now), compute_leaves=True
        )
        return moment.astimezone(pytz.utc).replace(tzinfo=None) if moment else None

    def _acf_working_hours_since(self, moments, now=None):
        """The call centre's working hours from each naive-UTC moment of ``moments`` to ``now``
        ({moment: hours}), from one reading of the calendar."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        moments = [m for m in moments if m]
        calendar = self._acf_cc_calendar().sudo()  # sudo: as above
        if not moments or not calendar:
            return dict.fromkeys(moments, 0.0)
        start = pytz.utc.localize(min(moments))
        end = pytz.utc.localize(now)
        if start >= end:
            return dict.fromkeys(moments, 0.0)
        intervals = [
            (begin.astimezone(pytz.utc), stop.astimezone(pytz.utc))
            for begin, stop, _meta in calendar._work_intervals_batch(start, end)[False]
        ]
        hours = {}
        for moment in moments:
            aware = pytz.utc.localize(moment)
            seconds = sum(
                (stop - max(begin, aware)).total_seconds()
                for begin, stop in intervals
                if stop > aware
            )
            hours[moment] = round(seconds / 3600, 2)
        return hours

    @api.constrains("acf_r4_forward_days")
    def _check_acf_r4_forward_days(self):
        for company in self:
            if company.acf_r4_forward_days < 1:
                raise ValidationError(
                    self.env._(
                        "A crime report is forwarded within at least 1 day of its registration."
                    )
                )

    def write(self, vals):
        if "acf_appeal_tz" in vals:
            # The zone is kept in the registry's cache (_acf_zone_of); Odoo clears it in every
            # worker once this transaction commits, and drops it if it rolls back.
            self.env.registry.clear_cache()
        return super().write(vals)

    def _acf_zone_name(self):
        return self._acf_zone_of((self[:1] or self.env.company).id)

    @api.model
    @tools.ormcache("company_id")
    def _acf_zone_of(self, company_id):
        # Every list of appeals computes "today" for its deadline column: reading the zone from
        # the company's row cost a query of all its columns per request (issue 19). sudo: an
        # appeal's dates are those of its own company, which may not be among the user's
        # current companies; the zone reveals nothing but itself.
        return self.sudo().browse(company_id).acf_appeal_tz or DEFAULT_TIMEZONE

    # The company's calendar: every "today", date of receipt and deadline of both addons is
    # a local date in the register's time zone (decision 3). Public, because the reports
    # addon and the wizards use it; it reveals nothing but the date.
    def acf_today(self):
        """Today as a local date in the register's time zone."""
        return self.acf_local_date(fields.Datetime.now())

    def acf_local_date(self, moment):
        """The local calendar date of a naive-UTC (Odoo) datetime."""
        return local_date(moment, self._acf_zone_name())

    def acf_local_to_utc(self, local_datetime):
        """A naive local time of the register's zone as the naive UTC Odoo stores."""
        zone = pytz.timezone(self._acf_zone_name())
        return zone.localize(local_datetime).astimezone(pytz.utc).replace(tzinfo=None)

    def _acf_executive_director_dative(self, lang):
        """The Executive Director as the written appeal form (Annex 1) addresses them, in the
        dative of ``lang`` ("kk" or "ru"): «Тұрсынову С.» / «С. Тұрсыновқа»."""
        self.ensure_one()
        director = self.acf_executive_director_id
        if not director:
            return ""
        return wording.person_dative(lang, director.name, declared=director.partner_id.acf_gender)
