"""Acceptance rules of the policy that need no database (R3-R9).

Pure Python, no Odoo import. Each check returns a problem code, or ``None``
when the rule is met; the ORM layer turns codes into translated messages.
"""


def anonymity_problem(is_anonymous, reports_offence):
    """Anonymous appeals are not accepted, except crime or security reports (R3-R4)."""
    if is_anonymous and not reports_offence:
        return "anonymous"
    return None


def substance_problem(substance):
    """An appeal must state its substance (R5)."""
    if not (substance or "").strip():
        return "no_substance"
    return None


# What a notarised power of attorney records (R7): the notary, the notarial register number,
# the date and the scan.
POWER_OF_ATTORNEY_PARTS = ("notary", "register_number", "date", "scan")


def power_of_attorney_missing(notary, register_number, date, has_scan):
    """The parts of :data:`POWER_OF_ATTORNEY_PARTS` a power of attorney lacks, in order."""
    given = {
        "notary": bool((notary or "").strip()),
        "register_number": bool((register_number or "").strip()),
        "date": bool(date),
        "scan": bool(has_scan),
    }
    return [part for part in POWER_OF_ATTORNEY_PARTS if not given[part]]


def representative_problem(
    by_representative,
    representative_name,
    is_oral,
    together_with_client,
    has_power_of_attorney,
    state_of_emergency,
    discloses_confidential,
):
    """A representative needs a notarised power of attorney (R7), except (R8) when
    the client is present in person too, or (R9) during a state of emergency when
    no confidential microcredit data are disclosed; by telephone only then.
    """
    if not by_representative:
        return None
    if not (representative_name or "").strip():
        return "representative_name"
    emergency_exception = state_of_emergency and not discloses_confidential
    if is_oral:
        return None if emergency_exception else "representative_by_phone"
    if together_with_client or has_power_of_attorney or emergency_exception:
        return None
    return "power_of_attorney"


def collective_problem(is_collective, applicant_count, contact_count):
    """A collective appeal (R2) is made by at least two applicants, exactly one of them the
    contact; an individual appeal has one applicant at most, its client."""
    if not is_collective:
        return "individual_applicants" if applicant_count > 1 else None
    if applicant_count < 2:
        return "collective_applicants"
    if contact_count != 1:
        return "collective_contact"
    return None
