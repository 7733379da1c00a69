"""The seal of a journal entry (issue 20): a hash chain per journal and year.

Pure Python, no Odoo import. An entry's seal is

    SHA-256(previous seal ‖ canonical(public part) ‖ personal digest)

where the public part is what the journal keeps for ever (number, dates, channel, kind,
language…) and the personal digest is SHA-256(salt ‖ canonical(personal part)) of what the law
on personal data lets the company keep only for a while (the client's name, IIN or BIN,
contacts, the substance). Removing the personal data at the end of its retention period removes
the salt with it but keeps the digest, so the chain still verifies; while the personal data is
there, the verification recomputes the digest from it and finds any change. The salt (random per
entry) keeps the digest of a short value, such as an IIN, from being guessed by trying every IIN.
"""

import hashlib
import hmac
import json
import secrets

ALGORITHM = "sha256"


def canonical(values):
    """The bytes a seal covers: the values as sorted, compact JSON (strings, numbers, booleans,
    ``None``), so that the same entry always gives the same bytes."""
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def genesis(journal):
    """The "previous seal" of a journal's first entry: a constant of the journal, so that the
    first entry of one journal cannot be moved to another."""
    return hashlib.sha256(f"ACF-JOURNAL:{journal}".encode()).hexdigest()


def new_salt():
    return secrets.token_hex(16)


def personal_digest(salt, personal):
    return hashlib.sha256(salt.encode() + b"\x00" + canonical(personal)).hexdigest()


def chain(previous, public, digest):
    """The seal of an entry after ``previous``."""
    return hashlib.sha256(
        previous.encode() + b"\x00" + canonical(public) + b"\x00" + (digest or "").encode()
    ).hexdigest()


def same(left, right):
    return hmac.compare_digest(left or "", right or "")


def verify(journal, entries):
    """Walk one journal's entries in the order of their sequence numbers.

    ``entries``: dicts with ``sequence``, ``label`` (the number users see), ``public``,
    ``digest`` (stored), ``seal`` (stored), ``personal`` with ``salt`` (``None`` once the
    personal data is removed) and ``broken`` (a reason found outside the chain, such as a
    document that is not the one sealed, or ``None``). Returns ``(count, problem, last_seal)``:
    ``problem`` is ``None`` when the chain is intact, else ``(label, reason, counter)`` of the
    first entry that breaks it, with reason one of ``missing`` (a number without its entry),
    ``personal`` (personal data changed), ``seal`` (the entry or the one before it changed) or
    the entry's ``broken`` reason.
    """
    previous = genesis(journal)
    # The first sealed entry of a journal need not be number 1 (a journal that continues
    # another's numbering): from there, every number must have its entry.
    expected = entries[0]["sequence"] if entries else 1
    count = 0
    for entry in entries:
        if entry["sequence"] != expected:
            return count, (entry["label"], "missing", expected), previous
        if entry.get("broken"):
            return count, (entry["label"], entry["broken"], expected), previous
        if entry.get("salt") and not same(
            personal_digest(entry["salt"], entry["personal"]), entry["digest"]
        ):
            return count, (entry["label"], "personal", expected), previous
        seal = chain(previous, entry["public"], entry["digest"])
        if not same(seal, entry["seal"]):
            return count, (entry["label"], "seal", expected), previous
        previous = seal
        expected += 1
        count += 1
    return count, None, previous
