"""18.0.2.4.0 (identity): identification numbers stored as decision 11 normalises them.

Before this version the IIN was stored after removing spaces and hyphens only, and cut to 12
characters by the field's size: a number typed with full-width digits, a no-break space or a
Unicode hyphen was stored as typed, so the same number could be stored twice. This script
normalises the stored IINs (NFKC, separators removed). It never drops or cuts a value: a number
that is still invalid after normalisation, or whose normalised form another contact already
has, is kept as it is and logged for the call centre to correct on the contact card. A company
that carried an IIN gets it as its BIN when it is a valid BIN (logged), and keeps it otherwise
(logged). The signed-letter e-mail template, loaded as noupdate, goes to every applicant of a
collective appeal when it still has the old recipient.
"""

import logging

from odoo.addons.acf_appeals.lib import iin as iin_lib

_logger = logging.getLogger(__name__)

OLD_EMAIL_TO = "{{ object.contact_email }}"
NEW_EMAIL_TO = "{{ object.applicant_emails }}"


def _normalise_numbers(cr):
    cr.execute(
        "SELECT id, acf_iin, COALESCE(is_company, FALSE) FROM res_partner "
        "WHERE acf_iin IS NOT NULL AND acf_iin != '' ORDER BY id"
    )
    rows = cr.fetchall()
    taken = {value for _id, value, _company in rows}
    cr.execute("SELECT acf_bin FROM res_partner WHERE acf_bin IS NOT NULL AND acf_bin != ''")
    taken_bins = {value for (value,) in cr.fetchall()}
    iin_updates, bin_moves = [], []
    for partner_id, value, is_company in rows:
        number = iin_lib.normalize(value)
        if is_company:
            if iin_lib.is_valid_bin(number) and number not in taken_bins:
                bin_moves.append((number, partner_id))
                taken_bins.add(number)
                _logger.warning(
                    "Contact %s is a company: its number %r is now its BIN, not its IIN.",
                    partner_id,
                    value,
                )
            else:
                _logger.warning(
                    "Contact %s is a company with the IIN %r, which is not a valid BIN (or "
                    "another contact has it): kept as it is; correct it on the contact card.",
                    partner_id,
                    value,
                )
            continue
        if number == value:
            if not iin_lib.is_valid(number):
                _logger.warning(
                    "Contact %s has an invalid IIN %r (%s): kept as it is; correct it on the "
                    "contact card.",
                    partner_id,
                    value,
                    iin_lib.validation_error(number),
                )
            continue
        if number in taken:
            _logger.warning(
                "Contact %s has the IIN %r, which is %r once normalised: another contact "
                "already has that number. Kept as it is; merge the two contacts.",
                partner_id,
                value,
                number,
            )
            continue
        if not iin_lib.is_valid(number):
            _logger.warning(
                "Contact %s has the IIN %r, %r once normalised, which is not valid (%s): "
                "normalised; correct it on the contact card.",
                partner_id,
                value,
                number,
                iin_lib.validation_error(number),
            )
        taken.discard(value)
        taken.add(number)
        iin_updates.append((number, partner_id))
    # One statement each, whatever the number of contacts: the values go in as two arrays.
    if iin_updates:
        cr.execute(
            """
            UPDATE res_partner p
               SET acf_iin = v.number
              FROM (SELECT unnest(%s::varchar[]) AS number, unnest(%s::int[]) AS id) v
             WHERE p.id = v.id
            """,
            ([n for n, _id in iin_updates], [i for _n, i in iin_updates]),
        )
    if bin_moves:
        cr.execute(
            """
            UPDATE res_partner p
               SET acf_bin = v.number, acf_iin = NULL
              FROM (SELECT unnest(%s::varchar[]) AS number, unnest(%s::int[]) AS id) v
             WHERE p.id = v.id
            """,
            ([n for n, _id in bin_moves], [i for _n, i in bin_moves]),
        )
    if iin_updates or bin_moves:
        _logger.info(
            "Identification numbers: %s IINs normalised, %s moved to the BIN.",
            len(iin_updates),
            len(bin_moves),
        )


def migrate(cr, version):
    if not version:
        return
    _normalise_numbers(cr)
    cr.execute(
        """
        UPDATE mail_template
           SET email_to = %s
         WHERE id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'acf_appeals' AND name = 'mail_template_letter'
                         AND model = 'mail.template')
           AND email_to = %s
        """,
        (NEW_EMAIL_TO, OLD_EMAIL_TO),
    )
