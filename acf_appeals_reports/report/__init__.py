from . import acf_appeal_analysis
from . import acf_quarterly_report_xlsx
from . import acf_appeal_analysis_rollup
from . import acf_appeal_analysis_satisfaction
from . import acf_quarterly_report_satisfaction_xlsx
