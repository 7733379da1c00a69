import { registry } from "@web/core/registry";

/** A client on the portal rates the reply to a closed appeal, in Kazakh (issue 21, item 2). */
registry.category("web_tour.tours").add("acf_portal_rate_reply_kk", {
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
            content: "The closed appeal invites the client to rate the reply, in Kazakh",
            trigger: "[data-acf-rating=invite] a:contains('Жауапты бағалау')",
            run: "click",
        },
        {
            content: "The rating page, in Kazakh, with the appeal's number only",
            trigger: "h1:contains('жауапты бағалаңыз')",
        },
        { trigger: "label[for=acf_score_4]", run: "click" },
        {
            trigger: "#acf_comment",
            run: "edit Жауап түсінікті, рақмет.",
        },
        { trigger: "form[data-acf-rating=form] button[type=submit]", run: "click" },
        {
            content: "Thanked in Kazakh",
            trigger: "[data-acf-message=rated]:contains('Сіздің бағаңыз қабылданды.')",
        },
    ],
});
