from . import acf_quarterly_report_generate
