{
    "name": "ACF Appeals Reports",
    "summary": "Analysis of client appeals, quarterly reports, systemic problems, action "
    "plans and escalations to the Higher Credit Committee",
    "version": "18.0.2.5.0",
    "category": "Services/Appeals",
    "website": "https://www.asiancreditfund.com",
    "author": "Asian Credit Fund",
    "license": "LGPL-3",
    "depends": ["acf_appeals", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "security/acf_appeals_reports_security.xml",
        "data/ir_cron_data.xml",
        "report/acf_appeal_analysis_views.xml",
        "report/acf_appeal_analysis_satisfaction_views.xml",
        "views/acf_systemic_problem_views.xml",
        "views/acf_action_plan_views.xml",
        "views/acf_hcc_escalation_views.xml",
        "views/acf_quarterly_report_views.xml",
        "views/res_config_settings_views.xml",
        "views/acf_register_export_log_views.xml",
        "wizard/acf_register_export_views.xml",
        "report/acf_quarterly_report_templates.xml",
        "report/acf_quarterly_report_satisfaction_templates.xml",
        "views/acf_appeals_reports_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "demo": [
        "demo/acf_appeals_reports_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "acf_appeals_reports/static/src/dashboard/dashboard.scss",
            "acf_appeals_reports/static/src/dashboard/dashboard.js",
            "acf_appeals_reports/static/src/dashboard/dashboard.xml",
        ],
        "web.assets_tests": [
            "acf_appeals_reports/static/tests/tours/*.js",
        ],
    },
}
