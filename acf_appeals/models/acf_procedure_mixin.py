from odoo import api, models

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
        step that edits it is allowed on every record (on the new record, when creating)."""
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

    def _protected_refusal(self, names, vals):
        """The error for a change of protected fields outside their steps."""
        raise NotImplementedError

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
            raise self._protected_refusal(refused, vals)

    def _prepare_protected_create(self, vals):
        """Values a new record may start with: a protected field only empty, or as the step
        that owns it or the form's intake allows; the rest is refused."""
        refused = [
            name
            for name in self._refused_fields(vals, creating=True)
            if vals[name] and not self._protected_create_allowed(name, vals)
        ]
        if refused:
            raise self._protected_refusal(refused, vals)
        return vals

    def _protected_create_allowed(self, name, vals):
        """Whether a new record may start with this value of the protected field ``name``."""
        return False

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.env["ir.model.access"].check(self._name, "create")
            vals_list = [self._prepare_protected_create(dict(vals)) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        self._check_protected_write(vals)
        return super().write(vals)
