"""18.0.2.3.0: roles as the policy draws them (issue 15, item 7).

The record rules are noupdate, so an upgrade would keep the old domains and groups of the
rules changed in this version: the head office's branch rules (no longer every branch), the
"see all" rules (the Executive Director named, the lawyer no longer). Mark those rules
updatable here so the data files reload them; post-migrate marks them noupdate again. A
company that had adjusted one of them must adjust it again.
"""

CHANGED_RULES = (
    "acf_appeal_rule_branch",
    "acf_appeal_rule_all",
    "acf_onsite_resolution_rule_branch",
    "acf_onsite_resolution_rule_all",
    "acf_appeal_letter_rule_own",
    "acf_appeal_letter_rule_all",
    "acf_appeal_info_request_rule_all",
    "acf_appeal_commission_rule_all",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = FALSE
         WHERE module = 'acf_appeals'
           AND model = 'ir.rule'
           AND name IN %s
        """,
        (CHANGED_RULES,),
    )
