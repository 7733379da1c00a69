"""Locust scenario of the load test (issue 19): the JSON-RPC calls the web client makes.

Not run by itself: ``bench/load/run.py`` (``make load``) prepares the database, writes the
settings this file reads (``ACF_LOAD_SETTINGS``, a JSON file: database, logins, password,
ids of the hotline channel and the names of the load's clients) and starts Locust.

- ``Operator`` (20 by default): a call-centre operator registering a phone appeal in the
  phone form (``acf_appeal_view_form_phone``), as ``phone_appeal_tours.js`` does it in the
  browser: the new form (``onchange`` of the defaults), the client looked up
  (``name_search``), picked (``onchange`` on ``partner_id``), the reply method chosen
  (``onchange`` on ``response_method``), the button "Register" (``web_save`` of the new
  record, then ``/web/dataset/call_button`` of ``action_register``) and the form read again
  (``web_read``), which must show the incoming number of this year.
- ``Manager`` (4 by default): the head of the call centre opening the board (``web_read_group``
  by stage with the "Open" filter, then ``web_search_read`` of each unfolded column), the
  incoming journal (``web_search_read`` of the first page with its default filter) and the
  dashboard (``acf.appeal.analysis.get_dashboard`` for a period).

Every request is named by its kind, so Locust's statistics give requests per second and
percentiles per kind; a JSON-RPC error (HTTP 200 with an ``error`` member) counts as a
failure with Odoo's message.
"""

import datetime
import itertools
import json
import os
import random
import time

from locust import HttpUser, between, events, task

with open(os.environ["ACF_LOAD_SETTINGS"], encoding="utf-8") as settings_file:
    SETTINGS = json.load(settings_file)

_ids = itertools.count(1)
_operator_logins = itertools.cycle(SETTINGS["operators"])
_manager_logins = itertools.cycle(SETTINGS["managers"])

OPEN = [["state", "in", ["draft", "registered"]]]
M2O = {"fields": {"display_name": {}}}
# The fields of the phone form (acf_appeal_view_form_phone), as the web client asks for them.
PHONE_FORM = {
    "can_register": {},
    "stage_id": M2O,
    "client_needs_care": {},
    "client_care_accommodation": {},
    "name": {},
    "partner_id": M2O,
    "client_name": {},
    "contact_phone": {},
    "loan_id": M2O,
    "channel_id": M2O,
    "kind": {},
    "appeal_lang": {},
    "response_method": {},
    "contact_email": {},
    "contact_address": {},
    "substance": {},
    "duplicate_appeal_ids": {
        "fields": {"name": {}, "date_received": {}, "substance": {}, "stage_id": M2O},
        "limit": 40,
    },
    "display_name": {},
}
# The fields of a card of the board (acf_appeal_view_kanban).
BOARD_CARD = {
    "phase": {},
    "deadline_state": {},
    "signed_by_id": M2O,
    "name": {},
    "client_name": {},
    "channel_id": M2O,
    "appeal_lang": {},
    "substance": {},
    "significance": {},
    "date_deadline": {},
    "is_registration_late": {},
    "registration_waiting_hours": {},
    "client_needs_care": {},
    "needs_written_reply": {},
    "can_assign": {},
    "can_classify": {},
    "can_forward_to_call_centre": {},
    "can_legal_approve": {},
    "can_sign": {},
    "user_id": M2O,
    "responsible_id": M2O,
    "activity_ids": {"fields": {}},
    "activity_state": {},
}
# The columns of the incoming journal (acf_appeal_view_list).
JOURNAL_ROW = {
    "name": {},
    "date_received": {},
    "client_name": {},
    "channel_id": M2O,
    "kind": {},
    "appeal_lang": {},
    "branch_id": M2O,
    "significance": {},
    "substance": {},
    "date_deadline": {},
    "deadline_state": {},
    "state": {},
}
SUBSTANCES = {
    "ru_RU": "Прошу пересчитать пеню: платёж внесён через терминал вовремя.",
    "kk_KZ": "Төлем кестесін айдың 20-сына ауыстыруды сұраймын.",
}


class RpcError(Exception):
    """A JSON-RPC call that Odoo answered with an error."""


class OdooUser(HttpUser):
    abstract = True
    login = None

    def on_start(self):
        # The session opened once by run.py: a log-in hashes the password (a second of CPU),
        # which is not what is measured here. Any worker accepts it (sessions are files).
        self.client.cookies.set("session_id", SETTINGS["sessions"][self.login])
        result = self.rpc("/web/session/get_session_info", "session info", {})
        self.odoo_context = dict(result["user_context"])
        self.odoo_context["allowed_company_ids"] = [result["user_companies"]["current_company"]]

    def rpc(self, url, name, params):
        """POST one JSON-RPC call as the web client does; a failure is recorded under ``name``."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(_ids), "params": params}
        failure = None
        with self.client.post(url, json=payload, name=name, catch_response=True) as response:
            if response.status_code != 200:
                failure = f"HTTP {response.status_code}"
            else:
                data = response.json()
                if "error" in data:
                    error = data["error"].get("data") or {}
                    failure = (error.get("name", "") + ": " + (error.get("message") or ""))[:300]
            if failure:
                # Locust records a failure only when the block ends without an exception.
                response.failure(failure)
        if failure:
            raise RpcError(failure)
        return data["result"]

    def call_kw(self, model, method, args, kwargs=None, name=None):
        kwargs = dict(kwargs or {}, context=self.odoo_context)
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            name or f"{model}.{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )


class Operator(OdooUser):
    """A call-centre operator registering phone appeals, one call after another."""

    fixed_count = int(os.environ.get("ACF_LOAD_OPERATORS", "20"))
    # Seconds between two calls: a real operator takes minutes per call; 5 to 15 s makes
    # 20 operators register about 20 times as many appeals as a busy hour of the call centre.
    wait_time = between(*(float(s) for s in os.environ.get("ACF_LOAD_PAUSE", "5,15").split(",")))

    def on_start(self):
        self.login = next(_operator_logins)
        super().on_start()
        self.phone_context = dict(
            self.odoo_context,
            default_channel_id=SETTINGS["hotline_id"],
            default_appeal_form="oral",
        )

    @task
    def register_phone_appeal(self):
        started = time.perf_counter()
        exception = None
        try:
            self._register()
        except RpcError as error:
            exception = error
        events.request.fire(
            request_type="FLOW",
            name="registration (whole form)",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=exception,
            context={},
        )

    def _form_call(self, method, args, name, **kwargs):
        kwargs["context"] = self.phone_context
        return self.rpc(
            f"/web/dataset/call_kw/acf.appeal/{method}",
            name,
            {"model": "acf.appeal", "method": method, "args": args, "kwargs": kwargs},
        )

    def _register(self):
        values = self._form_call("onchange", [[], {}, [], PHONE_FORM], "form: onchange (new)")[
            "value"
        ]
        values = {key: _as_write_value(value) for key, value in values.items()}
        client = random.choice(SETTINGS["clients"])
        found = self.call_kw(
            "res.partner",
            "name_search",
            [],
            {"name": client, "args": [], "operator": "ilike", "limit": 8},
            name="form: client lookup (name_search)",
        )
        if not found:
            raise RpcError("client not found")
        values["partner_id"] = found[0][0]
        changed = self._form_call(
            "onchange", [[], values, ["partner_id"], PHONE_FORM], "form: onchange (client)"
        )["value"]
        values.update({key: _as_write_value(value) for key, value in changed.items()})
        lang = self.odoo_context.get("lang", "ru_RU")
        values.update(
            substance=SUBSTANCES.get(lang, SUBSTANCES["ru_RU"]),
            appeal_lang="kk" if lang == "kk_KZ" else "ru",
            response_method="phone",
        )
        changed = self._form_call(
            "onchange",
            [[], values, ["response_method"], PHONE_FORM],
            "form: onchange (reply method)",
        )["value"]
        values.update({key: _as_write_value(value) for key, value in changed.items()})
        # The button "Register" on a new record: the client saves it first, then calls the
        # button, then reads the form again.
        to_save = {
            key: values[key]
            for key in (
                "partner_id",
                "client_name",
                "contact_phone",
                "channel_id",
                "kind",
                "appeal_lang",
                "response_method",
                "substance",
            )
            if key in values
        }
        saved = self._form_call(
            "web_save", [[], to_save], "form: web_save", specification=PHONE_FORM
        )
        appeal_id = saved[0]["id"]
        self.rpc(
            "/web/dataset/call_button/acf.appeal/action_register",
            "form: call_button action_register",
            {
                "model": "acf.appeal",
                "method": "action_register",
                "args": [[appeal_id]],
                "kwargs": {"context": self.phone_context},
            },
        )
        shown = self._form_call(
            "web_read", [[appeal_id]], "form: web_read (registered)", specification=PHONE_FORM
        )[0]
        year = str(datetime.date.today().year)
        if not (shown.get("name") and year in shown["name"]):
            # A read served before the registration reached it: the operator would see no number.
            events.request.fire(
                request_type="CHECK",
                name="form shows the incoming number",
                response_time=0,
                response_length=0,
                exception=RpcError(f"appeal {appeal_id} shown without its number"),
                context={},
            )


class Manager(OdooUser):
    """The head of the call centre: the board, the journal and the dashboard."""

    fixed_count = int(os.environ.get("ACF_LOAD_MANAGERS", "4"))
    wait_time = between(2, 5)

    def on_start(self):
        self.login = next(_manager_logins)
        super().on_start()

    @task(3)
    def open_board(self):
        try:
            groups = self.call_kw(
                "acf.appeal",
                "web_read_group",
                [],
                {
                    "domain": OPEN,
                    "fields": [],
                    "groupby": ["stage_id"],
                    "lazy": True,
                    "orderby": "",
                },
                name="board: web_read_group by stage",
            )["groups"]
            for group in groups:
                if group.get("__fold") or not group.get("stage_id_count"):
                    continue
                self.call_kw(
                    "acf.appeal",
                    "web_search_read",
                    [],
                    {
                        "domain": group["__domain"],
                        "specification": BOARD_CARD,
                        "limit": 40,
                        "offset": 0,
                        "order": "",
                    },
                    name="board: web_search_read of a column",
                )
        except RpcError:
            pass

    @task(2)
    def open_journal(self):
        try:
            self.call_kw(
                "acf.appeal",
                "web_search_read",
                [],
                {
                    "domain": OPEN,
                    "specification": JOURNAL_ROW,
                    "limit": 80,
                    "offset": 0,
                    "order": "",
                    "count_limit": 10001,
                },
                name="journal: web_search_read (Open)",
            )
        except RpcError:
            pass

    @task(2)
    def open_dashboard(self):
        period = random.choice(["quarter", "last_quarter", "year", "last_12_months"])
        try:
            self.call_kw(
                "acf.appeal.analysis",
                "get_dashboard",
                [period],
                name="dashboard: get_dashboard",
            )
        except RpcError:
            pass


def _as_write_value(value):
    """A value returned by ``onchange`` in the form the client sends back (ids for relations)."""
    if isinstance(value, dict) and "id" in value:
        return value["id"]
    if isinstance(value, list):
        return [command for command in value if not isinstance(command, dict)]
    return value
