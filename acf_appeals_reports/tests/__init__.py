from . import test_install
from . import test_analysis
from . import test_systemic_problems
from . import test_quarterly_report
from . import test_follow_up
from . import test_access
from . import test_demo
from . import test_dashboard_tour
