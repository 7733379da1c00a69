"""Repairs of damaged incoming mail, before Odoo's gateway reads it (issue 16, item 3).

Pure Python on purpose (no Odoo): the functions change an ``email.message.EmailMessage`` in
place so that the gateway's own parser (``mail.thread._message_parse_extract_payload``) finds
every part and reads every text in the right charset.

- :func:`repair_multipart`: a multipart container whose declared boundary is not the one its
  body uses, that declares none, or whose first part has no opening boundary, gets its parts
  back; a container whose parts cannot be found at all is read as plain text.
- :func:`fix_charsets`: every text part gets the charset its bytes are really in (declared and
  coherent, or guessed by ``charset_normalizer`` among the encodings Kazakh and Russian mail is
  written in); a text part that no charset decodes becomes an attachment.
- :func:`remove_oversized`: parts larger than the limit are taken out of the message, with
  what identifies them (name, size, type, SHA-256).
- :func:`delivery_error`: the recipient, status and diagnostic of a delivery-status report.
"""

import codecs
import email
import email.policy
import hashlib
import re

import charset_normalizer

# Encodings of Kazakh and Russian mail, the candidates of the guess (charset_normalizer alone
# takes short KOI8-R texts for Japanese or windows-1251).
CANDIDATES = (
    "utf_8",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "kz1048",
    "cp866",
    "mac_cyrillic",
    "iso8859_5",
)
# The names the gateway writes back into the part (MIME names where they exist).
MIME_NAMES = {
    "utf_8": "utf-8",
    "cp1251": "windows-1251",
    "koi8_r": "koi8-r",
    "koi8_u": "koi8-u",
    "kz1048": "kz1048",
    "cp866": "cp866",
    "mac_cyrillic": "mac-cyrillic",
    "iso8859_5": "iso-8859-5",
}
RUSSIAN_KAZAKH = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі")
_WORD = re.compile(r"[^\W\d_]+")
_DELIMITER = re.compile(r"^--([0-9A-Za-z'()+_,./:=?-]{1,70}?)(--)?[ \t\r]*$", re.MULTILINE)
_HEADER_LINE = re.compile(r"^[!-9;-~]+:")


def _payload_bytes(part):
    """The decoded bytes of a non-multipart part (transfer encoding undone)."""
    data = part.get_payload(decode=True)
    return data if data is not None else b""


def _to_bytes(text):
    """Bytes of a payload kept as text by the parser (undecodable bytes as surrogates)."""
    return text.encode("ascii", "surrogateescape")


def _raw_payload(part):
    """The payload as the parser stored it: ``get_payload()`` would decode the bytes of an
    8-bit body with the declared charset, replacing what does not fit."""
    return part._payload  # noqa: SLF001 (the stdlib offers no public accessor)


# ----------------------------------------------------------------------------------------------
# Multipart boundaries
# ----------------------------------------------------------------------------------------------
def _used_boundary(body):
    """The delimiter the body really uses: the most frequent ``--token`` line."""
    counts = {}
    for match in _DELIMITER.finditer(body):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda token: (counts[token], len(token)))


def _looks_like_part(text):
    """Whether ``text`` starts with MIME headers followed by a blank line: a part."""
    text = (text or "").lstrip("\r\n")
    first = text.split("\n", 1)[0]
    return bool(_HEADER_LINE.match(first)) and ("\n\n" in text or "\r\n\r\n" in text)


def _parse_part(data):
    return email.message_from_bytes(data, policy=email.policy.SMTP)


def repair_multipart(message):
    """Give every multipart container of ``message`` its parts back, in place.

    Returns the list of repairs made (short descriptions, for the log).
    """
    repairs = []
    _repair(message, repairs)
    return repairs


def _repair(part, repairs):
    if not part.is_multipart() and part.get_content_maintype() != "multipart":
        return
    payload = _raw_payload(part)
    if isinstance(payload, list):
        # A first part without its opening boundary is read by the parser as the preamble.
        if part.preamble and _looks_like_part(part.preamble):
            payload.insert(0, _parse_part(_to_bytes(part.preamble.lstrip("\r\n"))))
            part.preamble = None
            repairs.append("missing start boundary")
        for child in payload:
            _repair(child, repairs)
        return
    body = payload or ""
    boundary = _used_boundary(body)
    if boundary:
        head = f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'.encode()
        # The text before the first delimiter may be a first part without its boundary.
        first = _DELIMITER.search(body)
        before = body[: first.start()] if first else ""
        if _looks_like_part(before):
            body = f"--{boundary}\r\n{before.lstrip(chr(13) + chr(10))}{body[first.start() :]}"
        reparsed = _parse_part(head + _to_bytes(body))
        part.set_payload(reparsed.get_payload())
        part.preamble = reparsed.preamble
        part.epilogue = reparsed.epilogue
        part.set_boundary(boundary)
        repairs.append(f"boundary {part.get_boundary()!r} used instead of the declared one")
        for child in part.get_payload():
            _repair(child, repairs)
        return
    # No part can be found: the body is the client's text.
    del part["Content-Type"]
    part["Content-Type"] = "text/plain"
    repairs.append("multipart without parts read as text")


# ----------------------------------------------------------------------------------------------
# Charsets
# ----------------------------------------------------------------------------------------------
def _anomalies(text):
    """How unlike Kazakh or Russian prose ``text`` looks: words with capitals inside (KOI8-R
    read as windows-1251 and back) and Cyrillic letters of neither alphabet."""
    count = 0
    for word in _WORD.findall(text):
        if len(word) > 1 and not word.isupper() and any(c.isupper() for c in word[1:]):
            count += 1
        count += sum(
            1 for c in word.lower() if "\u0400" <= c <= "\u04ff" and c not in RUSSIAN_KAZAKH
        )
    return count


def _known(charset):
    try:
        return codecs.lookup(charset).name
    except (LookupError, TypeError):
        return None


def _decodes(data, codec):
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def guess_charset(data, declared=None):
    """The charset ``data`` is written in: the declared one when it decodes them into
    plausible text, UTF-8 when they are valid UTF-8, else the best guess of
    ``charset_normalizer`` among :data:`CANDIDATES`. ``None`` when nothing decodes them."""
    if data.isascii():
        # Any charset reads ASCII; only a label nobody knows must go.
        return declared if declared and _known(declared) else "us-ascii"
    codec = _known(declared) if declared else None
    declared_text = None
    if codec:
        try:
            declared_text = data.decode(codec)
        except UnicodeDecodeError:
            declared_text = None
    if declared_text is not None and (codec == "utf-8" or not _anomalies(declared_text)):
        return declared
    if _decodes(data, "utf-8"):
        return "utf-8"
    best = None
    if declared_text is not None:
        best = ((_anomalies(declared_text), -1), declared)
    for rank, match in enumerate(charset_normalizer.from_bytes(data, cp_isolation=CANDIDATES)):
        key = (_anomalies(str(match)), rank)
        if best is None or key < best[0]:
            best = (key, MIME_NAMES.get(match.encoding, match.encoding))
    return best[1] if best else None


def fix_charsets(message):
    """Give every text part of ``message`` the charset its bytes are in, in place.

    Returns the list of changes (descriptions, for the log). A text part that nothing decodes
    becomes an attachment (``application/octet-stream``), never dropped.
    """
    changes = []
    for index, part in enumerate(message.walk()):
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        declared = part.get_param("charset")
        data = _payload_bytes(part)
        if data.isascii() and (not declared or _known(declared)):
            continue
        charset = guess_charset(data, declared)
        if charset is None:
            name = part.get_filename() or f"part-{index}.txt"
            for header in ("Content-Type", "Content-Disposition"):
                del part[header]
            part["Content-Type"] = "application/octet-stream"
            part["Content-Disposition"] = f'attachment; filename="{name}"'
            changes.append(f"undecodable text part kept as the attachment {name}")
            continue
        if charset != declared:
            if "Content-Type" not in part:
                part["Content-Type"] = "text/plain"
            part.set_param("charset", charset)
            changes.append(f"charset {declared!r} read as {charset!r}")
    return changes


# ----------------------------------------------------------------------------------------------
# Sizes
# ----------------------------------------------------------------------------------------------
def remove_oversized(message, limit):
    """Take out of ``message`` the parts whose decoded size exceeds ``limit`` bytes.

    Returns, for each part taken out, a dict with its ``name``, ``size``, ``mimetype`` and
    ``sha256``. The message itself (a single part) is never taken out of itself.
    """
    refused = []
    if not limit or not message.is_multipart():
        return refused
    stack = [message]
    while stack:
        container = stack.pop()
        children = container.get_payload()
        for child in list(children):
            if child.is_multipart():
                stack.append(child)
                continue
            encoded = _raw_payload(child)
            # The decoded size never exceeds the encoded one (base64, quoted-printable, 8bit).
            if not isinstance(encoded, str) or len(encoded) <= limit:
                continue
            data = _payload_bytes(child)
            if len(data) <= limit:
                continue
            refused.append(
                {
                    "name": child.get_filename() or "attachment",
                    "size": len(data),
                    "mimetype": child.get_content_type(),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
            )
            children.remove(child)
    return refused


def reduced_copy(raw, message, refused):
    """The bytes of ``message`` without the parts taken out, each named in a header.

    Falls back to the original headers alone when the message cannot be written back.
    """
    notes = "".join(
        f"X-ACF-Removed-Attachment: {item['name']}; size={item['size']}; "
        f"type={item['mimetype']}; sha256={item['sha256']}\r\n"
        for item in refused
    ).encode("utf-8", "replace")
    try:
        return notes + message.as_bytes(policy=email.policy.SMTP.clone(max_line_length=0))
    except (ValueError, TypeError, UnicodeError, LookupError):
        head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        return notes + head + b"\r\n\r\n"


# ----------------------------------------------------------------------------------------------
# Delivery-status reports
# ----------------------------------------------------------------------------------------------
def delivery_error(message):
    """``(recipient, text)`` of a delivery-status report (RFC 3464): who was not reached and
    why, as the report says it; ``(None, "")`` when the message carries no report."""
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        recipient, fields = None, []
        for block in part.get_payload() or ():
            recipient = recipient or block.get("Final-Recipient") or block.get("Original-Recipient")
            for header in ("Action", "Status", "Diagnostic-Code"):
                if block.get(header):
                    fields.append(f"{header}: {block.get(header)}")
        if recipient and ";" in recipient:
            recipient = recipient.split(";", 1)[1].strip()
        return recipient, "; ".join(fields)
    return None, ""
