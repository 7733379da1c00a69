"""18.0.2.2.0: the record rules became noupdate.

The rules now load from a ``<data noupdate="1">`` block, but an upgrade never changes the
``noupdate`` flag of an external id that already exists (``ir.model.data._update_xmlids``
updates only its model and record), so the rules of an older database would stay marked as
updatable. Mark them here, before the data files load; the groups and the category stay
updatable.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = TRUE
         WHERE module = 'acf_appeals'
           AND model = 'ir.rule'
           AND noupdate IS NOT TRUE
        """
    )
