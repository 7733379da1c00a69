from . import acf_appeal
from . import acf_appeal_intake
from . import acf_appeal_deadline
from . import acf_appeal_consideration
from . import acf_appeal_reply
from . import acf_appeal_outcome
from . import acf_appeal_mail
from . import acf_appeal_backlog
