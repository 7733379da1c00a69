import logging

from odoo import api, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class AcfComputedGuardMixin(models.AbstractModel):
    """The fields the register computes are not written by hand.

    Odoo stores whatever ``write`` or ``create`` give a stored computed field that has no
    inverse, until its inputs change again, and keeps a non-stored one in the request's cache:
    a user could move an appeal's deadline or status over JSON-RPC without any step. Here a
    user's change of such a field is refused with a clear error, and a ``default_<field>``
    in the context (a kanban column of a computed status, a forged key) is not used as its
    starting value. Superuser mode (data files, migrations, crons) passes."""

    _name = "acf.computed.guard.mixin"
    _description = "ACF Computed Field Guard"

    @api.model
    @tools.ormcache()
    def _acf_computed_only_fields(self):
        """Names of the fields whose value only their compute gives: computed, read-only,
        without an inverse (a related field writes through to its own record, whose rules
        apply). Fixed for a registry, so kept per model."""
        return frozenset(
            name
            for name, field in self._fields.items()
            if field.compute and field.readonly and not field.inverse and not field.related
        )

    def _field_labels(self, names):
        """The fields ``names`` as the user reads them, for messages."""
        return ", ".join(self._fields[f].get_description(self.env)["string"] for f in names)

    def _acf_check_computed_write(self, names):
        if self.env.su:
            return
        computed = self._acf_computed_only_fields()
        refused = [name for name in names if name in computed]
        if refused:
            # A user who may not write these records at all is told so, not what they hold.
            self.check_access("write")
            raise UserError(
                self.env._(
                    "%(record)s: %(fields)s are computed by the register and cannot be "
                    "changed by hand.",
                    record=self[:1].display_name or self._description,
                    fields=self._field_labels(refused),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        for vals in vals_list:
            self._acf_check_computed_write(vals)
        computed = self._acf_computed_only_fields()
        context = {
            key: value
            for key, value in self.env.context.items()
            if not (key.startswith("default_") and key[8:] in computed)
        }
        if len(context) < len(self.env.context):
            # A positional context replaces the whole one: the computed defaults are gone
            # (keyword arguments can only add keys, not remove them).
            without_defaults = self.with_context(context)  # pylint: disable=context-overridden
            return super(AcfComputedGuardMixin, without_defaults).create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._acf_check_computed_write(vals)
        return super().write(vals)

    @api.model
    def _acf_recompute_stored(self, batch_size=2000):
        """Compute again the stored fields only their compute gives, on every record, in
        batches; what the records depend on follows as after a step. Returns, per record whose
        stored value differed (a value written by hand before the guard), ``{field: (stored,
        computed)}`` in the cache's form."""
        fnames = [name for name in self._acf_computed_only_fields() if self._fields[name].store]
        if not fnames:
            return {}
        differences = {}
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT id FROM %s ORDER BY id", SQL.identifier(self._table)))
        all_ids = [row[0] for row in self.env.cr.fetchall()]
        for start in range(0, len(all_ids), batch_size):
            batch = self.browse(all_ids[start : start + batch_size])
            batch.fetch(fnames)
            stored = {name: self._acf_cached(batch, name) for name in fnames}
            for name in fnames:
                self.env.add_to_compute(self._fields[name], batch)
            # Only the values that differ from the fetched ones become dirty (Field.write).
            batch.flush_recordset(fnames)
            changed = {}
            for name in fnames:
                computed = self._acf_cached(batch, name)
                for record_id, value in computed.items():
                    # NULL and False (or 0) are one value for a field: not a difference.
                    if (value or False) != (stored[name][record_id] or False):
                        changed.setdefault(record_id, {})[name] = (stored[name][record_id], value)
            if changed:
                records = self.browse(list(changed))
                # What follows a deadline or status (the reminders' level, the due dates) as
                # after the step that would have changed it.
                records.modified({name for values in changed.values() for name in values})
                self.env.flush_all()
                differences.update(changed)
            self.env.invalidate_all()
        return differences

    @api.model
    def _acf_repair_computed(self, batch_size=2000):
        """The stored computed values written by hand before the guard, computed again; each
        repaired record says so in its chatter (an internal note) and in the log."""
        differences = self._acf_recompute_stored(batch_size=batch_size)
        records = self.browse(list(differences))
        for record in records:
            changes = "; ".join(
                f"{self._field_labels([name])}: "
                f"{self._acf_shown(record, name, old)} → {self._acf_shown(record, name, new)}"
                for name, (old, new) in sorted(differences[record.id].items())
            )
            _logger.warning("%s: %s computed again (%s)", self._name, record.display_name, changes)
            if hasattr(record, "message_post"):
                record.message_post(
                    body=self.env._(
                        "The register computed again what had been changed by hand: %(changes)s.",
                        changes=changes,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return records

    @api.model
    def _acf_repair_module(self, module):
        """``_acf_repair_computed`` on every guarded model that ``module`` defines (its
        migration), the notes in the administrator's language: the staff read them."""
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        env = self.env(context=dict(self.env.context, lang=admin.lang if admin else None))
        guard = type(self.env["acf.computed.guard.mixin"])
        for name in sorted(self.env.registry):
            model = env[name]
            if model._abstract or model._original_module != module or not isinstance(model, guard):
                continue
            repaired = model._acf_repair_computed()
            if repaired:
                _logger.warning("%s: %d records computed again", name, len(repaired))

    def _acf_shown(self, record, name, cache_value):
        field = self._fields[name]
        value = field.convert_to_export(field.convert_to_record(cache_value, record), record)
        return value if value not in (False, None, "") else "—"

    def _acf_cached(self, records, name):
        field = self._fields[name]
        return dict(zip(records.ids, self.env.cache.get_values(records, field), strict=True))
