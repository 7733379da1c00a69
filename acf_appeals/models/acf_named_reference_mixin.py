from odoo import api, models, tools


class AcfNamedReferenceMixin(models.AbstractModel):
    """Reference data that every list of appeals names: stages, channels, branches.

    A journal page shows the stage, the channel and the branch of each of its appeals: Odoo
    reads their names with one query per model and request, about a third of the page's
    time at a million appeals (issue 19). They are few and change rarely, so their names
    are kept per language in the registry's cache, cleared in every worker whenever one is
    created, renamed, translated or deleted.
    """

    _name = "acf.named.reference.mixin"
    _description = "ACF Named Reference Data"

    @api.model
    @tools.ormcache("lang")
    def _acf_display_names(self, lang):
        # sudo: the names of the reference data, asked only for the records a user already
        # reads (a many2one of an appeal they may see); archived ones keep their name.
        records = self.sudo().with_context(active_test=False, lang=lang).search_fetch([], ["name"])
        return {record.id: record.name or "" for record in records}

    @api.depends(lambda self: [self._rec_name] if self._rec_name else [])
    @api.depends_context("lang")
    def _compute_display_name(self):
        names = self._acf_display_names(self.env.lang or "en_US")
        unknown = []
        for record in self:
            name = names.get(record.id)
            if name is None:
                unknown.append(record.id)
            else:
                record.display_name = name
        # Odoo's own for the rest (new records, not saved yet); a no-op when empty.
        return super(AcfNamedReferenceMixin, self.browse(unknown))._compute_display_name()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        if "name" in vals:
            self.env.registry.clear_cache()
        return res

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=None):
        res = super()._update_field_translations(
            field_name, translations, digest=digest, source_lang=source_lang
        )
        if field_name == "name":
            self.env.registry.clear_cache()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_clear_names(self):
        self.env.registry.clear_cache()
