{
    "name": "ACF Appeals Reports",
    "summary": "Analysis of client appeals, quarterly reports and systemic problems",
    "version": "18.0.1.0.0",
    "category": "Services/Appeals",
    "website": "https://www.asiancreditfund.com",
    "author": "Asian Credit Fund",
    "license": "LGPL-3",
    "depends": ["acf_appeals"],
    "data": [
        "views/acf_appeal_analysis_views.xml",
        "views/acf_appeals_reports_menus.xml",
    ],
}
