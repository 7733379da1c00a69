import { Component, onWillStart, onMounted, onPatched, onWillUnmount, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * The page managers open first (issue 8): the period's figures against the period before,
 * the trend of the last twelve months, the largest cause groups and branches, and the
 * systemic-problem candidates waiting for the head of the call centre. Every card opens
 * the appeals behind it.
 */
export class AppealsDashboard extends Component {
    static template = "acf_appeals_reports.Dashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.trendCanvas = useRef("trend");
        this.state = useState({ period: "quarter", data: null });
        this.chart = null;
        this.periods = [
            ["quarter", _t("This quarter")],
            ["last_quarter", _t("Last quarter")],
            ["year", _t("This year")],
            ["last_12_months", _t("Last 12 months")],
        ];
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
        onMounted(() => this.renderChart());
        onPatched(() => this.renderChart());
        onWillUnmount(() => this.chart?.destroy());
    }

    async load() {
        this.state.data = await this.orm.call("acf.appeal.analysis", "get_dashboard", [
            this.state.period,
        ]);
    }

    async selectPeriod(period) {
        this.state.period = period;
        await this.load();
    }

    get cards() {
        const f = this.state.data.figures;
        const p = this.state.data.previous;
        const pct = (v) => (v === null ? "—" : `${v}%`);
        const num = (v) => (v === null ? "—" : String(v));
        return [
            { key: "received", label: _t("Received"), value: num(f.received), before: p.received, now: f.received, better: "none" },
            { key: "closed", label: _t("Closed"), value: num(f.closed), before: p.closed, now: f.closed, better: "none", domain: [["is_closed", "=", 1]] },
            { key: "on_time_rate", label: _t("Closed on time"), value: pct(f.on_time_rate), before: p.on_time_rate, now: f.on_time_rate, better: "up", domain: [["outcome", "=", "closed_on_time"]] },
            { key: "days_median", label: _t("Median days to close"), value: num(f.days_median), before: p.days_median, now: f.days_median, better: "down", domain: [["is_closed", "=", 1]] },
            { key: "days_p90", label: _t("90% closed within (days)"), value: num(f.days_p90), before: p.days_p90, now: f.days_p90, better: "down", domain: [["is_closed", "=", 1]] },
            { key: "overdue", label: _t("Overdue"), value: num(f.overdue), before: p.overdue, now: f.overdue, better: "down", domain: [["overdue_count", "=", 1]], alert: f.overdue > 0 },
            { key: "without_decision", label: _t("Without decision"), value: num(f.without_decision), before: p.without_decision, now: f.without_decision, better: "down", domain: [["without_decision_count", "=", 1]], alert: f.without_decision > 0 },
        ];
    }

    trendClass(card) {
        if (card.before === null || card.now === null || card.now === card.before || card.better === "none") {
            return "text-muted";
        }
        const up = card.now > card.before;
        return (up && card.better === "up") || (!up && card.better === "down") ? "text-success" : "text-danger";
    }

    delta(card) {
        if (card.before === null || card.now === null) {
            return "";
        }
        const diff = Math.round((card.now - card.before) * 10) / 10;
        return `${diff > 0 ? "+" : ""}${diff}`;
    }

    periodDomain() {
        const { start, end } = this.state.data;
        return [
            ["date_received", ">=", start],
            ["date_received", "<=", end],
        ];
    }

    openAnalysis(domain, name) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: name || _t("Appeals Analysis"),
            res_model: "acf.appeal.analysis",
            views: [
                [false, "list"],
                [false, "pivot"],
                [false, "graph"],
            ],
            domain: [...this.periodDomain(), ...(domain || [])],
        });
    }

    openGroup(field, row) {
        this.openAnalysis([[field, "=", row.key]], row.label);
    }

    openOverdueNow() {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("Open, overdue"),
            res_model: "acf.appeal.analysis",
            views: [[false, "list"]],
            domain: [["outcome", "=", "open_overdue"]],
        });
    }

    openProblem(problem) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "acf.systemic.problem",
            res_id: problem.id,
            views: [[false, "form"]],
        });
    }

    openCandidates() {
        this.action.doAction("acf_appeals_reports.acf_systemic_problem_action");
    }

    barWidth(row, rows) {
        const top = Math.max(...rows.map((r) => r.received), 1);
        return `width: ${Math.max(2, Math.round((100 * row.received) / top))}%`;
    }

    renderChart() {
        const canvas = this.trendCanvas.el;
        if (!canvas || !this.state.data) {
            return;
        }
        this.chart?.destroy();
        const trend = this.state.data.trend;
        this.chart = new window.Chart(canvas, {
            type: "bar",
            data: {
                labels: trend.map((row) => row.label),
                datasets: [
                    { type: "bar", label: _t("Received"), data: trend.map((row) => row.received), backgroundColor: "#2e75b6", yAxisID: "y" },
                    { type: "bar", label: _t("Overdue"), data: trend.map((row) => row.overdue), backgroundColor: "#c00000", yAxisID: "y" },
                    { type: "line", label: _t("Closed on time (%)"), data: trend.map((row) => row.on_time_rate), borderColor: "#2e7d32", backgroundColor: "#2e7d32", yAxisID: "rate", tension: 0.2 },
                ],
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    y: { beginAtZero: true, position: "left" },
                    rate: { beginAtZero: true, max: 100, position: "right", grid: { drawOnChartArea: false } },
                },
            },
        });
    }
}

registry.category("actions").add("acf_appeals_reports.dashboard", AppealsDashboard);
