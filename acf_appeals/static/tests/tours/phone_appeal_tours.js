import { registry } from "@web/core/registry";

import { recordOffered } from "@acf_appeals/../tests/tours/tour_helpers";

/** The element shows this text (a value the user sees: a client's name, a stage). */
const shown = (text) => `:contains('${text}')`;
/** The many2one of the appeal's client. */
const CLIENT = ".o_field_widget[name=partner_id]";

/**
 * A call-centre operator takes a phone call and registers the appeal (3.5), in the
 * interface of their own language. Each check is what the operator sees on the screen.
 */
function phoneAppealSteps({ iin, client, substance, lang, register, stage, method }) {
    const atStage = `:visible${shown(stage)}`;
    return [
        {
            content: "The phone form opens in the operator's language",
            trigger: ".o_form_view button[name=action_register]",
            run() {
                const label = this.anchor.textContent.trim();
                if (label !== register) {
                    throw new Error(`The button to register reads "${label}", not "${register}"`);
                }
            },
        },
        {
            content: "Find the client by IIN",
            trigger: `${CLIENT} input`,
            run: `edit ${iin}`,
        },
        {
            content: "The client of this IIN is offered: pick them",
            trigger: `${CLIENT} ${recordOffered(client)}`,
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=substance] textarea",
            run: `edit ${substance}`,
        },
        {
            content: "The language of the appeal",
            trigger: `.o_field_widget[name=appeal_lang] input[data-value=${lang}]`,
            run: "click",
        },
        {
            content: "The client wants a written reply",
            trigger: ".o_field_widget[name=response_method] select",
            run: `select "${method}"`,
        },
        {
            trigger: "button[name=action_register]",
            run: "click",
        },
        {
            content: "Registered: routed to the Executive Director",
            trigger: [
                `.o_statusbar_status button.o_arrow_button_current${atStage}`,
                `.o_statusbar_status button.dropdown-toggle:not(.o_arrow_button)${atStage}`,
            ].join(", "),
        },
        {
            content: "The incoming number of this year is shown",
            trigger: ".o_field_widget[name=name]",
            run() {
                const number = this.anchor.textContent.trim();
                if (!number.includes(String(new Date().getFullYear()))) {
                    throw new Error(`No incoming number of this year: "${number}"`);
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("acf_phone_appeal_ru", {
    steps: () =>
        phoneAppealSteps({
            iin: "790203311874",
            client: "Сергей Викторович Ким",
            substance: "Прошу пересчитать пеню: платёж внесён через терминал вовремя.",
            lang: "ru",
            register: "Зарегистрировать",
            stage: "Исполнительный директор",
            method: "post",
        }),
});

registry.category("web_tour.tours").add("acf_phone_appeal_kk", {
    steps: () =>
        phoneAppealSteps({
            iin: "870721319308",
            client: "Нұржан Асқарұлы Қалиев",
            substance: "Төлем кестесін айдың 20-сына ауыстыруды сұраймын.",
            lang: "kk",
            register: "Тіркеу",
            stage: "Атқарушы директор",
            method: "phone",
        }),
});
