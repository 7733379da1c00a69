"""The grammar of the letters alone (issue 17): lib/wording.py, without Odoo."""

from odoo.tests import BaseCase

from .test_deadline_engine import _load

wording = _load("wording")


class TestWording(BaseCase):
    def test_module_imports_neither_odoo_nor_another_lib_module(self):
        source = wording.__spec__.origin
        with open(source, encoding="utf-8") as handle:
            imports = [line for line in handle if line.startswith(("import ", "from "))]
        self.assertEqual(imports, [])

    def test_name_parts_in_both_orders_and_kazakh_patronymics(self):
        cases = {
            "Ким Сергей Викторович": ("Ким", "Сергей", "Викторович"),
            "Сергей Викторович Ким": ("Ким", "Сергей", "Викторович"),
            "Бекова Асель Нұрланқызы": ("Бекова", "Асель", "Нұрланқызы"),
            "Асель Нұрлан қызы Бекова": ("Бекова", "Асель", "Нұрлан қызы"),
            "Оспанов Марат Серікұлы": ("Оспанов", "Марат", "Серікұлы"),
            "Алиев Рашид Гусейн оглы": ("Алиев", "Рашид", "Гусейн оглы"),
            "Жанна Ильинична Петрова": ("Петрова", "Жанна", "Ильинична"),
            "Ким Сергей": ("Ким", "Сергей", None),
            "Асель Нурланова": ("Нурланова", "Асель", None),
            "Ким": ("Ким", None, None),
            "": (None, None, None),
        }
        for full_name, parts in cases.items():
            self.assertEqual(wording.name_parts(full_name), parts, full_name)

    def test_gender_from_the_seventh_digit_of_the_iin(self):
        self.assertEqual(wording.gender_from_iin("880515300001"), "male")  # 3: odd
        self.assertEqual(wording.gender_from_iin("880515400001"), "female")  # 4: even
        self.assertEqual(wording.gender_from_iin("010515500001"), "male")
        self.assertEqual(wording.gender_from_iin("010515600001"), "female")
        self.assertIsNone(wording.gender_from_iin("880515000001"), "0: foreign citizens")
        self.assertIsNone(wording.gender_from_iin("8805154"))
        self.assertIsNone(wording.gender_from_iin(None))

    def test_the_form_field_overrides_the_iin_and_the_name(self):
        self.assertEqual(
            wording.gender("Ким Сергей Викторович", iin="880515400001", declared="male"), "male"
        )
        self.assertEqual(wording.gender("Ким Сергей Викторович", iin="880515400001"), "female")
        self.assertEqual(wording.gender("Ким Сергей Викторович"), "male", "the patronymic")
        self.assertEqual(wording.gender("Нурланова Асель"), "female", "the surname")
        self.assertIsNone(wording.gender("Ли Мин"))

    def test_salutations(self):
        male, female = "880515300001", "880515400001"
        self.assertEqual(
            wording.salutation("ru", "Ким Сергей Викторович", iin=male),
            "Уважаемый Сергей Викторович!",
        )
        self.assertEqual(
            wording.salutation("ru", "Бекова Асель Нурлановна", iin=female),
            "Уважаемая Асель Нурлановна!",
        )
        self.assertEqual(
            wording.salutation("kk", "Бекова Асель Нұрланқызы", iin=female),
            "Құрметті Асель Нұрланқызы!",
        )
        self.assertEqual(
            wording.salutation("kk", "Ким Сергей Викторович", iin=male),
            "Құрметті Сергей Викторович!",
            "no gender form in Kazakh",
        )
        self.assertEqual(wording.salutation("ru", "Ким", iin=male), "Уважаемый господин Ким!")
        self.assertEqual(
            wording.salutation("ru", "Асель Нурланова", iin=female),
            "Уважаемая госпожа Нурланова!",
        )
        self.assertEqual(wording.salutation("kk", "Ким", iin=male), "Құрметті Ким мырза!")
        self.assertEqual(wording.salutation("kk", "Ким", iin=female), "Құрметті Ким ханым!")
        self.assertEqual(wording.salutation("ru", "Ли Мин"), "Уважаемый заявитель!")
        self.assertEqual(wording.salutation("ru", plural=True), "Уважаемые заявители!")
        self.assertEqual(wording.salutation("kk", plural=True), "Құрметті өтініш берушілер!")
        for text in (wording.salutation("ru", "Ким Сергей Викторович", iin=female),):
            self.assertNotIn("(", text)
            self.assertNotIn(",", text)

    def test_legal_entity_through_its_head(self):
        self.assertEqual(
            wording.entity_address(
                "ru", "ТОО «Альфа»", "director", "Иванов Сергей Викторович", None
            ),
            "Директору ТОО «Альфа» Иванову С.В.",
        )
        self.assertEqual(
            wording.entity_address("ru", "ТОО «Альфа»", "chairman", "Жакупова Жанар Болатовна"),
            "Председателю правления ТОО «Альфа» Жакуповой Ж.Б.",
        )
        self.assertEqual(
            wording.entity_address("kk", "ТОО «Альфа»", "director", "Иванов Сергей Викторович"),
            "«Альфа» ЖШС директоры С.В. Ивановқа",
        )
        self.assertEqual(
            wording.entity_address("kk", "ТОО «Альфа»", "chairman", "Жакупова Жанар Болатовна"),
            "«Альфа» ЖШС басқарма төрағасы Ж.Б. Жакуповаға",
        )
        self.assertEqual(
            wording.entity_address("kk", "ТОО «Альфа»", "director"), "«Альфа» ЖШС директорына"
        )
        self.assertEqual(
            wording.entity_address("ru", "ТОО «Альфа»", "head"), "Руководителю ТОО «Альфа»"
        )

    def test_russian_dative_of_surnames(self):
        self.assertEqual(wording.ru_dative_surname("Ким", "male"), "Киму")
        self.assertEqual(wording.ru_dative_surname("Ким", "female"), "Ким")
        self.assertEqual(wording.ru_dative_surname("Жакупова", "female"), "Жакуповой")
        self.assertEqual(wording.ru_dative_surname("Достоевский", "male"), "Достоевскому")

    def test_a_person_in_the_dative_of_each_language(self):
        cases = (
            ("Васильева Ольга Николаевна", "Васильевой О.Н.", "О.Н. Васильеваға"),
            ("Нұржан Асқарұлы Қалиев", "Қалиеву Н.А.", "Н.А. Қалиевке"),
            ("Серік Тұрсынов", "Тұрсынову С.", "С. Тұрсыновқа"),
            ("Жакупова Жанар Болатовна", "Жакуповой Ж.Б.", "Ж.Б. Жакуповаға"),
            # The possessive «ұлы» / «қызы» takes «-на» in Kazakh.
            ("Бауыржан Серікұлы", "Бауыржан Серікұлы", "Бауыржан Серікұлына"),
            # No gender known: the Russian nominative, never a guessed case.
            ("Ким Асель", "Ким А.", "А. Кимге"),
            # A Latin name takes no Cyrillic ending.
            ("John Smith", "John Smith", "John Smith"),
        )
        for name, russian, kazakh in cases:
            with self.subTest(name=name):
                self.assertEqual(wording.person_dative("ru", name), russian)
                self.assertEqual(wording.person_dative("kk", name), kazakh)
        self.assertEqual(
            wording.person_dative("ru", "Ким Асель", declared="female"), "Ким А.", "indeclinable"
        )
        self.assertEqual(wording.person_dative("ru", "Ким Сергей", declared="male"), "Киму С.")
        self.assertEqual(wording.kk_dative("Нұрланқызы"), "Нұрланқызына")
        # «-аев» takes its harmony from the vowel before «е»; «-иев» from «и».
        self.assertEqual(wording.kk_dative("Сәрсенбаев"), "Сәрсенбаевқа")
        self.assertEqual(wording.kk_dative("Қалиев"), "Қалиевке")

    def test_the_name_under_a_signature(self):
        self.assertEqual(wording.signature_name("Серік Тұрсынов"), "С. Тұрсынов")
        self.assertEqual(wording.signature_name("Оспанова Гүлнар Әбілқызы"), "Г.Ә. Оспанова")
        self.assertEqual(wording.signature_name("Nurlan Sign"), "Nurlan Sign", "Latin as written")

    def test_russian_plural_of_calendar_days(self):
        expected = {
            1: "1 календарный день",
            2: "2 календарных дня",
            5: "5 календарных дней",
            11: "11 календарных дней",
            21: "21 календарный день",
            22: "22 календарных дня",
            25: "25 календарных дней",
            12: "12 календарных дней",
            30: "30 календарных дней",
            111: "111 календарных дней",
        }
        for days, text in expected.items():
            self.assertEqual(wording.calendar_days(days, "ru"), text)

    def test_kazakh_days_keep_the_noun_and_take_the_case(self):
        self.assertEqual(wording.calendar_days(1, "kk"), "1 күнтізбелік күн")
        self.assertEqual(wording.calendar_days(21, "kk"), "21 күнтізбелік күн")
        self.assertEqual(wording.calendar_days(20, "kk", "dative"), "20 күнтізбелік күнге")

    def test_kazakh_dates_carry_the_year_word(self):
        self.assertEqual(wording.kk_date("25.11.2026"), "25.11.2026 ж.")
        self.assertEqual(wording.kk_date(""), "")
