"""What the write-policy tests of the records of the procedure share (issue 15, item 1)."""

import base64

from odoo import Command
from odoo.exceptions import UserError

from .common import JsonRpcMixin

# Context keys a client may send in the hope of unlocking the workflow's own writes.
FORGED_CONTEXT = {"acf_transition": True, "acf_registering": True, "acf_step": "sign"}


class RecordPolicyMixin:
    """Try protected fields of a record as users, through ``write`` and ``web_save``."""

    def _sample(self, record, name):
        """A value of ``name`` different from the record's."""
        field = record._fields[name]
        current = record.sudo()[name]
        if field.type == "boolean":
            return not current
        if field.type == "integer":
            return (current or 0) + 5
        if field.type == "float":
            return (current or 0.0) + 5.5
        if field.type in ("char", "text"):
            return "подложное значение"
        if field.type == "binary":
            return base64.b64encode(b"%PDF-1.4 forged").decode()
        if field.type == "html":
            return "<p>Подложный текст</p>"
        if field.type == "date":
            return "2020-01-01"
        if field.type == "datetime":
            return "2020-01-01 00:00:00"
        if field.type == "selection":
            values = [v for v, _label in field._description_selection(self.env)]
            return next(v for v in values if v != current)
        if field.type == "many2one":
            domain = [("id", "!=", current.id)] if current else []
            other = self.env[field.comodel_name].sudo().search(domain, limit=1)
            self.assertTrue(other or current, f"a sample for {name}")
            return other.id or False
        if field.type == "many2many":
            if field.comodel_name == "ir.attachment":
                other = self.env["ir.attachment"].create({"name": "forged.txt", "raw": b"x"})
            else:
                other = (
                    self.env[field.comodel_name]
                    .sudo()
                    .search([("id", "not in", current.ids)], limit=1)
                )
            return [Command.set(other.ids)]
        if field.type == "one2many":
            return [Command.clear()]
        raise AssertionError(f"no sample for {name} ({field.type})")

    def _value(self, record, name):
        record.invalidate_recordset()
        value = record.sudo()[name]
        return value.ids if record._fields[name].relational else value

    def assertProtected(self, record, names, users):
        """Every field of ``names`` refused to every user of ``users``, value unchanged."""
        samples = {name: self._sample(record, name) for name in sorted(names)}
        for user in users:
            as_user = record.with_user(user).with_context(**FORGED_CONTEXT)
            for name, value in samples.items():
                for how in ("write", "web_save"):
                    with self.subTest(model=record._name, user=user.login, field=name, how=how):
                        before = self._value(record, name)
                        with self.assertRaises(UserError):  # AccessError is a UserError too
                            if how == "write":
                                as_user.write({name: value})
                            else:
                                as_user.web_save({name: value}, {})
                        self.assertEqual(self._value(record, name), before)

    def assertTableIs(self, model, expected, table):
        self.assertEqual(set(table) - expected, set(), f"{model}: protected, not by the policy")
        self.assertEqual(expected - set(table), set(), f"{model}: by the policy, not protected")
        self.assertTrue(expected <= set(self.env[model]._fields), model)


class JsonRpcPolicyMixin(JsonRpcMixin):
    """Call the server as the web client does, with forged context keys."""

    def _call(self, model, method, args, kwargs=None):
        return self._call_kw(model, method, args, dict(kwargs or {}, context=FORGED_CONTEXT))

    def assertRefusedOverJsonRpc(self, record, names):
        for name in sorted(names):
            value = self._sample(record, name)
            before = self._value(record, name)
            for method in ("write", "web_save"):
                with self.subTest(field=name, method=method):
                    answer = self._call(
                        record._name,
                        method,
                        [[record.id], {name: value}],
                        {"specification": {}} if method == "web_save" else {},
                    )
                    self.assertIn("error", answer, "the server refused it")
                    self.assertIn(
                        answer["error"]["data"]["name"],
                        ("odoo.exceptions.UserError", "odoo.exceptions.AccessError"),
                    )
                    self.assertEqual(self._value(record, name), before)
