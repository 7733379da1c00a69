from odoo import api, models
from odoo.exceptions import UserError

from ..lib import procedure
from ..tools.guard import running_steps


class AcfProcedureMixin(models.AbstractModel):
    """The write policy of the records of the procedure, in one place.

    ``lib/procedure.py`` declares which steps own which field (``PROTECTED_FIELDS``). Such a field
    changes only while one of its steps runs (``tools.guard.step``), or, for a field a step
    edits in the form, when that step is allowed to the user on every record. ``write``,
    ``create``, ``web_save`` and imports go through here whatever context the client sends.
    Superuser mode (data files, crons) acts for the company and passes; the journal's own
    locks (``acf.appeal``) still apply to it.
    """

    _name = "acf.procedure.mixin"
    _inherit = ["acf.computed.guard.mixin"]
    _description = "Record of the Appeals Procedure"

    def _protected_fields(self):
        return procedure.PROTECTED_FIELDS.get(self._name, {})

    def _edit_step_allowed(self, step):
        """Whether the user may edit, on this record, the fields that ``step`` edits."""
        return False

    def _create_edit_allowed(self, step, vals):
        """Whether a new record with ``vals`` may be given the fields that ``step`` edits."""
        return False

    def _protected_change_allowed(self, name, owners, vals, creating=False):
        """Whether the user may change the protected field ``name`` outside its steps: when a
        step that edits it is allowed on every record (on the new record, when creating), or
        while the status of every record lets the form edit it (``EDITABLE_IN_STATES``); a
        link of ``SET_ON_CREATE`` only on the new record."""
        if creating and name in procedure.SET_ON_CREATE.get(self._name, ()):
            return True
        states = procedure.EDITABLE_IN_STATES.get(self._name, {}).get(name)
        if states:
            if creating:
                return self._default_of("state") in states
            return all(record.state in states for record in self)
        edit_steps = [
            procedure.STEP_BY_NAME[owner]
            for owner in owners
            if owner in procedure.STEP_BY_NAME and name in procedure.STEP_BY_NAME[owner].edits
        ]
        if creating:
            return any(self._create_edit_allowed(step, vals) for step in edit_steps)
        return bool(edit_steps) and all(
            any(record._edit_step_allowed(step) for step in edit_steps) for record in self
        )

    def _default_of(self, name):
        """The value the field ``name`` starts with by itself: its own default, never one a
        client sends in the context (``default_<name>``) or an ``ir.default``."""
        field = self._fields[name]
        return field.default(self) if field.default else False

    def _protected_refusal(self, names, vals):
        """The error for a change of protected fields outside their steps."""
        record = self[:1].display_name or self._description
        return UserError(
            self.env._(
                "Use the buttons of %(record)s to change: %(fields)s.",
                record=record,
                fields=self._field_labels(names),
            )
        )

    def _refused_fields(self, vals, creating=False):
        protected = self._protected_fields()
        running = set(running_steps())
        refused = []
        for name in vals:
            owners = protected.get(name)
            if owners is None:
                continue
            if running and (procedure.ANY_STEP in owners or running.intersection(owners)):
                continue
            if not self._protected_change_allowed(name, owners, vals, creating=creating):
                refused.append(name)
        return refused

    def _check_protected_write(self, vals):
        if self.env.su or not self:
            return
        # A user without the right to write at all is told so first (ir.model.access).
        self.env["ir.model.access"].check(self._name, "write")
        refused = self._refused_fields(vals)
        if refused:
            # A user who may not write these records at all (record rules: another company,
            # branch or assignment) is told so, not which of their fields are protected.
            self.check_access("write")
            raise self._protected_refusal(refused, vals)

    def _prepare_protected_create(self, vals):
        """Values a new record may start with: a protected field only empty, or as the step
        that owns it or the form's intake allows; the rest is refused."""
        refused = [
            name
            for name in self._refused_fields(vals, creating=True)
            if vals[name]
            and not self._protected_create_allowed(name, vals)
            and not self._is_default_value(name, vals[name])
        ]
        if refused:
            raise self._protected_refusal(refused, vals)
        return vals

    def _is_default_value(self, name, value):
        """Whether ``value`` is the one the field ``name`` starts with by itself."""
        field = self._fields[name]
        if not field.default or field.type in ("one2many", "many2many"):
            return False
        own = field.convert_to_cache(field.default(self), self)
        return field.convert_to_cache(value, self) == own

    def _with_protected_context_defaults(self, vals):
        """``vals`` with the ``default_<field>`` a client sends in the context for the
        protected fields it does not give: the check sees what the record would start with."""
        protected = self._protected_fields()
        for key, value in self.env.context.items():
            if key.startswith("default_") and key[8:] in protected and key[8:] not in vals:
                vals[key[8:]] = value
        return vals

    def _protected_create_allowed(self, name, vals):
        """Whether a new record may start with this value of the protected field ``name``."""
        return False

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.env["ir.model.access"].check(self._name, "create")
            vals_list = [
                self._prepare_protected_create(self._with_protected_context_defaults(dict(vals)))
                for vals in vals_list
            ]
        return super().create(vals_list)

    def write(self, vals):
        self._check_protected_write(vals)
        return super().write(vals)
