"""The figures (figures.py) as a reader sees them: each one a table with headings in the reader's language (the
language active when `tables` is called), a chart of it and a sentence that sums it up for screen readers.

Counts under 5 are withheld ("fewer than 5") when the selection includes a department whose individual records
the reader may not see (access.py): on the page, in the exports and in the Word report alike, since they all
read these tables. Free-text answers are listed only for relationships whose records the reader may see."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from home.programme import Country, ServiceArea, Stage
from mentoring.models import MentoringModel, MentoringRelationship

from .charts import Chart
from .figures import STAGES, department_names_of

SMALL = 5
FEWER = gettext_lazy("fewer than 5")


@dataclass
class Table:
    key: str
    title: str
    columns: list  # [(key, heading)]
    rows: list  # [{key: value}]
    chart_series: list = field(default_factory=list)  # the column keys drawn, as bars
    value_label: str = ""
    note: str = ""
    texts: list = field(default_factory=list)  # evaluations: the free-text answers shown
    chart_rows: int | None = None  # the rows drawn (all unless said)
    evaluation: bool = False

    @property
    def label_key(self):
        return self.columns[0][0]

    def chart(self):
        if not self.chart_series or not self.rows:
            return None
        headings = dict(self.columns)
        rows = self.rows[: self.chart_rows]
        return Chart(
            title=self.title,
            description=self.summary(),
            labels=[row[self.label_key] for row in rows],
            series={
                headings[key]: [row[key] if isinstance(row[key], int | float) else None for row in rows]
                for key in self.chart_series
            },
            value_label=self.value_label,
        )

    def summary(self):
        """What the table says, in one sentence per row (the first 12), for those who do not see the chart."""
        if not self.rows:
            return _("%(title)s: no data for this selection.") % {"title": self.title}
        parts = []
        for row in self.rows[:12]:
            values = ", ".join(
                f"{heading} {_display(row.get(key))}" for key, heading in self.columns[1:] if row.get(key) is not None
            )
            parts.append(f"{row[self.label_key]}: {values}")
        return f"{self.title}. " + "; ".join(parts) + "."

    def display_rows(self):
        return [[_display(row.get(key)) for key, _heading in self.columns] for row in self.rows]


def _display(value):
    if value is None:
        return "–"
    return str(value)


class Withholding:
    """Replaces counts from 1 to 4 by "fewer than 5" when `active`."""

    def __init__(self, active):
        self.active = active

    def count(self, value):
        if self.active and isinstance(value, int) and 0 < value < SMALL:
            return FEWER
        return value

    def spread(self, spread):
        """A count with its median and slowest: all three withheld when the count is."""
        count = self.count(spread["count"])
        if count is FEWER:
            return {"count": FEWER, "median": None, "slowest": None}
        return dict(spread)


def tables(figures, *, record_department_ids, language):
    """Every table of the dashboard, in order."""
    withheld = Withholding(not set(figures.department_ids) <= set(record_department_ids))
    names = department_names_of(
        {row["department"] for row in figures.reviews} | {row["department"] for row in figures.circle}, language
    )
    return [
        _by_stage(figures, withheld),
        _by_model(figures, withheld),
        _per_month(figures, withheld),
        _stall(figures, withheld),
        _sessions(figures, withheld),
        _pool(figures, withheld),
        _reviews(figures, withheld, names),
        _practices_by_area(figures),
        _practices_by_country(figures),
        _moderation(figures),
        _circle(figures, withheld, names),
        _translations(figures),
        *_evaluations(figures, withheld, set(record_department_ids)),
    ]


def stage_label(stage):
    return pgettext("stage number", "Stage %(number)s") % {"number": stage}


def _by_stage(figures, withheld):
    data = figures.relationships
    rows = [{"stage": stage_label(stage), "count": withheld.count(data["by_stage"][stage])} for stage in STAGES]
    Status = MentoringRelationship.Status
    for status in (Status.COMPLETED, Status.ENDED):
        rows.append({"stage": str(status.label), "count": withheld.count(data["by_status"].get(status, 0))})
    return Table(
        "stages",
        _("Relationships by stage"),
        [("stage", _("Stage")), ("count", _("Relationships"))],
        rows,
        ["count"],
        _("Relationships"),
        note=", ".join(f"{stage_label(stage)}: {Stage(stage).label}" for stage in STAGES),
    )


def _by_model(figures, withheld):
    Status = MentoringRelationship.Status
    rows = [
        {
            "model": str(MentoringModel(model).label),
            **{status.value: withheld.count(counts.get(status, 0)) for status in Status},
        }
        for model, counts in sorted(figures.relationships["by_model"].items())
        if model in MentoringModel.values
    ]
    return Table(
        "models",
        _("Relationships by mentoring model"),
        [("model", _("Mentoring model")), *[(status.value, str(status.label)) for status in Status]],
        rows,
        [status.value for status in Status],
        _("Relationships"),
    )


def _per_month(figures, withheld):
    rows = [
        {"month": month, "started": withheld.count(started), "finished": withheld.count(finished)}
        for month, started, finished in figures.relationships["months"]
    ]
    return Table(
        "months",
        _("Relationships started and completed per month"),
        [("month", _("Month")), ("started", _("Started")), ("finished", _("Completed"))],
        rows,
        ["started", "finished"],
        _("Relationships"),
    )


def _spread_columns():
    return [("count", _("Relationships")), ("median", _("Median days")), ("slowest", _("Slowest (days)"))]


def _stall(figures, withheld):
    rows = [{"stage": stage_label(stage), **withheld.spread(figures.relationships["stall"][stage])} for stage in STAGES]
    return Table(
        "stall",
        _("Where relationships stall: days in each stage"),
        [("stage", _("Stage")), *_spread_columns()],
        rows,
        ["median", "slowest"],
        _("Days"),
        note=_(
            "A stage ends when its outputs are approved and every participant confirmed it; one under way counts to today."
        ),
    )


def _sessions(figures, withheld):
    rows = [
        {
            "stage": stage_label(stage),
            "agreed": withheld.count(figures.sessions[stage]["agreed"]),
            "held": withheld.count(figures.sessions[stage]["held"]),
        }
        for stage in STAGES
    ]
    return Table(
        "sessions",
        _("Sessions held against sessions agreed, per stage"),
        [("stage", _("Stage")), ("agreed", _("Agreed")), ("held", _("Held"))],
        rows,
        ["agreed", "held"],
        _("Sessions"),
        note=_("A meeting counts as held when someone's attendance of it was recorded."),
    )


def _pool(figures, withheld):
    pool = figures.pool
    rows = [
        {"measure": _("Mentors in the pool"), "value": withheld.count(pool["mentors"])},
        {"measure": _("Places offered"), "value": withheld.count(pool["places"])},
        {"measure": _("Places taken"), "value": withheld.count(pool["taken"])},
        {"measure": _("Requests waiting"), "value": withheld.count(pool["waiting"])},
    ]
    waited = withheld.spread(pool["waited"])
    to_match = withheld.spread(pool["to_match"])
    rows += [
        {"measure": _("Median days waiting so far"), "value": waited["median"]},
        {"measure": _("Relationships matched in the period"), "value": to_match["count"]},
        {"measure": _("Median days from request to match"), "value": to_match["median"]},
        {"measure": _("Slowest match (days)"), "value": to_match["slowest"]},
    ]
    table = Table(
        "pool",
        _("The mentor pool: capacity against demand"),
        [("measure", _("Measure")), ("value", _("Value"))],
        rows,
        ["value"],
    )
    table.chart_rows = 4
    return table


def _reviews(figures, withheld, names):
    rows = [
        {
            "group": f"{row['task']}: {names.get(row['department'], '')}",
            **withheld.spread({key: row[key] for key in ("count", "median", "slowest")}),
        }
        for row in figures.reviews
    ]
    return Table(
        "reviews",
        _("Stage outputs waiting for review, per reviewer group"),
        [
            ("group", _("Review step and department")),
            ("count", _("Outputs waiting")),
            ("median", _("Median age (days)")),
            ("slowest", _("Oldest (days)")),
        ],
        rows,
        ["count"],
        _("Outputs"),
    )


PRACTICE_STATES = {
    "published": pgettext_lazy("state of a practice", "Published"),
    "in_moderation": pgettext_lazy("state of a practice", "In moderation"),
    "changes_requested": gettext_lazy("Changes requested"),
    "draft": gettext_lazy("Draft"),
}


def _practices_by_area(figures):
    rows = []
    for area in ServiceArea:
        counts = figures.practices["by_area"].get(area.value, {})
        if counts:
            rows.append({"area": str(area.label), **{state: counts.get(state, 0) for state in PRACTICE_STATES}})
    return Table(
        "practices",
        _("Practices by service area and moderation state"),
        [("area", _("Service area")), *[(state, str(label)) for state, label in PRACTICE_STATES.items()]],
        rows,
        list(PRACTICE_STATES),
        _("Practices"),
    )


def _practices_by_country(figures):
    rows = [
        {"country": str(Country(code).label), "count": count}
        for code, count in sorted(figures.practices["by_country"].items())
        if code in Country.values
    ]
    return Table(
        "countries",
        _("Practices by country"),
        [("country", _("Country")), ("count", _("Practices"))],
        rows,
        ["count"],
        _("Practices"),
    )


def _moderation(figures):
    spread = figures.practices["moderation"]
    rows = [{"measure": _("Practices approved in the period"), **spread}]
    return Table(
        "moderation",
        _("The time moderation takes"),
        [
            ("measure", _("Measure")),
            ("count", _("Practices")),
            ("median", _("Median days")),
            ("slowest", _("Slowest (days)")),
        ],
        rows,
    )


def _circle(figures, withheld, names):
    rows = [
        {
            "department": names.get(row["department"], ""),
            "year": str(row["year"]),
            "mentors": withheld.count(row["mentors"]),
            "depth": row["depth"] if withheld.count(row["mentors"]) is not FEWER else None,
        }
        for row in figures.circle
    ]
    return Table(
        "circle",
        _("The circle: mentees who became mentors"),
        [
            ("department", _("Department")),
            ("year", _("Year")),
            ("mentors", _("New mentors")),
            ("depth", _("Lineage depth")),
        ],
        rows,
        ["mentors"],
        _("Mentors"),
        note=_("Lineage depth 1: the mentor's own mentor came from outside the circle; 2: that mentor grew in it too."),
    )


def _translations(figures):
    languages = dict(settings.LANGUAGES)
    rows = [
        {
            "language": languages.get(row["language"], row["language"]),
            "share": row["share"],
            "segments": row["segments"],
            "translated": row["translated"],
            "pages": row["pages"],
            "outdated": row["outdated"],
        }
        for row in figures.translations
    ]
    return Table(
        "translations",
        _("Translation coverage per language"),
        [
            ("language", _("Language")),
            ("share", _("Translated (%)")),
            ("segments", _("Segments")),
            ("translated", _("Segments translated")),
            ("pages", _("Translations")),
            ("outdated", _("Out of date with their source")),
        ],
        rows,
        ["share"],
        "%",
        note=_(
            "From wagtail-localize's records: a translation is out of date when its source changed after it was last published."
        ),
    )


def _evaluations(figures, withheld, record_departments):
    tables = []
    for number, question in enumerate(figures.evaluations, start=1):
        if question["kind"] in ("short_text", "long_text"):
            texts = [text for text in question["texts"] if text["department"] in record_departments]
            rows = [{"answer": _("Answers"), "count": withheld.count(question["answers"])}]
            table = Table(
                f"evaluation-{number}",
                f"{question['form']}: {question['label']}",
                [("answer", _("Answer")), ("count", _("Count"))],
                rows,
            )
            table.texts = texts
        else:
            rows = [
                {
                    "answer": label if label is not None else (_("Yes") if value == "yes" else _("No")),
                    "count": withheld.count(question["counts"].get(value, 0)),
                }
                for value, label in question["options"]
            ]
            table = Table(
                f"evaluation-{number}",
                f"{question['form']}: {question['label']}",
                [("answer", _("Answer")), ("count", _("Count"))],
                rows,
                ["count"],
                _("Answers"),
            )
        table.evaluation = True
        tables.append(table)
    return tables
