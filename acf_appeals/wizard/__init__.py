from . import acf_appeal_wizard_mixin
from . import acf_appeal_refuse
from . import acf_appeal_withdraw
from . import acf_appeal_deadline_decision
from . import acf_appeal_forward
from . import acf_appeal_assign
from . import acf_appeal_letter_delivery
from . import acf_appeal_import
