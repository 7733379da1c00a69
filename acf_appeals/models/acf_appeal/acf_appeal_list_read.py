"""The journal's lists read once what their search found (issue 19, item 1).

``web_search_read`` is what the web client asks for every list, board column and "Awaiting
me": ``search_fetch`` runs the search with the user's read rules in SQL and puts the page's
fields in the cache, then ``web_read`` reads those cached values, and ``fetch`` checks the same
read rules a second time, in Python (``filtered_domain`` of the rule domain over the page).
That second pass reads every field the rules name — for a head of a branch his departments,
requests and commissions — and costs several times the search itself. It proves nothing the
search did not: the rows were chosen by the very same rules, by the same user and companies,
in the same transaction a moment before, and nothing is written in between.

So, for the duration of one ``web_search_read`` only, the ids its search returned are noted in
the cursor's own cache (``cr.cache``: a client can send context keys, not this) under the user,
superuser flag and companies, and ``_check_access("read")`` accepts exactly those ids without
evaluating the rules again. The model's access rights and the fields' groups are still checked;
any other record, operation, user or call goes through Odoo's check unchanged.
"""

from odoo import api, models

# Key of ``cr.cache``: {(uid, su, company ids): frozenset of appeal ids found by the search}.
RULES_APPLIED = "acf_appeal_rules_applied"


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    def _acf_access_key(self):
        # The read rules depend on the user and on the companies selected in the web client.
        return (self.env.uid, self.env.su, tuple(self.env.companies.ids))

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        applied = self.env.cr.cache.setdefault(RULES_APPLIED, {})
        key = self._acf_access_key()
        # Nested calls (a list inside a form's one2many): each restores what it found.
        previous = applied.get(key)
        applied[key] = None  # open: the next search of this user notes its ids
        try:
            return super().web_search_read(
                domain,
                specification,
                offset=offset,
                limit=limit,
                order=order,
                count_limit=count_limit,
            )
        finally:
            if previous is None:
                applied.pop(key, None)
            else:
                applied[key] = previous

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        records = super().search_fetch(domain, field_names, offset=offset, limit=limit, order=order)
        applied = self.env.cr.cache.get(RULES_APPLIED)
        key = self._acf_access_key()
        if applied is not None and key in applied and applied[key] is None:
            # The search of the open web_search_read: found with the rules applied in SQL.
            applied[key] = frozenset(records._ids)
        return records

    def _check_access(self, operation):
        if operation == "read" and not self.env.su and self._ids:
            found = (self.env.cr.cache.get(RULES_APPLIED) or {}).get(self._acf_access_key())
            if found and found.issuperset(self._ids):
                if self.env["ir.model.access"].check(self._name, "read", raise_exception=False):
                    return None
        return super()._check_access(operation)
