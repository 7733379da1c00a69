from . import models
from . import report
from . import wizard
from .report.acf_appeal_analysis_rollup import drop_dashboard_rollup


def post_init_hook(env):
    # The register may hold appeals already: the dashboard's aggregates start from them.
    env["acf.appeal.analysis"]._rebuild_dashboard_rollup()


def uninstall_hook(env):
    drop_dashboard_rollup(env.cr)
