import { registry } from "@web/core/registry";

/**
 * The head of the call centre opens the dashboard (issue 8): last quarter's figures, the
 * systemic-problem candidate, and the appeals behind a figure. The demo data holds last
 * quarter's history: 16 appeals, late replies, two without a decision, a cluster.
 */
registry.category("web_tour.tours").add("acf_reports_dashboard", {
    steps: () => [
        { trigger: ".o_acf_dashboard .o_acf_kpi[data-kpi=received]" },
        {
            content: "Switch to last quarter",
            trigger: ".o_acf_period[data-period=last_quarter]",
            run: "click",
        },
        {
            content: "Last quarter's 16 appeals",
            trigger: ".o_acf_period[data-period=last_quarter].btn-primary",
        },
        { trigger: ".o_acf_kpi[data-kpi=received] .o_acf_kpi_value:contains('16')" },
        {
            content: "Appeals without a decision are shown in red",
            trigger: ".o_acf_kpi[data-kpi=without_decision].border-danger",
        },
        {
            content: "The cluster of collection calls is waiting for review",
            trigger: ".o_acf_candidates li:contains('Шымкент')",
        },
        {
            content: "Open the overdue appeals behind the figure",
            trigger: ".o_acf_kpi[data-kpi=overdue]",
            run: "click",
        },
        { trigger: ".o_list_view .o_data_row" },
        {
            content: "Each row is an appeal of last quarter, late",
            trigger: ["просрочено", "с опозданием"]
                .map(
                    (outcome) => `.o_list_view .o_data_row td[name=outcome]:contains('${outcome}')`,
                )
                .join(", "),
        },
    ],
});
