"""Where a form template comes from: the one definition of the provenance sentence that the template's
pages, its Word files (blank and filled) and the API show.

The report (seed/, chapter 3) names the mentoring tools of each stage and nothing more; every field of our
templates is the hub's own. A template records what in the report it answers to (`source_kind`) and the
report's own English words for it (`source_name`), kept verbatim, "Suggested" included. The sentence is
translated; the report's words stay in English, so the page marks them `lang="en"`.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

NAME = "%(name)s"


class SourceKind(models.TextChoices):
    TOOL = "tool", _("A mentoring tool the Q-SER guide names")
    OBJECTIVE = "objective", _("A stage objective of the Q-SER guide (the hub's aid to it, not a tool)")
    NOTE = "note", _("Optional notes the Q-SER guide says the mentor may keep")
    HUB = "", _("The hub's own form, not based on the Q-SER guide")


def _sentence(kind, stage, also_in_stage):
    """The translated sentence with `%(name)s` left in it, where the report's words go."""
    if kind == SourceKind.TOOL and also_in_stage:
        return gettext(
            "Based on the tool “%(name)s” named in the Q-SER guide, stages %(stage)s and %(also)s; "
            "the fields were designed for this hub."
        ) % {"name": NAME, "stage": stage, "also": also_in_stage}
    if kind == SourceKind.TOOL:
        return gettext(
            "Based on the tool “%(name)s” named in the Q-SER guide, stage %(stage)s; the fields were designed for "
            "this hub."
        ) % {"name": NAME, "stage": stage}
    if kind == SourceKind.OBJECTIVE:
        return gettext(
            "The hub’s aid to the stage %(stage)s objective “%(name)s” of the Q-SER guide; not one of the guide’s "
            "tools. The fields were designed for this hub."
        ) % {"name": NAME, "stage": stage}
    if kind == SourceKind.NOTE:
        return gettext(
            "Based on the Q-SER guide, stage %(stage)s: “%(name)s”. Optional notes, private to the mentor unless "
            "they choose to share an entry; the fields were designed for this hub."
        ) % {"name": NAME, "stage": stage}
    return gettext("A form of this hub, not one of the Q-SER guide’s tools.")


@dataclass(frozen=True)
class Provenance:
    """What a template is based on in the report, and how to say so in the active language."""

    kind: str
    name: str
    stage: int
    also_in_stage: int | None = None

    @classmethod
    def of(cls, template):
        return cls(template.source_kind, template.source_name, template.stage, template.also_in_stage)

    @property
    def kind_known(self):
        return self.kind != SourceKind.HUB and bool(self.name)

    def parts(self):
        """(text before the report's words, the words, text after): the page marks the words `lang="en"`."""
        if not self.kind_known:
            return _sentence(SourceKind.HUB, self.stage, None), "", ""
        before, _sep, after = _sentence(self.kind, self.stage, self.also_in_stage).partition(NAME)
        return before, self.name, after

    def __str__(self):
        return "".join(self.parts())

    def as_api(self):
        """The API's `provenance` member: the sentence in the requested language and its parts as data."""
        return {
            "text": str(self),
            "source_kind": self.kind if self.kind_known else "hub",
            "source_name": self.name if self.kind_known else "",
            "source_language": "en",
            "stages": [stage for stage in (self.stage, self.also_in_stage) if stage],
            "source": "Q-SER IO3 Annex II (Q-SER Consortium)" if self.kind_known else "",
        }
