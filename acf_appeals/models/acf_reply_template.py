from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

from ..lib import placeholders

# The labels of the placeholders, shown to whoever writes a template (translated).
PLACEHOLDER_HELP = (
    "Placeholders, filled from the appeal in the letter's language: {{salutation}}, "
    "{{client_name}}, {{appeal_number}} (incoming number), {{date_received}}, {{deadline}}, "
    "{{contract_number}}, {{contract_date}}, {{product}}, {{branch}}, {{responsible}}, "
    "{{today}}."
)


class AcfReplyTemplate(models.Model):
    """A paragraph of a reply in Kazakh and in Russian, per root cause and kind of appeal
    (issue 21), kept by the head of the call centre and the lawyer; the responsible employee
    inserts it into a draft letter in the letter's language, placeholders filled.

    The two texts are two fields, not one translatable field: both are required and written
    side by side, the letter's language picks one (never Odoo's fallback to another language),
    and a missing translation is a refusal when saving, not a surprise in a client's letter.
    """

    _name = "acf.reply.template"
    _inherit = ["acf.computed.guard.mixin"]
    _description = "Reply Template"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, translate=True)
    sequence = fields.Integer(default=10)
    cause_id = fields.Many2one(
        "acf.appeal.cause",
        string="Root Cause",
        index=True,
        ondelete="restrict",
        check_company=True,
        help="Proposed first for appeals with this cause or one of its sub-causes; empty: "
        "for any cause.",
    )
    appeal_kind = fields.Selection(
        lambda self: self.env["acf.appeal"]._fields["kind"].selection,
        string="Kind of Appeal",
        index=True,
        help="Proposed first for appeals of this kind; empty: for any kind.",
    )
    body_kk = fields.Html(string="Text in Kazakh", required=True, help=PLACEHOLDER_HELP)
    body_ru = fields.Html(string="Text in Russian", required=True, help=PLACEHOLDER_HELP)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Empty: shared by every company.",
    )
    active = fields.Boolean(
        default=True, help="Archive a template no longer used: it is no longer proposed."
    )
    use_ids = fields.One2many("acf.reply.template.use", "template_id", string="Insertions")
    use_count = fields.Integer(
        string="Times Inserted", compute="_compute_usage", store=True, readonly=True
    )
    last_used_on = fields.Datetime(
        string="Last Inserted On", compute="_compute_usage", store=True, readonly=True, index=True
    )

    @api.depends("use_ids.used_on")
    def _compute_usage(self):
        # Stored from the usage log, which only the insertion writes (acf.reply.template.use):
        # the drafter who inserts needs no right to write the template.
        for template in self:
            dates = template.use_ids.mapped("used_on")
            template.use_count = len(dates)
            template.last_used_on = max(dates) if dates else False

    @api.constrains("body_kk", "body_ru")
    def _check_placeholders(self):
        for template in self:
            for field in ("body_kk", "body_ru"):
                text = template[field]
                label = self._fields[field].get_description(self.env)["string"]
                if is_html_empty(text):
                    raise ValidationError(
                        self.env._(
                            "Template %(name)s: write the %(field)s; every template is kept in "
                            "Kazakh and in Russian.",
                            name=template.name,
                            field=label,
                        )
                    )
                unknown, malformed = placeholders.problems(text)
                if unknown:
                    raise ValidationError(
                        self.env._(
                            "Template %(name)s, %(field)s: unknown placeholder %(unknown)s. "
                            "Known placeholders: %(known)s.",
                            name=template.name,
                            field=label,
                            unknown=", ".join(f"{{{{{n}}}}}" for n in unknown),
                            known=", ".join(f"{{{{{n}}}}}" for n in placeholders.NAMES),
                        )
                    )
                if malformed:
                    raise ValidationError(
                        self.env._(
                            "Template %(name)s, %(field)s: double braces must hold one "
                            "placeholder name, such as {{client_name}}.",
                            name=template.name,
                            field=label,
                        )
                    )

    def _body(self, lang):
        """The text of the template in ``lang`` ("kk" or "ru")."""
        self.ensure_one()
        return self.body_kk if lang == "kk" else self.body_ru

    def _relevance(self, appeal):
        """How well the template fits ``appeal``: higher first; ``None`` when it is written for
        another cause or another kind of appeal."""
        self.ensure_one()
        score = 0
        cause = appeal.cause_id
        if self.cause_id and cause:
            # Often not recorded yet while the reply is drafted: then the kind decides.
            if not cause.parent_path.startswith(self.cause_id.parent_path):
                return None
            score += 4 if cause == self.cause_id else 2
        if self.appeal_kind:
            if self.appeal_kind != appeal.kind:
                return None
            score += 1
        return score

    @api.model
    def _proposed_for(self, appeal):
        """The active templates of the appeal's company (or shared), best fit first: its cause
        and kind, its cause, its cause's group, its kind, the general ones; then the others."""
        templates = self.search(
            [("company_id", "in", (False, appeal.company_id.id))], order="sequence, id"
        )
        scored = [(template._relevance(appeal), template) for template in templates]
        fitting = [pair for pair in scored if pair[0] is not None]
        others = [template for score, template in scored if score is None]
        fitting.sort(key=lambda pair: -pair[0])  # stable: keeps the sequence within a score
        return self.browse([t.id for _score, t in fitting] + [t.id for t in others])
