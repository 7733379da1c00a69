"""Pure-Python helpers of acf_appeals: no Odoo imports, unit-tested on their own."""
