from . import acf_appeal_analysis
from . import acf_quarterly_report_xlsx
from . import acf_appeal_analysis_rollup
