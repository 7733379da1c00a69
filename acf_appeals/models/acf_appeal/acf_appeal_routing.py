"""Suggested routing (issue 21): the department and employee proposed to the Executive Director
or the delegate who assigns an appeal (5.7, R27).

The proposal comes from the appeals of the same company closed in the last
:data:`ROUTING_HISTORY_MONTHS` months that resemble this one (root cause, kind, branch,
microcredit product, from the closest match to the loosest, :data:`ROUTING_LEVELS`) and from
the number of appeals each employee has under consideration now. It is only a proposal, with its
reason: the assignment wizard shows it and fills its empty fields with it, and the person who
assigns decides; nothing is assigned until they confirm the wizard.
"""

from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.tools import SQL
from odoo.tools.sql import create_index
from odoo.tools.translate import LazyTranslate

from ...lib.procedure import OPEN_STATES
from ...tools.guard import has_role

_lt = LazyTranslate(__name__)

# How far back the closed appeals are read.
ROUTING_HISTORY_MONTHS = 24

# The features compared, from the closest match to the loosest. The first level at which a
# department that can take the appeal answered a similar one gives the proposal; a level using a
# feature the appeal lacks (no root cause yet, no branch, no contract) is skipped.
ROUTING_LEVELS = (
    ("cause_id", "kind", "branch_id", "product_id"),
    ("cause_id", "kind", "branch_id"),
    ("cause_id", "kind"),
    ("cause_id",),
    ("kind", "branch_id", "product_id"),
    ("kind", "branch_id"),
    ("kind",),
)

# The features as the reason names them.
ROUTING_LABELS = {
    "cause_id": _lt("Root Cause"),
    "kind": _lt("Kind"),
    "branch_id": _lt("Branch"),
    "product_id": _lt("Microcredit Product"),
}

REASON_DEPARTMENT = _lt(
    "Appeals closed in the last %(months)s months with the same features (%(criteria)s): "
    "%(total)s; %(department)s answered %(count)s of them."
)
REASON_DEPARTMENT_TIE = _lt(
    "%(other)s answered as many; %(department)s has fewer appeals under consideration "
    "(%(load)s against %(other_load)s)."
)
REASON_EMPLOYEE = _lt(
    "%(employee)s has the fewest appeals under consideration in the department: %(load)s."
)
REASON_EMPLOYEE_ONLY = _lt(
    "%(employee)s is the only employee of the department who can be assigned the appeal; "
    "appeals under consideration: %(load)s."
)
REASON_EMPLOYEE_EXPERIENCE = _lt(
    "%(employee)s has as few appeals under consideration as anyone in the department "
    "(%(load)s) and answered the most of the similar appeals (%(answered)s)."
)
REASON_EMPLOYEE_EQUAL = _lt(
    "%(employee)s has as few appeals under consideration as anyone in the department (%(load)s)."
)
REASON_NO_HISTORY = _lt(
    "No appeal of the same kind or root cause was closed in the last %(months)s months: "
    "there is no suggestion, choose the department and the employee."
)
REASON_NO_CANDIDATE = _lt(
    "The departments that answered similar appeals in the last %(months)s months have no "
    "employee who can be assigned this appeal: there is no suggestion."
)


class AcfAppeal(models.Model):
    _inherit = "acf.appeal"

    def init(self):
        result = super().init()
        # The history the suggestion reads: the closed appeals of a company with a department,
        # by root cause or by kind, in the window of ROUTING_HISTORY_MONTHS (the query's two
        # branches, combined by a bitmap OR).
        closed = "state = 'closed' AND department_id IS NOT NULL"
        create_index(
            self.env.cr,
            "acf_appeal_routing_cause_idx",
            self._table,
            ["company_id", "cause_id", "date_closed"],
            where=closed,
        )
        create_index(
            self.env.cr,
            "acf_appeal_routing_kind_idx",
            self._table,
            ["company_id", "kind", "date_closed"],
            where=closed,
        )
        return result

    def _acf_assignable_users(self, department):
        """The employees of ``department`` who may be made responsible for these appeals: its
        employees and head, active, of the appeals' companies, not concerned by any of them
        (1.1.6). The assignment wizard offers them; the suggestion chooses among them."""
        members = department.member_ids | department.manager_id
        companies = self.company_id
        return (members - self.concerned_user_ids).filtered(
            lambda user: user.active and companies <= user.company_ids
        )

    def _acf_routing_departments(self, department_ids):
        """Those of ``department_ids`` the current user may assign this appeal to: the active
        departments of its company, or only its own department for a head of department who
        hands it on inside the department (as ``_assign`` allows); in the departments' order."""
        self.ensure_one()
        domain = [("id", "in", list(department_ids)), ("company_id", "=", self.company_id.id)]
        if (
            self.phase != "director"
            and self.department_id
            and not has_role(self.env, "executive")
            and self.distributor_id != self.env.user
        ):
            domain.append(("id", "=", self.department_id.id))
        return self.env["acf.department"].search(domain)

    def _acf_routing_history(self, levels):
        """Closed appeals like this one, counted per department and responsible employee for
        each of ``levels``: ``{(department_id, responsible_id): [count per level]}``.

        One aggregated query over the company's closed appeals of the window. Plain SQL: the
        counts are read whatever the user may read of the other appeals (a delegate may not read
        them all); only numbers and department names are shown.
        """
        self.ensure_one()
        self.env["acf.appeal"].flush_model(
            ["company_id", "state", "date_closed", "department_id", "responsible_id"]
            + [name for level in ROUTING_LEVELS for name in level]
        )
        since = self._today() - relativedelta(months=ROUTING_HISTORY_MONTHS)
        counts = [
            SQL(
                "COUNT(*) FILTER (WHERE %s)",
                SQL(" AND ").join(
                    SQL("%s = %s", SQL.identifier("a", name), self._acf_routing_value(name))
                    for name in level
                ),
            )
            for level in levels
        ]
        matches = [SQL("a.kind = %s", self.kind)]
        if self.cause_id:
            matches.append(SQL("a.cause_id = %s", self.cause_id.id))
        self.env.cr.execute(
            SQL(
                """
                SELECT a.department_id, a.responsible_id, %(counts)s
                  FROM acf_appeal a
                 WHERE a.company_id = %(company)s
                   AND a.state = 'closed'
                   AND a.department_id IS NOT NULL
                   AND a.date_closed >= %(since)s
                   AND a.id != %(appeal)s
                   AND (%(matches)s)
                 GROUP BY a.department_id, a.responsible_id
                """,
                counts=SQL(", ").join(counts),
                company=self.company_id.id,
                since=since,
                appeal=self.id or 0,
                matches=SQL(" OR ").join(matches),
            )
        )
        return {(row[0], row[1]): list(row[2:]) for row in self.env.cr.fetchall()}

    def _acf_open_load(self, users):
        """How many appeals of this appeal's company each of ``users`` has under consideration
        as the responsible employee (this one left out): one grouped count."""
        self.ensure_one()
        # sudo: the load counts every open appeal of the employees, also those the person who
        # assigns may not read (a delegate); only the numbers are shown.
        groups = (
            self.env["acf.appeal"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "in", OPEN_STATES),
                    ("responsible_id", "in", users.ids),
                    ("id", "!=", self.id or 0),
                ],
                ["responsible_id"],
                ["__count"],
            )
        )
        return {user.id: count for user, count in groups}

    def _acf_routing_value(self, name):
        """The value of feature ``name`` of this appeal as stored (an id for a record)."""
        value = self[name]
        return value.id if isinstance(value, models.BaseModel) else value

    def _acf_reason(self, message, **params):
        """``message`` (a module-level ``_lt``) in the user's language, with ``params``."""
        return message._translate(self.env.lang or "en_US") % params

    def _acf_routing_criteria(self, level):
        """The features of ``level`` with this appeal's values, in the user's language."""
        parts = []
        for name in level:
            label = self._acf_reason(ROUTING_LABELS[name])
            if name == "kind":
                value = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
            else:
                value = self[name].display_name
            parts.append(f"{label}: {value}")
        return "; ".join(parts)

    def _acf_suggest_routing(self):
        """The department and employee proposed for this appeal, and why.

        Returns ``{"department": acf.department, "responsible": res.users, "reason": str}``;
        both records are empty when there is nothing to propose, and the reason says why. It
        proposes only: it writes nothing.
        """
        self.ensure_one()
        Department = self.env["acf.department"]
        Users = self.env["res.users"]
        months = ROUTING_HISTORY_MONTHS
        levels = [level for level in ROUTING_LEVELS if all(self[name] for name in level)]
        history = self._acf_routing_history(levels)
        nothing = {"department": Department, "responsible": Users}
        if not history:
            return dict(nothing, reason=self._acf_reason(REASON_NO_HISTORY, months=months))
        departments = self._acf_routing_departments({dep for dep, _user in history})
        # What choosing among the employees reads, for all the departments at once.
        (departments.member_ids | departments.manager_id).fetch(["active", "company_ids", "name"])
        candidates = {d: self._acf_assignable_users(d) for d in departments}
        candidates = {d: users for d, users in candidates.items() if users}
        if not candidates:
            return dict(nothing, reason=self._acf_reason(REASON_NO_CANDIDATE, months=months))
        load = self._acf_open_load(Users.union(*candidates.values()))
        order = {department: position for position, department in enumerate(departments)}

        def department_load(department):
            return sum(load.get(user.id, 0) for user in candidates[department])

        for index, level in enumerate(levels):
            answered = {}
            for (department_id, _user_id), level_counts in history.items():
                answered[department_id] = answered.get(department_id, 0) + level_counts[index]
            total = sum(answered.values())
            ranked = [d for d in candidates if answered.get(d.id)]
            if not ranked:
                continue
            # Most similar appeals answered, then the lighter load, then the departments' order.
            ranked.sort(key=lambda d: (-answered[d.id], department_load(d), order[d]))
            department = ranked[0]
            reasons = [
                self._acf_reason(
                    REASON_DEPARTMENT,
                    months=months,
                    criteria=self._acf_routing_criteria(level),
                    total=total,
                    department=department.display_name,
                    count=answered[department.id],
                )
            ]
            if len(ranked) > 1 and answered[ranked[1].id] == answered[department.id]:
                other = ranked[1]
                if department_load(other) != department_load(department):
                    reasons.append(
                        self._acf_reason(
                            REASON_DEPARTMENT_TIE,
                            other=other.display_name,
                            department=department.display_name,
                            load=department_load(department),
                            other_load=department_load(other),
                        )
                    )
            responsible, employee_reason = self._acf_choose_employee(
                candidates[department], load, history, department, index
            )
            reasons.append(employee_reason)
            return {
                "department": department,
                "responsible": responsible,
                "reason": " ".join(reasons),
            }
        return dict(nothing, reason=self._acf_reason(REASON_NO_CANDIDATE, months=months))

    def _acf_choose_employee(self, users, load, history, department, index):
        """The employee of ``department`` with the fewest appeals under consideration; between
        equals, who answered the most similar appeals (level ``index``), then by name."""
        experience = {
            user_id: level_counts[index]
            for (department_id, user_id), level_counts in history.items()
            if department_id == department.id and user_id
        }
        ranked = users.sorted(
            lambda u: (load.get(u.id, 0), -experience.get(u.id, 0), u.name or "", u.id)
        )
        chosen = ranked[0]
        values = {"employee": chosen.name, "load": load.get(chosen.id, 0)}
        if len(ranked) == 1:
            return chosen, self._acf_reason(REASON_EMPLOYEE_ONLY, **values)
        second = ranked[1]
        if load.get(second.id, 0) != values["load"]:
            return chosen, self._acf_reason(REASON_EMPLOYEE, **values)
        if experience.get(chosen.id, 0) != experience.get(second.id, 0):
            return chosen, self._acf_reason(
                REASON_EMPLOYEE_EXPERIENCE, answered=experience.get(chosen.id, 0), **values
            )
        return chosen, self._acf_reason(REASON_EMPLOYEE_EQUAL, **values)
