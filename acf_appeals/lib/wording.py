"""The grammar of the letters in Kazakh and Russian (issue 17): salutations, names, numerals and
dates as an official letter of the Republic of Kazakhstan writes them.

Pure Python, no Odoo import, no import of the other lib modules.

Salutation rules (documented in docs/letters.md by the letters' part):

- Russian: «Уважаемый Сергей Викторович!» / «Уважаемая Асель Нурлановна!» — first name and
  patronymic, no surname, an exclamation mark, no comma. Kazakh has no gender form:
  «Құрметті Асель Нұрланқызы!».
- Without a patronymic (foreign citizens, some Koreans and others of Kazakhstan): «Уважаемый
  господин Ким!» / «Уважаемая госпожа Ким!», in Kazakh «Құрметті Ким мырза!» / «Құрметті Ким
  ханым!», with the surname, the first word of the name as the register writes it ("Surname Name").
- The gender is never bracketed («Уважаемый(ая)»): when neither the contact's form field, nor the
  IIN, nor the patronymic or the surname tells it, the letter says «Уважаемый заявитель!» /
  «Құрметті өтініш беруші!».
- Several applicants: «Уважаемые заявители!» / «Құрметті өтініш берушілер!».
"""

MALE = "male"
FEMALE = "female"

# Patronymics written as one word (Russian -вич/-вна/-ична, Kazakh -ұлы/-қызы run together) or
# as two (Kazakh «Нұрлан қызы», Azerbaijani «Гусейн оглы»).
_MALE_ENDINGS = ("вич", "ұлы", "улы", "оглы", "оғлы", "уулу")
_FEMALE_ENDINGS = ("вна", "ична", "қызы", "кызы", "кизи", "гызы")
_SEPARATE_PARTICLES = {
    "ұлы": MALE,
    "улы": MALE,
    "оглы": MALE,
    "оғлы": MALE,
    "уулу": MALE,
    "қызы": FEMALE,
    "кызы": FEMALE,
    "кизи": FEMALE,
    "гызы": FEMALE,
}
_FEMALE_SURNAME_ENDINGS = ("ова", "ева", "ёва", "ина", "ына", "ая", "ская", "цкая")
_MALE_SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ын", "ий", "ой", "ский", "цкий")

SALUTATIONS = {
    "ru": {
        MALE: "Уважаемый {name}!",
        FEMALE: "Уважаемая {name}!",
        "mr": "Уважаемый господин {name}!",
        "mrs": "Уважаемая госпожа {name}!",
        "unknown": "Уважаемый заявитель!",
        "plural": "Уважаемые заявители!",
    },
    "kk": {
        MALE: "Құрметті {name}!",
        FEMALE: "Құрметті {name}!",
        "mr": "Құрметті {name} мырза!",
        "mrs": "Құрметті {name} ханым!",
        "unknown": "Құрметті өтініш беруші!",
        "plural": "Құрметті өтініш берушілер!",
    },
}

# The head of a legal entity: how the address block names the position (Russian dative; Kazakh
# possessive after the entity's name, and dative when no person is named).
HEAD_POSITIONS = {
    "director": {"ru": "Директору", "kk": "директоры", "kk_dative": "директорына"},
    "general_director": {
        "ru": "Генеральному директору",
        "kk": "бас директоры",
        "kk_dative": "бас директорына",
    },
    "chairman": {
        "ru": "Председателю правления",
        "kk": "басқарма төрағасы",
        "kk_dative": "басқарма төрағасына",
    },
    "head": {"ru": "Руководителю", "kk": "басшысы", "kk_dative": "басшысына"},
}
# Legal forms: the Russian abbreviation before the name, the Kazakh one after it.
_LEGAL_FORMS = {"ТОО": "ЖШС", "АО": "АҚ", "ИП": "ЖК", "ОО": "ҚБ", "ПК": "ӨК"}

_BACK_VOWELS = set("аоұыуяё")
_FRONT_VOWELS = set("әөүіеэи")
_VOICELESS = set("кқпстфхцчшщв")  # a final Russian -в sounds [ф] in Kazakh: «Ивановқа»


def _is_cyrillic(text):
    return any("\u0400" <= char <= "\u04ff" for char in text or "")


def _words(full_name):
    return [word for word in (full_name or "").replace(",", " ").split() if word]


def name_parts(full_name):
    """(surname, first name, patronymic) of a full name; missing parts are ``None``.

    Kazakh and Russian write "Surname Name Patronymic" (the register, documents) or
    "Name Patronymic Surname"; the patronymic is found by its ending, as one word («Викторович»,
    «Нұрланқызы») or two («Нұрлан қызы»). Without a patronymic the first word is the surname.
    """
    words = _words(full_name)
    if not words:
        return None, None, None
    lowered = [word.lower() for word in words]
    for index, word in enumerate(lowered):
        if index and word in _SEPARATE_PARTICLES:
            start, end = index - 1, index + 1
        elif word.endswith(_MALE_ENDINGS + _FEMALE_ENDINGS) and index:
            start, end = index, index + 1
        else:
            continue
        patronymic = " ".join(words[start:end])
        if start >= 2:
            # "Surname Name Patronymic".
            return " ".join(words[: start - 1]), words[start - 1], patronymic
        if start == 1:
            # "Name Patronymic Surname" (or "Name Patronymic" alone).
            return " ".join(words[end:]) or None, words[0], patronymic
    if len(words) == 1:
        return words[0], None, None
    # Without a patronymic: "Surname Name" as the register writes it, unless only the last word
    # ends like a surname («Асель Нурланова»).
    if len(words) == 2 and gender_from_surname(words[1]) and not gender_from_surname(words[0]):
        return words[1], words[0], None
    return words[0], " ".join(words[1:]), None


def gender_from_patronymic(patronymic):
    word = (patronymic or "").lower().split()
    if not word:
        return None
    last = word[-1]
    if last in _SEPARATE_PARTICLES:
        return _SEPARATE_PARTICLES[last]
    if last.endswith(_FEMALE_ENDINGS):
        return FEMALE
    if last.endswith(_MALE_ENDINGS):
        return MALE
    return None


def gender_from_surname(surname):
    word = (surname or "").lower()
    if len(word) < 5:  # «Мин», «Кин»: too short to be a Russian-style surname
        return None
    if word.endswith(_FEMALE_SURNAME_ENDINGS):
        return FEMALE
    if word.endswith(_MALE_SURNAME_ENDINGS):
        return MALE
    return None


def gender_from_iin(iin):
    """The sex encoded in the 7th digit of an IIN: odd male, even female; ``None`` for 0 (some
    foreign citizens) or anything that is not 12 digits."""
    value = (iin or "").strip()
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        return None
    digit = int(value[6])
    if digit == 0 or digit > 6:
        return None
    return MALE if digit % 2 else FEMALE


def gender(full_name, iin=None, declared=None):
    """The gender a letter uses: the contact's form field first (``declared``, an override), then
    the IIN, then the patronymic, then the surname's ending; ``None`` when nothing tells it."""
    if declared in (MALE, FEMALE):
        return declared
    surname, _first, patronymic = name_parts(full_name)
    return (
        gender_from_iin(iin) or gender_from_patronymic(patronymic) or gender_from_surname(surname)
    )


def salutation(lang, full_name=None, iin=None, declared=None, plural=False):
    """The salutation line of a letter in ``lang`` ("kk" or "ru")."""
    forms = SALUTATIONS["kk" if lang == "kk" else "ru"]
    if plural:
        return forms["plural"]
    surname, first, patronymic = name_parts(full_name)
    sex = gender(full_name, iin=iin, declared=declared)
    if first and patronymic:
        if lang == "kk":
            return forms[MALE].format(name=f"{first} {patronymic}")
        if sex:
            return forms[sex].format(name=f"{first} {patronymic}")
        return forms["unknown"]
    if surname and sex:
        return forms["mr" if sex == MALE else "mrs"].format(name=surname)
    return forms["unknown"]


def initials(full_name):
    """("С.В.", "Ким") of a full name: the initials of the first name and patronymic, and the
    surname."""
    surname, first, patronymic = name_parts(full_name)
    letters = "".join(f"{part[0].upper()}." for part in (first, patronymic) if part)
    return letters, surname or ""


def signature_name(full_name):
    """The name under a signature as an official letter prints it, the initials before the
    surname: «С. Тұрсынов», «Г.Ә. Оспанова»; a name without a recognisable surname, or in Latin
    letters, as written."""
    letters, surname = initials(full_name)
    if not surname or not letters or not _is_cyrillic(full_name):
        return full_name or ""
    return f"{letters} {surname}"


def ru_dative_surname(surname, sex):
    """The Russian dative of a surname: «Иванову», «Ивановой», «Киму»; a woman's surname that
    does not end like a Russian one does not change («Ким»)."""
    if not surname:
        return ""
    lower = surname.lower()
    if sex == FEMALE:
        if lower.endswith(("ова", "ева", "ёва", "ина", "ына")):
            return surname[:-1] + "ой"
        if lower.endswith("ая"):
            return surname[:-2] + "ой"
        return surname
    if lower.endswith(("ий", "ой")):
        return surname[:-2] + "ому"
    if lower.endswith("ый"):
        return surname[:-2] + "ому"
    if lower[-1] in "бвгджзклмнпрстфхцчшщ":
        return surname + "у"
    if lower.endswith("ь"):
        return surname[:-1] + "ю"
    return surname


def kk_dative(word):
    """The Kazakh dative ending of a word by vowel harmony: «Ивановқа», «Жакуповаға», «Кимге»."""
    if not word:
        return ""
    lower = word.lower()
    if lower.endswith(("ұлы", "улы", "қызы", "кызы")):
        # The possessive «-ы» of «ұлы» / «қызы» takes «-на»: «Серікұлына», «Нұрланқызына».
        return word + "на"
    vowels = [char for char in lower if char in _BACK_VOWELS or char in _FRONT_VOWELS]
    if lower.endswith("ев") and len(lower) > 2 and lower[-3] in _BACK_VOWELS | _FRONT_VOWELS:
        # The «е» of «-аев», «-иев» is said [йе]: the vowel before it sets the harmony
        # («Назарбаевқа», «Тоқаевқа», but «Қалиевке»).
        vowels = vowels[:-1]
    front = bool(vowels) and vowels[-1] in _FRONT_VOWELS
    if lower[-1] in _VOICELESS:
        return word + ("ке" if front else "қа")
    return word + ("ге" if front else "ға")


def person_dative(lang, full_name, iin=None, declared=None):
    """A person as a letter's address block names them, in the dative: «Васильевой О.Н.»,
    «Калиеву Н.А.» / «О.Н. Васильеваға», «Н.А. Қалиевке». A name without a surname
    recognisable as one, or not in Cyrillic (no case ending fits a Latin name), is left as
    written."""
    letters, surname = initials(full_name)
    if not _is_cyrillic(full_name):
        return full_name or ""
    if not surname:
        # "Name Patronymic" without a surname: Kazakh declines its last word («Бауыржан
        # Серікұлына»); Russian leaves a Kazakh patronymic as written.
        words = _words(full_name)
        if lang == "kk" and len(words) > 1:
            return " ".join([*words[:-1], kk_dative(words[-1])])
        return full_name or ""
    if lang == "kk":
        return f"{letters} {kk_dative(surname)}".strip()
    sex = gender(full_name, iin=iin, declared=declared)
    if lang == "ru" and sex:
        return f"{ru_dative_surname(surname, sex)} {letters}".strip()
    # Russian without a known gender: the nominative, never a guessed case.
    return f"{surname} {letters}".strip()


def kk_entity_name(name):
    """A Russian-style entity name («ТОО "Альфа"») as Kazakh writes it («"Альфа" ЖШС»)."""
    words = (name or "").split(None, 1)
    if len(words) == 2 and words[0].upper() in _LEGAL_FORMS:
        return f"{words[1]} {_LEGAL_FORMS[words[0].upper()]}"
    return name or ""


def entity_address(lang, entity_name, position, head_name=None, head_gender=None):
    """The address block of a letter to a legal entity through its head: «Директору ТОО "Альфа"
    С.В. Иванову» / «"Альфа" ЖШС директоры С.В. Ивановқа» («… директорына» without a name)."""
    forms = HEAD_POSITIONS.get(position) or HEAD_POSITIONS["director"]
    letters, surname = initials(head_name)
    sex = gender(head_name, declared=head_gender)
    if lang == "kk":
        entity = kk_entity_name(entity_name)
        if not surname:
            return f"{entity} {forms['kk_dative']}"
        return f"{entity} {forms['kk']} {letters} {kk_dative(surname)}".replace("  ", " ")
    if not surname:
        return f"{forms['ru']} {entity_name}"
    return f"{forms['ru']} {entity_name} {ru_dative_surname(surname, sex)} {letters}".strip()


def ru_plural(number, one, few, many):
    """The Russian form of a noun after ``number``: 1 день, 2 дня, 5 дней, 11 дней, 21 день."""
    number = abs(int(number))
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


def calendar_days(number, lang, case="nominative"):
    """«20 календарных дней» / «20 күнтізбелік күн»: Kazakh does not change the noun after a
    numeral, but takes the case of the sentence («20 күнтізбелік күнге ұзартты», ``case`` =
    "dative"); the Russian accusative of «день» is its nominative («продлён на 21 календарный
    день»)."""
    if lang == "kk":
        return f"{number} күнтізбелік күн" + ("ге" if case == "dative" else "")
    if lang == "ru":
        words = ru_plural(number, "календарный день", "календарных дня", "календарных дней")
        return f"{number} {words}"
    return f"{number} calendar day" + ("" if abs(int(number)) == 1 else "s")


def kk_date(formatted):
    """A date in a Kazakh letter carries «ж.» (жыл) so that a case ending or a postposition can
    follow it: «25.11.2026 ж. дейін», «25.11.2026 ж. кешіктірмей»."""
    return f"{formatted} ж." if formatted else ""
