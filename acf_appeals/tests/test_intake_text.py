"""What the text of a message says: language, identifiers, a state body's letter, proposals
(lib/intake_text.py, pure Python; issue 16, items 5 and 6)."""

import datetime

from odoo.tests import BaseCase, tagged

from ..lib import intake_text


@tagged("post_install", "-at_install")
class TestIntakeText(BaseCase):
    def test_quotes_and_signatures_are_not_the_senders_words(self):
        own, forwarded = intake_text.own_text(
            "Айыппұлды қайта есептеуді сұраймын.\n\n"
            "Вт, 24 нояб. 2026 г. в 10:15, Call-центр АКФ <info@acfund.kz> написал(а):\n"
            "> Уважаемая Асель! Пеня начислена верно.\n"
        )
        self.assertEqual(own, "Айыппұлды қайта есептеуді сұраймын.")
        self.assertEqual(forwarded, "")
        for text in (
            "Прошу перезвонить.\n-- \nЖұлдыз Әбілқызы",
            "Прошу перезвонить.\nС уважением,\nЖұлдыз Әбілқызы",
            "Прошу перезвонить.\nҚұрметпен, Жұлдыз",
            "Прошу перезвонить.\n-----Original Message-----\nFrom: x\nҚұрметті клиент",
            "Прошу перезвонить.\nOn Mon, 30 Nov 2026, Bank <b@b.kz> wrote:\nҚұрметті клиент",
            "Прошу перезвонить.\n30.11.2026, 10:00, Банк жазды:\nҚұрметті клиент",
            "Прошу перезвонить.\nОт: Банк <b@b.kz>\nОтправлено: 30 ноября\nҚұрметті клиент",
        ):
            with self.subTest(text=text):
                self.assertEqual(intake_text.own_text(text)[0], "Прошу перезвонить.")
        own, forwarded = intake_text.own_text(
            "---------- Forwarded message ---------\nОт: Клиент <c@c.kz>\n"
            "Тема: жалоба\n\nТөлем кестесін өзгертуді сұраймын."
        )
        self.assertEqual((own, forwarded), ("", "Төлем кестесін өзгертуді сұраймын."))
        # Nothing of the sender's own: the forwarded letter is the appeal, and decides.
        self.assertEqual(
            intake_text.detect_language(
                "---------- Forwarded message ---------\nОт: Клиент <c@c.kz>\n\n"
                "Сіздердің жауабыңызды алдым, бірақ айыппұл әлі де қайта есептелмеген."
            ).language,
            "kk",
        )

    def test_names_do_not_make_a_russian_letter_kazakh(self):
        guess = intake_text.detect_language(
            "Здравствуйте, Айгүл Сәрсенқызы!\nПрошу выдать справку о закрытии займа. "
            "Менеджер Жанар Өміржанова обещала её подготовить, но справки нет.\n"
            "Бақытжан Әбілқайыров\n",
            "Бақытжан Әбілқайыров",
        )
        self.assertEqual((guess.language, guess.certain), ("ru", True))
        self.assertEqual(guess.share, 0)

    def test_a_kazakh_text_is_kazakh_with_its_share(self):
        guess = intake_text.detect_language(
            "Сіздердің жауабыңызды алдым, бірақ айыппұл әлі де қайта есептелмеген. "
            "Төлемді уақытында жасадым."
        )
        self.assertEqual((guess.language, guess.certain), ("kk", True))
        self.assertGreaterEqual(guess.share, intake_text.KAZAKH_SHARE)

    def test_uncertain_cases_are_marked(self):
        for text, reason, language in (
            ("Перезвоните мне, пожалуйста.", "few_words", "ru"),
            ("Please call me back about my loan.", "no_cyrillic", "ru"),
            ("", "no_cyrillic", "ru"),
            (
                # 2 of 13 Cyrillic words carry a Kazakh letter: between the two thresholds.
                "Мен несиені алдым, бірақ не понимаю график платежей и сроки оплаты, "
                "объясните пожалуйста",
                "mixed",
                "ru",
            ),
        ):
            with self.subTest(text=text):
                guess = intake_text.detect_language(text)
                self.assertFalse(guess.certain)
                self.assertEqual((guess.reason, guess.language), (reason, language))

    def test_the_language_is_the_share_of_kazakh_words_not_one_letter(self):
        detect = intake_text.detect_language
        self.assertEqual(
            detect("Несиені мерзімінен бұрын өтегім келеді, қалай жасауға болады?").language, "kk"
        )
        self.assertEqual(detect("Прошу пересчитать пеню по договору").language, "ru")
        self.assertEqual(
            detect("Прошу пересчитать пеню, менеджер Әсел Қанатқызы в курсе").language,
            "ru",
            "a Kazakh name inside a Russian sentence does not make it Kazakh",
        )

    def test_identifiers_in_the_forms_people_type(self):
        found = intake_text.identifiers(
            "ИИН 850312 300210, ещё раз: 8503-1230-0210, другой 850312300211; договор "
            "№ ZM-2025-000777, zm-2024-003311; обращение 2026-04711; тел. 8 701 234 56 78"
        )
        self.assertEqual(found.numbers12, ["850312300210", "850312300211"])
        for token in ("ZM-2025-000777", "ZM-2024-003311", "2026-04711"):
            self.assertIn(token, found.tokens)
        self.assertNotIn("87012345678", found.numbers12, "a phone number is 11 digits")
        full_width = intake_text.identifiers("ИИН ８５０３１２３００２１０")
        self.assertEqual(full_width.numbers12, ["850312300210"])

    def test_a_state_bodys_letter(self):
        details = intake_text.forwarding_details(
            "Исх. № 3Т-2026-01234 от 27.11.2026\nВ Агентство обратился гражданин Жумабеков "
            "Марат Ерланович. Просим направить ответ заявителю в срок не позднее 11.12.2026."
        )
        self.assertEqual(details.reference, "3Т-2026-01234")
        self.assertEqual(details.letter_date, datetime.date(2026, 11, 27))
        self.assertEqual(details.reply_date, datetime.date(2026, 12, 11))
        self.assertEqual(details.applicant, "Жумабеков Марат Ерланович")
        kazakh = intake_text.forwarding_details(
            "ҚНРДА шығ. № ЖТ-2026-000457, 2026 жылғы 12 қаңтар. Жауапты 2026 жылғы 26 "
            "қаңтарға дейін жіберуді сұраймыз. Өтініш беруші: Сапарова Айгерім Қанатқызы."
        )
        self.assertEqual(kazakh.reference, "ЖТ-2026-000457")
        self.assertEqual(kazakh.letter_date, datetime.date(2026, 1, 12))
        self.assertEqual(kazakh.reply_date, datetime.date(2026, 1, 26))
        self.assertEqual(kazakh.applicant, "Сапарова Айгерім Қанатқызы")
        nobody = intake_text.forwarding_details(
            "Сведения о заявителе доступны в личном кабинете. По договору № ZM-2025-000777."
        )
        self.assertEqual((nobody.reference, nobody.applicant), (None, None))

    def test_proposals_of_kind_anonymous_and_no_substance(self):
        cases = (
            ("Жалоба", "Требую прекратить звонки коллекторов, это незаконно.", "complaint"),
            ("", "Прошу предоставить справку о закрытии займа.", "application"),
            ("Вопрос", "Подскажите, как узнать остаток долга?", "inquiry"),
            ("", "Предлагаю открыть офис в Кордае, было бы удобно.", "proposal"),
            ("", "Выражаю благодарность сотрудникам офиса за помощь.", "feedback"),
            ("", "Ұсынысым бар: төлемді Kaspi арқылы қабылдаңыздар.", "proposal"),
            ("", "Қызметкердің дөрекі сөйлегеніне шағым жасаймын.", "complaint"),
            ("", "Добрый день.", None),
        )
        for subject, text, kind in cases:
            with self.subTest(text=text):
                self.assertEqual(intake_text.proposals(subject, text).kind, kind)
        self.assertTrue(intake_text.proposals("", "Пишу анонимно: в офисе берут деньги.").anonymous)
        self.assertFalse(intake_text.proposals("", "Прошу перезвонить мне завтра.").anonymous)
        self.assertTrue(intake_text.proposals("тест", "тест").no_substance)
        self.assertTrue(intake_text.proposals("", "").no_substance)
        self.assertFalse(intake_text.proposals("", "", has_attachments=True).no_substance)
        self.assertFalse(intake_text.proposals("", "Прошу перезвонить мне завтра.").no_substance)
