import { registry } from "@web/core/registry";

import { currentStage, pickMany2one } from "@acf_appeals/../tests/tours/tour_helpers";

/**
 * The path of Annex 3 after registration, each step by the person of the role that takes
 * it, in that person's language. The Python test chains the tours on one appeal, found by
 * the words of its substance.
 */
const SUBSTANCE = "платёж внесён через терминал";
const REPLY = "Пеня за март отменена";
/** The appeal's card on the board, found by its substance. */
const CARD = `.o_kanban_record:contains('${SUBSTANCE}')`;

/** The board's column of a stage, by the stage's name the user sees in its header. */
function column(stage) {
    return `.o_kanban_group:has(.o_column_title:contains('${stage}'))`;
}

registry.category("web_tour.tours").add("acf_director_assign", {
    steps: () => [
        {
            content: "The new appeal waits in the Executive Director's column, its deadline green",
            trigger: `${column("Исполнительный директор")} ${CARD} .border-success`,
        },
        {
            content: "Assign it from the card",
            trigger: `${CARD} button[name=action_open_assign]`,
            run: "click",
        },
        ...pickMany2one("department_id", "Collection", "Collection Department", ".modal"),
        ...pickMany2one("responsible_id", "Марат", "Марат Ахметов", ".modal"),
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        {
            content: "The card moved to the responsible department's column",
            trigger: `${column("Ответственное подразделение")} ${CARD}`,
        },
    ],
});

registry.category("web_tour.tours").add("acf_responsible_request_and_draft", {
    steps: () => [
        currentStage("Ответственное подразделение"),
        {
            content: "Ask the branch for explanations (5.8)",
            trigger: "button[name=action_new_info_request]",
            run: "click",
        },
        ...pickMany2one("addressee_id", "Нұрлан", "Нұрлан Әбдіров"),
        {
            trigger: ".o_field_widget[name=question] textarea",
            run: "edit Поясните, когда платёж клиента поступил в филиал и почему начислена пеня.",
        },
        { trigger: "button[name=action_send]", run: "click" },
        {
            content: "The request is sent: its answer can now be recorded",
            trigger: "button[name=action_answer]",
        },
        { trigger: ".o_breadcrumb .breadcrumb-item a", run: "click" },
        currentStage("Запрошена информация"),
        {
            trigger: "button[name=action_start_reply]",
            run: "click",
        },
        currentStage("Проект ответа"),
        { trigger: ".o_notebook a[name=reply]", run: "click" },
        {
            trigger: ".o_field_widget[name=reply_body] .odoo-editor-editable",
            run: `editor Уважаемый Сергей Викторович! ${REPLY}, платёж учтён датой внесения.`,
        },
        {
            trigger: ".o_field_widget[name=reply_decision] select",
            run: `select "granted"`,
        },
        {
            trigger: "button[name=action_submit_legal_review]",
            run: "click",
        },
        currentStage("Юридическая проверка"),
    ],
});

registry.category("web_tour.tours").add("acf_lawyer_approve", {
    steps: () => [
        currentStage("Юридическая проверка"),
        { trigger: ".o_notebook a[name=reply]", run: "click" },
        {
            content: "The lawyer reads the draft",
            trigger: `.o_field_widget[name=reply_body]:contains('${REPLY}')`,
        },
        {
            trigger: "button[name=action_legal_approve]",
            run: "click",
        },
        currentStage("Подпись"),
    ],
});

registry.category("web_tour.tours").add("acf_signatory_sign", {
    steps: () => [
        currentStage("Қол қою"),
        {
            content: "The signatory signs, in Kazakh",
            trigger: "button[name=action_sign]",
            run: "click",
        },
        {
            content: "Signed: the reply can now be sent",
            trigger: "button[name=action_send_reply]",
        },
    ],
});

registry.category("web_tour.tours").add("acf_responsible_send_and_close", {
    steps: () => [
        currentStage("Подпись"),
        {
            trigger: "button[name=action_send_reply]",
            run: "click",
        },
        {
            content: "Sent by Kazpost, with its tracking number",
            trigger: ".modal .o_field_widget[name=tracking_number] input",
            run: "edit RR123456785KZ",
        },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        currentStage("Ответ отправлен"),
        { trigger: ".o_notebook a[name=letters]", run: "click" },
        {
            content: "The reply is in the outgoing journal, numbered and sent",
            trigger: ".o_field_widget[name=letter_ids] .o_data_row:contains('Отправлен')",
            run() {
                const number = this.anchor.querySelector("td[name=name]").textContent.trim();
                if (!number) {
                    throw new Error("The sent letter has no outgoing number");
                }
            },
        },
        { trigger: ".o_notebook a[name=outcome]", run: "click" },
        ...pickMany2one("cause_id", "Пени", "Пени и штрафы"),
        {
            trigger: ".o_field_widget[name=decision_summary] textarea",
            run: "edit Пеня отменена, клиенту направлен ответ почтой.",
        },
        { trigger: "button[name=action_close]", run: "click" },
        currentStage("Закрыто"),
    ],
});
