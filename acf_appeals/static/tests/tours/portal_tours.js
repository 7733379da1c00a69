import { registry } from "@web/core/registry";

/** A client on the portal adds a document to an appeal, then withdraws it (R52), confirmed by
 * their login (issue 15). */
registry.category("web_tour.tours").add("acf_portal_document_and_withdraw", {
    steps: () => [
        {
            content: "The client's appeals: open the one the test names (#number=...)",
            trigger: "tr[data-appeal-number] a",
            run() {
                const number = decodeURIComponent(window.location.hash.split("=")[1] || "");
                const link = [...document.querySelectorAll("tr[data-appeal-number]")]
                    .find((row) => row.dataset.appealNumber === number)
                    ?.querySelector("a");
                if (!link) {
                    throw new Error(`Appeal ${number} is not in the client's list`);
                }
                link.click();
            },
        },
        {
            content: "The appeal the client opened",
            trigger: "[data-appeal-field=substance]:contains('мерзімінен бұрын жабу сомасын')",
        },
        {
            content: "Attach a scan of the payment receipt",
            trigger: "form[action$='/documents'] input[name=documents]",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4 kvitanciya"], "kvitanciya.pdf", {
                        type: "application/pdf",
                    }),
                );
                this.anchor.files = transfer.files;
            },
        },
        {
            trigger: "form[action$='/documents'] textarea[name=note]",
            run: "edit Төлем түбіртегі қоса беріліп отыр.",
        },
        { trigger: "form[action$='/documents'] button[type=submit]", run: "click" },
        {
            content: "Thanked in Kazakh",
            trigger: "[data-acf-message=added]:contains('Құжаттарыңыз өтінішке қосылды.')",
        },
        {
            content: "Logged in as the client: the login confirms, no IIN digits are asked",
            trigger:
                "form[action$='/withdraw'][data-acf-confirmation=portal_login]:not(:has(input[name=iin_digits]))",
        },
        {
            trigger: "form[action$='/withdraw'] input[name=note]",
            run: "edit Мәселе шешілді, рақмет.",
        },
        { trigger: "form[action$='/withdraw'] button[type=submit]", run: "click" },
        {
            content: "Withdrawn, told in Kazakh",
            trigger: "[data-acf-message=withdrawn]:contains('Сіздің өтінішіңіз кері қайтарылды.')",
        },
    ],
});

/** The public call-back page (3.1), submitted in Kazakh. */
const CALLBACK_THANKS =
    "Өтініміңіз қабылданды. АНҚ-ның Колл-орталығы Сіз көрсеткен нөмірге қоңырау шалады.";

registry.category("web_tour.tours").add("acf_callback_kk", {
    steps: () => [
        { trigger: "#acf_name", run: "edit Айжан Серікқызы" },
        { trigger: "#acf_phone", run: "edit 8 701 555 44 33" },
        { trigger: "#acf_topic", run: "edit Несиені мерзімінен бұрын өтеу туралы кеңес керек." },
        { trigger: "form[action='/appeal/callback'] button[type=submit]", run: "click" },
        {
            content: "Thanked in Kazakh",
            trigger: `[data-acf-message=callback_sent]:contains('${CALLBACK_THANKS}')`,
        },
    ],
});
