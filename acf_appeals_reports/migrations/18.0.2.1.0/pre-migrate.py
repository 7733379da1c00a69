"""18.0.2.1.0: the record rules of the addon are noupdate data.

Odoo does not change the ``noupdate`` flag of an XML id that already exists when its record
moves into a ``<data noupdate="1">`` block (``ir.model.data._update_xmlids`` updates the
model and the id only), so the rules loaded by an older version are marked here, before the
data files load: an upgrade then keeps a company's changes to them, as on a new database.
"""

# The rules of 18.0.2.0.0; those added by 18.0.2.1.0 are created noupdate.
RULES = (
    "acf_appeal_analysis_rule_branch",
    "acf_appeal_analysis_rule_department_head",
    "acf_appeal_analysis_rule_all",
    "acf_improvement_task_rule_own",
    "acf_improvement_task_rule_all",
    "acf_action_plan_rule_involved",
    "acf_action_plan_rule_all",
    "acf_hcc_escalation_rule_involved",
    "acf_hcc_escalation_rule_all",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """UPDATE ir_model_data SET noupdate = TRUE
            WHERE module = 'acf_appeals_reports' AND model = 'ir.rule' AND name IN %s
              AND NOT noupdate""",
        [RULES],
    )
