/**
 * Steps and selectors the tours of the appeal's path share: what the user sees (the current
 * stage) and how a record is picked in a many2one (by the name the user sees, since Odoo's
 * dropdown options carry no id).
 */

/** The option of a record in a many2one's dropdown; "Search More..." and "Create..." are not. */
export const recordOffered = (name) =>
    `.o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option):contains('${name}') > a`;

/** The user sees the appeal at the stage of this label (or in the folded status bar). */
export function currentStage(stage) {
    const shown = `:visible:contains('${stage}')`;
    return {
        content: `The appeal is at the stage «${stage}»`,
        trigger: [
            `.o_statusbar_status button.o_arrow_button_current${shown}`,
            `.o_statusbar_status button.dropdown-toggle:not(.o_arrow_button)${shown}`,
        ].join(", "),
    };
}

/** Types the search in a many2one, then picks the record it offers under this name. */
export function pickMany2one(field, search, item, scope = "") {
    const widget = `${scope} .o_field_widget[name=${field}]`.trim();
    return [
        { trigger: `${widget} input`, run: `edit ${search}` },
        { trigger: `${widget} ${recordOffered(item)}`, run: "click" },
    ];
}
