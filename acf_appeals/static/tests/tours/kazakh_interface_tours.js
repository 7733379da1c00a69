import { registry } from "@web/core/registry";

/**
 * The screens a Kazakh-speaking operator and a Kazakh-speaking client pass, checked for English
 * (issue 18): Odoo draws these words in English when its own terms are not translated. The
 * list is the project's; tests/test_kazakh_web_client.py reads it from here for the pages it
 * fetches over HTTP.
 */
export const ENGLISH_UI_WORDS = [
    "New",
    "Save",
    "Discard",
    "Search",
    "Send message",
    "Log note",
    "Activities",
    "Activity",
    "Followers",
    "Follow",
    "Sign in",
    "Log in",
    "Log out",
    "Powered by",
    "Filters",
    "Group By",
    "Favorites",
    "Actions",
    "Print",
    "Attachments",
    "Preferences",
    "Documentation",
    "Shortcuts",
    "Today",
    "Overdue",
    "Planned",
    "Schedule",
    "Kanban",
    "List",
    "Calendar",
    "Pivot",
    "Graph",
    "Loading",
    "Close",
    "Cancel",
    "Delete",
    "Archive",
    "Edit",
    "Discuss",
    "Contacts",
    "Settings",
    "Home",
    "My Account",
    "Documents",
    "Messages",
    "Reply",
    "Send",
    "Password",
    "Email",
    "Language",
];

/** What the user can read on the screen: visible text, placeholders and tooltips. */
function visibleTexts() {
    const texts = [document.body.innerText];
    for (const element of document.querySelectorAll("[placeholder], [title]")) {
        if (element.offsetParent !== null) {
            texts.push(
                element.getAttribute("placeholder") || "",
                element.getAttribute("title") || "",
            );
        }
    }
    return texts.join("\n");
}

/** A step that fails when one of the English words is shown on the current screen. */
export function noEnglish(screen, trigger) {
    return {
        content: `No English on the screen: ${screen}`,
        trigger,
        run() {
            const text = visibleTexts();
            const found = ENGLISH_UI_WORDS.filter((word) =>
                new RegExp(`(^|[^A-Za-z])${word}([^A-Za-z]|$)`).test(text),
            );
            if (found.length) {
                throw new Error(`English on the screen "${screen}": ${found.join(", ")}`);
            }
        },
    };
}

registry.category("web_tour.tours").add("acf_kazakh_operator_interface", {
    steps: () => [
        noEnglish("the board", ".o_kanban_view .o_kanban_record"),
        { trigger: ".o_searchview_dropdown_toggler", run: "click" },
        noEnglish("the filter, group-by and favourites menus", ".o_filter_menu, .o-dropdown--menu"),
        { trigger: ".o_searchview_dropdown_toggler", run: "click" },
        { trigger: ".o_switch_view.o_list", run: "click" },
        noEnglish("the list with its pager and the New button", ".o_list_view .o_data_row"),
        { trigger: ".o_list_view .o_data_row .o_data_cell", run: "click" },
        noEnglish("the appeal's form and its chatter", ".o_form_view .o-mail-Chatter"),
        { trigger: ".o-mail-Chatter-logNote", run: "click" },
        noEnglish("the note composer", ".o-mail-Composer-input"),
        { trigger: ".o-mail-Chatter-activity", run: "click" },
        noEnglish("the activity dialog", ".modal .o_form_view"),
        { trigger: ".modal .o_form_button_cancel, .modal button.btn-close", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_user_menu button", run: "click" },
        noEnglish("the user menu", ".o_user_menu .dropdown-item, .o-dropdown--menu .dropdown-item"),
    ],
});

registry.category("web_tour.tours").add("acf_kazakh_client_portal", {
    steps: () => [
        noEnglish("the client's home page of the portal", ".o_portal_my_home, .o_portal"),
        {
            content: "The language selector names Kazakh as its speakers do",
            trigger: ".js_language_selector:contains('Қазақ тілі')",
        },
        {
            trigger: "a[href='/my/appeals']",
            run: "click",
        },
        noEnglish("the client's appeals", "tr[data-appeal-number]"),
        { trigger: "tr[data-appeal-number] a", run: "click" },
        noEnglish("the appeal's page", "[data-appeal-field=substance]"),
        {
            content: "The client's details",
            trigger: "[data-appeal-field=substance]",
            run() {
                window.location.href = "/my/account";
            },
        },
        noEnglish("the client's details", "form[action='/my/account'] input[name=email]"),
    ],
});
