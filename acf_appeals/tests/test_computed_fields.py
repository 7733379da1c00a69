"""What the register computes is not written by hand: the deadline, the status, the reminders.

Odoo stores what ``write`` gives a stored computed field without an inverse, so before this a
responsible employee could move his own appeal's deadline to 2030 over JSON-RPC.
"""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import AppealsCase, JsonRpcMixin

# What the responsible employee of an appeal would most like to change without a step.
DEADLINE_AND_STATUS = {
    "state": "closed",
    "date_deadline": "2030-01-01",
    "date_deadline_base": "2030-01-01",
    "reminder_due_date": "2030-01-01",
    "closed_on_time": True,
    "user_id": None,  # filled in setUp: the operator
}


@tagged("post_install", "-at_install")
class TestComputedFieldsAreNotWritten(AppealsCase):
    def setUp(self):
        super().setUp()
        with freeze_time("2026-03-02 06:00:00"):
            self.appeal = self._advance(self._registered(), "department")
        self.samples = dict(DEADLINE_AND_STATUS, user_id=self.operator.id)

    def _stored(self, names):
        self.appeal.invalidate_recordset()
        return {name: self.appeal.sudo()[name] for name in names}

    def test_the_responsible_cannot_move_his_deadline_or_status(self):
        self.assertEqual(self.appeal.responsible_id, self.responsible)
        before = self._stored(self.samples)
        as_responsible = self.appeal.with_user(self.responsible)
        for name, value in self.samples.items():
            for how in ("write", "web_save"):
                with self.subTest(field=name, how=how):
                    with self.assertRaisesRegex(
                        UserError, "computed by the register and cannot be changed by hand"
                    ):
                        if how == "write":
                            as_responsible.write({name: value})
                        else:
                            as_responsible.web_save({name: value}, {})
                    self.assertEqual(self._stored([name]), {name: before[name]})

    def test_the_refusal_names_the_field(self):
        with self.assertRaisesRegex(UserError, "Deadline"):
            self.appeal.with_user(self.director).write({"date_deadline": "2030-01-01"})

    def test_a_user_who_may_not_write_the_appeal_learns_nothing_of_it(self):
        with self.assertRaises(AccessError) as refusal:
            self.appeal.with_user(self.outsider).write({"date_deadline": "2030-01-01"})
        self.assertNotIn(self.appeal.name, str(refusal.exception))

    def test_a_new_appeal_does_not_start_with_a_computed_status(self):
        Appeal = self.env(user=self.operator)["acf.appeal"]
        with self.assertRaisesRegex(UserError, "computed by the register"):
            Appeal.create(self._appeal_vals(state="registered"))
        # A quick create in the board's "Registered" column sends the column as a default:
        # the new appeal is a draft all the same, with no deadline of its own.
        appeal = Appeal.with_context(
            default_state="registered", default_date_deadline="2030-01-01"
        ).create(self._appeal_vals())
        self.assertEqual(appeal.state, "draft")
        self.assertNotEqual(str(appeal.date_deadline), "2030-01-01")

    def test_the_steps_still_move_them(self):
        with freeze_time("2026-03-05 06:00:00"):
            before = self.appeal.date_deadline
            self.appeal.with_user(self.director)._extend(10, "Дополнительная проверка")
        self.assertEqual((self.appeal.date_deadline - before).days, 10)

    def test_every_model_of_the_addon_with_computed_fields_is_guarded(self):
        guarded = self.env["acf.computed.guard.mixin"]
        unguarded = []
        for name in self.env.registry:
            model = self.env[name]
            if not name.startswith("acf.") or model._abstract or model._transient:
                continue
            stored_computed = [
                f
                for f, field in model._fields.items()
                if field.compute
                and field.store
                and field.readonly
                and not field.inverse
                and not field.related
            ]
            if stored_computed and not isinstance(model, type(guarded)):
                unguarded.append(f"{name}: {', '.join(stored_computed)}")
        self.assertEqual(unguarded, [])


@tagged("post_install", "-at_install")
class TestComputedFieldsOverJsonRpc(JsonRpcMixin, AppealsCase, HttpCase):
    def test_write_and_web_save_of_the_deadline_are_refused(self):
        with freeze_time("2026-03-02 06:00:00"):
            appeal = self._advance(self._registered(), "department")
        before = appeal.date_deadline
        self.env.flush_all()
        self.authenticate("t_responsible", "t_responsible")
        for method, kwargs in (("write", {}), ("web_save", {"specification": {}})):
            with self.subTest(method=method):
                answer = self._call_kw(
                    "acf.appeal",
                    method,
                    [[appeal.id], {"date_deadline": "2030-01-01", "state": "closed"}],
                    dict(kwargs, context={"acf_step": "decide_deadline"}),
                )
                self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.UserError")
                self.assertIn("Deadline", answer["error"]["data"]["message"])
                appeal.invalidate_recordset()
                self.assertEqual(appeal.date_deadline, before)
                self.assertEqual(appeal.sudo().state, "registered")
