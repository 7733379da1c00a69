import { Component, onWillStart, useEffect, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { cookie } from "@web/core/browser/cookie";
import { getColor } from "@web/core/colors/colors";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The colours of the trend chart: Odoo's small chart palette (as its graph view uses), in the
 * user's colour scheme. Blue for the appeals received, red for the overdue ones, teal for the
 * rate answered on time.
 */
function paletteColor(index) {
    return getColor(index, cookie.get("color_scheme"), "sm");
}

/**
 * The page managers open first (issue 8): the period's figures against the period before,
 * the trend of the last twelve months, the largest cause groups and branches, and the
 * systemic-problem candidates waiting for the head of the call centre. Every card opens
 * the appeals behind it.
 */
export class AppealsDashboard extends Component {
    static template = "acf_appeals_reports.Dashboard";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.trendCanvas = useRef("trend");
        this.state = useState({ period: "quarter", data: null });
        // Each load gets the next number; only the answer to the latest one is shown, so a
        // slow answer for a period chosen before never replaces the figures of a later one.
        this.loadSequence = 0;
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
        // The chart is drawn again for each new answer, and destroyed before that and when
        // the dashboard is closed.
        useEffect(
            (canvas, data) => {
                if (!canvas || !data) {
                    return;
                }
                const chart = this.renderChart(canvas, data.trend);
                return () => chart.destroy();
            },
            () => [this.trendCanvas.el, this.state.data],
        );
    }

    async load() {
        const sequence = ++this.loadSequence;
        const data = await this.orm.call("acf.appeal.analysis", "get_dashboard", [
            this.state.period,
        ]);
        if (sequence === this.loadSequence) {
            this.state.data = data;
        }
    }

    async selectPeriod(period) {
        this.state.period = period;
        await this.load();
    }

    get cards() {
        const f = this.state.data.figures;
        const p = this.state.data.previous;
        const pct = (v) => this.rateLabel(v);
        const num = (v) => (v === null ? "—" : String(v));
        const closed = [["is_closed", "=", 1]];
        return [
            {
                key: "received",
                label: _t("Received"),
                value: num(f.received),
                before: p.received,
                now: f.received,
                better: "none",
                domain: [["appeal_count", "=", 1]],
            },
            {
                key: "closed",
                label: _t("Closed"),
                value: num(f.closed),
                before: p.closed,
                now: f.closed,
                better: "none",
                domain: closed,
            },
            {
                key: "on_time_rate",
                // Decision 9: answered by the deadline, closed since or not.
                label: _t("Answered on time"),
                value: pct(f.on_time_rate),
                before: p.on_time_rate,
                now: f.on_time_rate,
                better: "up",
                domain: [["outcome", "in", ["closed_on_time", "sent_on_time"]]],
            },
            {
                key: "days_median",
                label: _t("Median days to close"),
                value: num(f.days_median),
                before: p.days_median,
                now: f.days_median,
                better: "down",
                domain: closed,
            },
            {
                key: "days_p90",
                label: _t("90% closed within (days)"),
                value: num(f.days_p90),
                before: p.days_p90,
                now: f.days_p90,
                better: "down",
                domain: closed,
            },
            {
                key: "overdue",
                label: _t("Overdue"),
                value: num(f.overdue),
                before: p.overdue,
                now: f.overdue,
                better: "down",
                domain: [["overdue_count", "=", 1]],
                alert: f.overdue > 0,
            },
            {
                key: "without_decision",
                label: _t("Without decision"),
                value: num(f.without_decision),
                before: p.without_decision,
                now: f.without_decision,
                better: "down",
                domain: [["without_decision_count", "=", 1]],
                alert: f.without_decision > 0,
            },
            {
                // Complaints settled at a branch or office: not appeals, counted apart.
                key: "resolved_onsite",
                label: _t("Resolved on the spot"),
                value: num(f.resolved_onsite),
                before: p.resolved_onsite,
                now: f.resolved_onsite,
                better: "none",
                domain: [["outcome", "=", "resolved_onsite"]],
            },
        ];
    }

    /** The three tables of the largest groups: the analysis field each row filters on. */
    get blocks() {
        const { causes, branches, channels } = this.state.data;
        return [
            { field: "cause_group_id", rows: causes },
            { field: "branch_id", rows: branches },
            { field: "channel_id", rows: channels },
        ];
    }

    trendClass(card) {
        const { before, now, better } = card;
        if (before === null || now === null || now === before || better === "none") {
            return "text-muted";
        }
        const up = now > before;
        return (up && better === "up") || (!up && better === "down")
            ? "text-success"
            : "text-danger";
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

    /** The replies of the period the clients rated (issue 21, item 2). */
    openSatisfaction() {
        this.openAnalysis([["rated_count", "=", 1]], _t("Rated replies"));
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

    /** The appeals waiting for registration, the late ones first; or the oldest item. */
    openBacklog() {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("Awaiting registration"),
            res_model: "acf.appeal",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain: [["phase", "=", "to_register"]],
            context: {
                search_default_filter_registration_late: this.state.data.backlog.late ? 1 : 0,
            },
        });
    }

    openOldest() {
        const oldest = this.state.data.backlog.oldest;
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: oldest.model,
            res_id: oldest.id,
            views: [[false, "form"]],
        });
    }

    openCandidates() {
        this.action.doAction("acf_appeals_reports.acf_systemic_problem_action");
    }

    /** The length of a row's bar, in percent of the largest row of its table (at least 2). */
    barPercent(row, rows) {
        const top = Math.max(...rows.map((r) => r.received), 1);
        return Math.max(2, Math.round((100 * row.received) / top));
    }

    rateLabel(rate) {
        return rate === null ? "—" : `${rate}%`;
    }

    renderChart(canvas, trend) {
        const [received, overdue, onTime] = [0, 1, 2].map(paletteColor);
        return new window.Chart(canvas, {
            type: "bar",
            data: {
                labels: trend.map((row) => row.label),
                datasets: [
                    {
                        type: "bar",
                        label: _t("Received"),
                        data: trend.map((row) => row.received),
                        backgroundColor: received,
                        yAxisID: "y",
                    },
                    {
                        type: "bar",
                        label: _t("Overdue"),
                        data: trend.map((row) => row.overdue),
                        backgroundColor: overdue,
                        yAxisID: "y",
                    },
                    {
                        type: "line",
                        label: _t("Answered on time (%)"),
                        data: trend.map((row) => row.on_time_rate),
                        borderColor: onTime,
                        backgroundColor: onTime,
                        yAxisID: "rate",
                        tension: 0.2,
                    },
                ],
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    y: { beginAtZero: true, position: "left" },
                    rate: {
                        beginAtZero: true,
                        max: 100,
                        position: "right",
                        grid: { drawOnChartArea: false },
                    },
                },
            },
        });
    }
}

registry.category("actions").add("acf_appeals_reports.dashboard", AppealsDashboard);
