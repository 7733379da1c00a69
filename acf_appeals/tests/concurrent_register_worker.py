"""Register one appeal from a separate process, as a second Odoo worker would.

Used by test_concurrent_registration: ``python3 concurrent_register_worker.py
DB CONFIG_FILE APPEAL_ID START_AT REGISTERED_AT``, the configuration file the tests run
with (as an Odoo worker starts: its addons path may hold folders without a module, such as
the Kazakh pack i18n/odoo, which only the command line's --addons-path refuses). Waits until
the wall-clock time START_AT so that two workers hit the journal at the same moment, registers
through the same retry loop as an RPC request, commits and prints the number.

Optional arguments: DELAY (seconds after START_AT before registering), HOLD (seconds to wait
between registering and committing, as a slow request would) and RETRY ("0": no retry loop,
so that a conflict with the other worker fails the worker). The worker reads the appeal as its
first statement, so its snapshot is taken before START_AT, as a request's is when it starts.
"""

import sys
import time


def main(db_name, config_file, appeal_id, start_at, registered_at, delay="0", hold="0", retry="1"):
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.service.model import retrying
    from odoo.tools import config

    config.parse_config(["-c", config_file, "-d", db_name, "--log-level=warn"])
    registry = Registry(db_name)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        appeal = env["acf.appeal"].browse(int(appeal_id))
        appeal.read(["state"])
        time.sleep(max(0.0, float(start_at) + float(delay) - time.time()))
        if retry == "1":
            retrying(lambda: appeal._register_in_journal(registered_at=registered_at), env)
        else:
            appeal._register_in_journal(registered_at=registered_at)
            env.flush_all()
        time.sleep(float(hold))
        # This process plays an Odoo worker: it ends its "request" by committing,
        # and reports the number it drew to the test on stdout.
        cr.commit()  # pylint: disable=invalid-commit
        print(appeal.name)  # pylint: disable=print-used


if __name__ == "__main__":
    main(*sys.argv[1:9])
