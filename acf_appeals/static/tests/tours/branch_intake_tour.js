import { registry } from "@web/core/registry";

import { currentStage, pickMany2one } from "@acf_appeals/../tests/tours/tour_helpers";

/**
 * A branch employee takes a written appeal at the office (3.4, 4.5): records it, prints the
 * receipt copy for the client and forwards it to the call centre, in Kazakh.
 */
registry.category("web_tour.tours").add("acf_branch_intake", {
    steps: () => [
        { trigger: ".o_list_button_add", run: "click" },
        // The new appeal starts at the branch's intake.
        currentStage("Филиалда қабылдау"),
        ...pickMany2one("partner_id", "830308422193", "Жанар Қайратқызы Мұсабекова"),
        ...pickMany2one("channel_id", "кеңсесінде", "АНҚ кеңсесінде толтырылған өтініш бланкісі"),
        { trigger: ".o_field_widget[name=appeal_lang] input[data-value=kk]", run: "click" },
        {
            trigger: ".o_field_widget[name=substance] textarea",
            run: "edit Төлем күнін айдың 22-сіне ауыстыруды сұраймын.",
        },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        {
            content: "Print the receipt copy for the client",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        { trigger: ".o-dropdown--menu button:has(.fa-print)", run: "click" },
        {
            content: "The receipt copy is offered for printing",
            trigger: ".o_menu_item:contains('Клиентке арналған өтініш көшірмесі')",
        },
        { trigger: ".o_cp_action_menus button:has(.fa-cog)", run: "click" },
        {
            content: "The receipt is in Kazakh and names the client and the employee",
            trigger: ".o_form_view",
            async run() {
                const id = window.location.pathname.split("/").pop();
                const response = await fetch(
                    `/report/html/acf_appeals.report_appeal_receipt/${id}`,
                );
                const html = await response.text();
                for (const expected of [
                    "Жанар Қайратқызы Мұсабекова",
                    "Нұрлан Әбдіров",
                    "Өтінішті қабылдау туралы талон",
                ]) {
                    if (!html.includes(expected)) {
                        throw new Error(`The receipt lacks «${expected}»`);
                    }
                }
            },
        },
        {
            content: "Attach the scan of the written appeal: it is forwarded with it (3.4)",
            trigger: ".o_notebook a[name=documents]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=attachment_ids] input[type=file]:not(:visible)",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4 scan"], "otinish-scan.pdf", { type: "application/pdf" }),
                );
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        { trigger: ".o_field_widget[name=attachment_ids] :contains('otinish-scan.pdf')" },
        { trigger: "button[name=action_forward_to_call_centre]", run: "click" },
        // Forwarded: it now waits for registration by the call centre.
        currentStage("Тіркеуге"),
    ],
});
