"""What the text of an incoming message says (issue 16, items 5 and 6): pure Python, no Odoo.

- :func:`own_text` keeps what the sender wrote: quoted replies ("> " lines, "On ... wrote:",
  "... написал(а):", "... жазды:", "-----Original Message-----", Outlook headers) and the
  signature (after a "-- " line or a closing such as "С уважением", "Құрметпен",
  "Best regards") are cut off; a forwarded block ("Forwarded message", "Пересылаемое
  сообщение") is kept apart.
- :func:`detect_language` decides the language from the share of Cyrillic words that contain a
  letter only Kazakh has (:data:`KAZAKH_LETTERS`), names discounted: the sender's display name,
  the words after a greeting, capitalised words inside a sentence (proper names), lines made
  only of capitalised words (a name under a letter), patronymics and acronyms.

  ===========================================  =====================================
  Cyrillic words counted / share               Result
  ===========================================  =====================================
  no Cyrillic word (Latin only, empty)         Russian (the default), to confirm
  fewer than :data:`MIN_WORDS`                 the nearer language, to confirm
  share >= :data:`KAZAKH_SHARE` (25 %)         Kazakh
  share <= :data:`RUSSIAN_SHARE` (10 %)        Russian
  in between                                   the nearer language, to confirm
  ===========================================  =====================================

  In Kazakh prose about half of the words carry one of these letters; in Russian prose none
  does, except Kazakh names and places, which the discounting removes.
- :func:`identifiers` finds the numbers that may name a client: 12-digit numbers (an IIN or a
  BIN, typed with spaces or hyphens; the caller validates them with ``lib/iin.py``),
  contract-like tokens ("ZM-2024-001234") and journal-number-like tokens.
- :func:`forwarding_details` reads a state body's covering letter: its reference ("Исх. №
  3Т-2026-01234", "шығ. № ЖТ-..."), the letter's date and the reply date it sets, and the
  applicant's name after "заявитель", "обратился гражданин", "өтініш беруші".
- :func:`proposals` proposes the kind (complaint, inquiry, proposal, application, feedback) from
  keyword cues (:data:`KIND_CUES`), "anonymous" from :data:`ANONYMOUS_CUES` and "no substance"
  when the text has fewer than :data:`MIN_SUBSTANCE_WORDS` words (or only test words) and
  nothing is attached. These are proposals for the operator, never decisions.
"""

import datetime
import re
import unicodedata
from collections import namedtuple

# Letters of the Kazakh Cyrillic alphabet that Russian does not use.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZAKH_SHARE = 0.25
RUSSIAN_SHARE = 0.10
MIN_WORDS = 5
MIN_SUBSTANCE_WORDS = 3

LanguageGuess = namedtuple("LanguageGuess", ["language", "certain", "share", "words", "reason"])
Identifiers = namedtuple("Identifiers", ["numbers12", "tokens"])
Forwarding = namedtuple("Forwarding", ["reference", "letter_date", "reply_date", "applicant"])
Proposals = namedtuple("Proposals", ["kind", "anonymous", "no_substance"])

_CYRILLIC = re.compile(r"^[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_QUOTE_HEADER = re.compile(
    r"^.{0,200}\b(wrote|написал|написала|написал\(а\)|пишет|жазды)\s*:\s*$", re.I
)
_QUOTE_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(original message|исходное сообщение|бастапқы хабарлама)\s*-{2,}\s*$", re.I
)
_FORWARD_SEPARATOR = re.compile(
    r"^\s*(-{2,}\s*(forwarded message|пересылаемое сообщение|переадресованное сообщение|"
    r"қайта жіберілген хабарлама)\s*-{2,}|begin forwarded message:|"
    r"начало переадресованного сообщения:)\s*$",
    re.I,
)
_HEADER_LINE = re.compile(
    r"^\s*(from|от|кімнен|sent|date|дата|отправлено|to|кому|subject|тема)\s*:", re.I
)
_OUTLOOK_FROM = re.compile(r"^\s*(from|от|кімнен)\s*:\s*\S", re.I)
_OUTLOOK_NEXT = re.compile(r"^\s*(sent|date|отправлено|дата|жіберілді|to|кому)\s*:", re.I)
_CLOSING = re.compile(
    r"^\s*(с уважением|с наилучшими пожеланиями|всего доброго|всего хорошего|"
    r"құрметпен|ізгі ниетпен|best regards|kind regards|regards|sincerely|yours faithfully)\b",
    re.I,
)
_GREETING = re.compile(
    r"\b(здравствуйте|добрый день|добрый вечер|доброе утро|уважаемый|уважаемая|уважаемые|"
    r"құрметті|сәлеметсіз бе|сәлеметсіздер ме|сәлем|hello|dear)\b[\s,]*",
    re.I,
)
_PATRONYMIC = re.compile(r"(ович|овна|евич|евна|ична|ұлы|улы|қызы|кызы)$", re.I)


def _normal(text):
    return unicodedata.normalize("NFKC", text or "").replace("\r\n", "\n").replace("\r", "\n")


def own_text(text):
    """Return ``(own, forwarded)``: what the sender wrote, and a forwarded block if any."""
    lines = _normal(text).split("\n")
    own, forwarded = [], []
    for index, line in enumerate(lines):
        if _FORWARD_SEPARATOR.match(line):
            forwarded = [rest for rest in lines[index + 1 :] if not _HEADER_LINE.match(rest)]
            break
        nxt = " ".join(lines[index + 1 : index + 4])
        if (
            _QUOTE_HEADER.match(line)
            or _QUOTE_SEPARATOR.match(line)
            or (_OUTLOOK_FROM.match(line) and _OUTLOOK_NEXT.search(nxt.replace(" ", "\n")))
        ):
            break
        if line.lstrip().startswith(">"):
            continue
        if line in ("-- ", "--"):
            break
        if _CLOSING.match(line) and any(previous.strip() for previous in own):
            break
        own.append(line)
    return "\n".join(own).strip(), "\n".join(forwarded).strip()


def _is_capitalised(word):
    return word[:1].isupper()


def _name_words(text, sender_name):
    """The positions (start offsets) of the words that look like personal names."""
    discounted = set()
    sender = {word.lower() for word in _WORD.findall(_normal(sender_name))}
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group()
        offset = line_match.start()
        words = list(_WORD.finditer(line))
        if not words:
            continue
        # A line of a few capitalised words only: a name under or above the letter.
        bare = re.sub(r"[\s,.]", "", _WORD.sub("", line)) == ""
        if bare and len(words) <= 4 and all(_is_capitalised(w.group()) for w in words):
            discounted.update(offset + w.start() for w in words)
            continue
        greeting_names = set()
        for greeting in _GREETING.finditer(line):
            previous_end = greeting.end()
            for match in words:
                if match.start() < greeting.end():
                    continue
                if not _is_capitalised(match.group()) or line[previous_end : match.start()].strip(
                    " ,"
                ):
                    break
                greeting_names.add(match.start())
                previous_end = match.end()
        for position, match in enumerate(words):
            word = match.group()
            start = offset + match.start()
            before = line[: match.start()].rstrip()
            initial = position == 0 or not before or before[-1] in '.!?:;-–—"«('
            if (
                word.lower() in sender
                or match.start() in greeting_names
                or (len(word) > 1 and word.isupper())  # an acronym
                or (_is_capitalised(word) and (not initial or _PATRONYMIC.search(word)))
            ):
                discounted.add(start)
    return discounted


def language_share(text, sender_name=""):
    """Return ``(Kazakh words, Cyrillic words)`` counted in ``text``, names discounted."""
    text = _normal(text)
    names = _name_words(text, sender_name)
    kazakh = cyrillic = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if match.start() in names or len(word) < 2 or not _CYRILLIC.match(word):
            continue
        cyrillic += 1
        if KAZAKH_LETTERS.intersection(word):
            kazakh += 1
    return kazakh, cyrillic


def detect_language(text, sender_name=""):
    """The language of the sender's own text, and whether it is certain (see the table)."""
    own, forwarded = own_text(text)
    kazakh, cyrillic = language_share(own, sender_name)
    if cyrillic < MIN_WORDS and forwarded:
        # Nothing of the sender's own but a forwarded letter: the letter is the appeal.
        kazakh, cyrillic = language_share(own_text(forwarded)[0], sender_name)
    if not cyrillic:
        return LanguageGuess("ru", False, 0.0, 0, "no_cyrillic")
    share = kazakh / cyrillic
    nearer = "kk" if share >= (KAZAKH_SHARE + RUSSIAN_SHARE) / 2 else "ru"
    if cyrillic < MIN_WORDS:
        return LanguageGuess(nearer, False, share, cyrillic, "few_words")
    if share >= KAZAKH_SHARE:
        return LanguageGuess("kk", True, share, cyrillic, "")
    if share <= RUSSIAN_SHARE:
        return LanguageGuess("ru", True, share, cyrillic, "")
    return LanguageGuess(nearer, False, share, cyrillic, "mixed")


_DIGITS12 = re.compile(r"(?<![\d\w])(\d(?:[ \u00a0\-]?\d){11})(?![\d\w])")
_TOKEN = re.compile(r"(?<![\w/\-])([^\W_]+(?:[\-/][^\W_]+)+)(?![\w/\-])")


def identifiers(text):
    """Numbers in ``text`` that may name a client or an appeal."""
    text = _normal(text)
    numbers12 = []
    for match in _DIGITS12.finditer(text):
        number = re.sub(r"\D", "", match.group(1))
        if number not in numbers12:
            numbers12.append(number)
    tokens = []
    for match in _TOKEN.finditer(text):
        token = match.group(1)
        if len(token) >= 5 and any(c.isdigit() for c in token):
            for variant in (token, token.upper()):
                if variant not in tokens:
                    tokens.append(variant)
    return Identifiers(numbers12, tokens)


_MONTHS_RU = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма[йя]",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_MONTHS_KK = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
_DATE_RU = re.compile(r"(?<!\d)(\d{1,2})\s+(" + "|".join(_MONTHS_RU) + r")\w*\s+(\d{4})", re.I)
_DATE_KK = re.compile(
    r"(\d{4})\s*(?:ж\.|жылғы|ж)?\s*(\d{1,2})\s+(" + "|".join(_MONTHS_KK) + r")\w*", re.I
)
_REFERENCE = re.compile(
    r"(?:исх(?:одящий)?\.?|шығ(?:ыс)?\.?|outgoing)\s*(?:№|no\.?|n)\s*"
    r"([^\W_][\w\-/.]*\d[\w\-/]*)",
    re.I,
)
# NFKC turns "№" into "No".
_NUMBER_SIGN = re.compile(r"(?:№|\bNo\b\.?)\s*([^\W_][\w\-/.]*\d[\w\-/]*)")
_CONTRACT_WORDS = re.compile(r"(договор\w*|контракт\w*|шарт\w*|келісімшарт\w*)\s*$", re.I)
_REPLY_BEFORE = re.compile(
    r"(не позднее|в срок до|срок(?:ом)? до|сроки?|до)\s*$|"
    r"(ответ|ответа|ответе|информацию|жауап\w*)[^.]{0,40}(до|не позднее)\s*$",
    re.I,
)
_REPLY_AFTER = re.compile(r"^\s*(ж\.)?\s*(\w*ға|\w*ге|\w*қа|\w*ке)?\s*(дейін|кешіктірмей)", re.I)
_NAME = r"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:-[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+)?"
_APPLICANT = re.compile(
    r"(?i:заявител[ьяюем]+|обратил(?:ся|ась)\s+(?:гражданин|гражданка|гр\.)|"
    r"гражданин(?:а|ка|ки)?|өтініш\s+беруші(?:нің)?|азамат(?:ша|тың|шаның)?)"
    r"[\s:,\-–—]+(" + _NAME + r"(?:\s+" + _NAME + r"){1,2})"
)


def _dates(text):
    found = []
    for match in _DATE_NUMERIC.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        found.append((match, (year, month, day)))
    for match in _DATE_RU.finditer(text):
        month = next(i + 1 for i, m in enumerate(_MONTHS_RU) if re.match(m, match.group(2).lower()))
        found.append((match, (int(match.group(3)), month, int(match.group(1)))))
    for match in _DATE_KK.finditer(text):
        month = _MONTHS_KK.index(match.group(3).lower()) + 1
        found.append((match, (int(match.group(1)), month, int(match.group(2)))))
    dates = []
    for match, (year, month, day) in found:
        try:
            dates.append((match.start(), match.end(), datetime.date(year, month, day)))
        except ValueError:
            continue
    return sorted(dates, key=lambda item: item[0])


def forwarding_details(text):
    """The reference, letter date, reply date and applicant of a state body's letter."""
    text = _normal(text)
    reference = None
    match = _REFERENCE.search(text)
    if not match:
        match = next(
            (
                m
                for m in _NUMBER_SIGN.finditer(text)
                if not _CONTRACT_WORDS.search(text[max(0, m.start() - 25) : m.start()])
            ),
            None,
        )
    if match:
        reference = match.group(1).rstrip(".")
    dates = _dates(text)
    letter_date = reply_date = None
    for start, end, day in dates:
        before = text[max(0, start - 60) : start]
        after = text[end : end + 25]
        if reply_date is None and (_REPLY_BEFORE.search(before) or _REPLY_AFTER.match(after)):
            reply_date = day
        elif letter_date is None and (
            (match and 0 <= start - match.end() <= 40) or re.search(r"\bот\s*$", before)
        ):
            letter_date = day
    applicant = _APPLICANT.search(text)
    return Forwarding(reference, letter_date, reply_date, applicant.group(1) if applicant else None)


# Keyword cues of each kind (lower-case stems), Russian and Kazakh. The kind with the most
# cues is proposed; ties go to the earlier kind of this table.
KIND_CUES = {
    "complaint": (
        "жалоб",
        "жалуюсь",
        "недовол",
        "возмущ",
        "нарушен",
        "незаконн",
        "несогласи",
        "требую",
        "хамств",
        "угрож",
        "шағым",
        "наразы",
        "заңсыз",
        "талап етемін",
        "дөрекі",
    ),
    "application": (
        "прошу выдать",
        "прошу предоставить",
        "прошу перенести",
        "прошу изменить",
        "прошу реструктур",
        "прошу пересчитать",
        "заявлени",
        "справк",
        "беруіңізді сұраймын",
        "өзгертуді сұраймын",
        "анықтама",
        "кейінге қалдыру",
    ),
    "inquiry": (
        "разъясн",
        "подскаж",
        "хотел бы узнать",
        "хотела бы узнать",
        "интересует",
        "вопрос",
        "түсіндір",
        "сұрақ",
        "білгім келеді",
        "қалай",
    ),
    "proposal": (
        "предлагаю",
        "предложени",
        "было бы удобн",
        "рекомендую",
        "ұсыныс",
        "ұсынамын",
        "ыңғайлы болар еді",
    ),
    "feedback": (
        "благодар",
        "выражаю признательн",
        "отзыв",
        "доволен",
        "довольна",
        "алғыс",
        "рахмет айт",
        "ризамын",
    ),
}
ANONYMOUS_CUES = (
    "анонимн",
    "не указываю сво",
    "не называю сво",
    "прошу не называть",
    "без указания имени",
    "имя не укаж",
    "атымды жазбаймын",
    "атымды көрсетпе",
    "аты-жөнімді көрсетпе",
    "аноним",
)
TEST_WORDS = frozenset(("тест", "test", "проверка", "сынақ", "тексеру", "asdf", "qwerty"))


def proposals(subject, text, has_attachments=False):
    """What the operator is proposed: the kind, "anonymous", "no substance"."""
    own = own_text(text)[0] or own_text(text)[1]
    lowered = _normal(f"{subject}\n{own}").lower()
    scores = {kind: sum(lowered.count(cue) for cue in cues) for kind, cues in KIND_CUES.items()}
    best = max(scores.values())
    kind = next((k for k, score in scores.items() if score == best), None) if best else None
    anonymous = any(cue in lowered for cue in ANONYMOUS_CUES)
    words = [w for w in _WORD.findall(lowered) if len(w) >= 2]
    meaningful = [w for w in words if w not in TEST_WORDS]
    no_substance = not has_attachments and (len(words) < MIN_SUBSTANCE_WORDS or not meaningful)
    return Proposals(kind, anonymous, no_substance)
