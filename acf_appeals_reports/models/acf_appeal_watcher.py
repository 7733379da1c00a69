from odoo import api, models


class AcfAppealWatcher(models.AbstractModel):
    _inherit = "acf.appeal.watcher"

    @api.model
    def _cron_quarterly_report(self):
        """Besides the head's to-do, generate the quarter's report from the register (8.2)."""
        task = super()._cron_quarterly_report()
        if task:
            self.env["acf.quarterly.report"]._generate(task.period_start, task.period_end, task)
        return task
