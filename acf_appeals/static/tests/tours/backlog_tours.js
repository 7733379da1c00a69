import { registry } from "@web/core/registry";

/**
 * The registration backlog on the board (issue 16, item 7): the column of what waits for
 * registration counts the appeals waiting too long in red, by the server's rule, and the card
 * says so. The Python test creates the appeal, found by the words of its substance.
 */
const SUBSTANCE = "письмо ждёт регистрации с прошлой недели";
const CARD = `.o_kanban_record:contains('${SUBSTANCE}')`;
const COLUMN = `.o_kanban_group:has(${CARD})`;

registry.category("web_tour.tours").add("acf_backlog_board", {
    steps: () => [
        {
            content: "The card of the e-mail says it waits too long for registration",
            trigger: `${CARD} .badge.text-bg-danger`,
        },
        {
            content: "Its column counts what waits too long in red",
            trigger: `${COLUMN} .o_column_progress .progress-bar.bg-danger`,
            run: "click",
        },
        {
            content: "The red bar keeps the late appeals of the column, this one among them",
            trigger: `${COLUMN} .o_column_progress .progress-bar.bg-danger.progress-bar-striped`,
        },
        {
            trigger: `${COLUMN} ${CARD}`,
        },
    ],
});
