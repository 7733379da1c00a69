from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import languages
from ..tools.guard import require_role, step

VERIFY = "journal_verification.verify"

PROBLEMS = [
    ("missing", "An entry is missing (deleted)"),
    ("seal", "The entry, or the one before it, was changed"),
    ("personal", "The personal data of the entry were changed"),
    ("pdf", "The PDF is not the one signed"),
]


class AcfJournalVerification(models.Model):
    """A check of the sealed journals (issue 20), kept as the auditor's record of it."""

    _name = "acf.journal.verification"
    _description = "Verification of the Sealed Journals"
    _inherit = ["acf.procedure.mixin"]
    _order = "checked_on desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self.env.company.acf_today().replace(month=1, day=1),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self.env.company.acf_today()
    )
    lang = fields.Selection(
        languages.APPEAL_LANGUAGES,
        string="Language of the Report",
        required=True,
        default=lambda self: languages.appeal_language(self.env.lang),
    )
    lang_code = fields.Char(compute="_compute_lang_code")
    state = fields.Selection(
        [("draft", "To Check"), ("done", "Checked")], default="draft", required=True, readonly=True
    )
    checked_on = fields.Datetime(readonly=True)
    checked_by_id = fields.Many2one("res.users", readonly=True)
    intact = fields.Boolean(string="Journals Intact", readonly=True)
    line_ids = fields.One2many("acf.journal.verification.line", "verification_id", readonly=True)

    @api.depends("date_from", "date_to")
    def _compute_name(self):
        for record in self:
            record.name = self.env._(
                "Verification of the journals, %(start)s – %(end)s",
                start=record.date_from or "",
                end=record.date_to or "",
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        if any(r.date_from > r.date_to for r in self):
            raise UserError(self.env._("The period to check ends before it starts."))

    @step(VERIFY)
    def action_verify(self):
        """Check both chains for the period and keep the result; then print it."""
        require_role(
            self.env,
            ("auditor", "cc_head"),
            self.env._("Only the auditor and the head of the call centre verify the journals."),
        )
        for record in self:
            company = record.company_id
            lines = []
            for model, kind, domain in (
                (
                    "acf.appeal",
                    "incoming",
                    [
                        ("company_id", "=", company.id),
                        ("date_received", ">=", record.date_from),
                        ("date_received", "<=", record.date_to),
                        ("seal_journal", "!=", False),
                    ],
                ),
                (
                    "acf.appeal.letter",
                    "outgoing",
                    [
                        ("company_id", "=", company.id),
                        ("date", ">=", record.date_from),
                        ("date", "<=", record.date_to),
                        ("seal_journal", "!=", False),
                    ],
                ),
            ):
                for result in self.env[model]._acf_verify(domain, record.date_to):
                    problem = result["problem"]
                    lines.append(
                        {
                            "journal_kind": kind,
                            "journal": result["journal"],
                            "count": result["count"],
                            "first_number": result["first"],
                            "last_number": result["last"],
                            "broken_number": problem[0] if problem else False,
                            "broken_counter": problem[2] if problem else 0,
                            "problem": problem[1] if problem else False,
                            "last_seal": result["last_seal"],
                        }
                    )
            record.write(
                {
                    "line_ids": [(0, 0, values) for values in lines],
                    "state": "done",
                    "checked_on": fields.Datetime.now(),
                    "checked_by_id": self.env.uid,
                    "intact": not any(values["problem"] for values in lines),
                }
            )
        return self.env.ref("acf_appeals.action_report_journal_verification").report_action(self)

    @api.depends("lang")
    def _compute_lang_code(self):
        for record in self:
            record.lang_code = languages.odoo_code(record.lang)


class AcfJournalVerificationLine(models.Model):
    _name = "acf.journal.verification.line"
    _description = "Verification of One Sealed Journal"
    _inherit = ["acf.procedure.mixin"]
    _order = "journal_kind, journal"

    verification_id = fields.Many2one(
        "acf.journal.verification", required=True, ondelete="cascade", index=True
    )
    journal_kind = fields.Selection(
        [("incoming", "Incoming journal"), ("outgoing", "Outgoing journal")], required=True
    )
    journal = fields.Char(required=True)
    journal_label = fields.Char(compute="_compute_journal_label")
    count = fields.Integer(string="Entries Checked")
    first_number = fields.Char(string="First Entry")
    last_number = fields.Char(string="Last Entry Checked")
    broken_number = fields.Char(string="First Entry That Does Not Match")
    broken_counter = fields.Integer(string="Place in the Journal")
    problem = fields.Selection(PROBLEMS)
    last_seal = fields.Char()

    @api.depends("journal", "journal_kind")
    def _compute_journal_label(self):
        branches = (
            self.env["acf.branch"]
            .sudo()
            .browse(
                int(line.journal.split("/")[1]) for line in self if line.journal_kind == "outgoing"
            )
        )
        # sudo: the auditor reads the names of the branches whose journals were checked.
        names = {branch.id: branch.name for branch in branches}
        for line in self:
            parts = (line.journal or "//").split("/")
            if line.journal_kind == "outgoing":
                line.journal_label = self.env._(
                    "Outgoing journal of %(branch)s, %(year)s",
                    branch=names.get(int(parts[1]), ""),
                    year=parts[2],
                )
            else:
                line.journal_label = self.env._("Incoming journal, %(year)s", year=parts[2])
