from . import acf_quarterly_report_generate
from . import acf_register_export
