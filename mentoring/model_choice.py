"""Choosing the model: the report's three practical questions (seed, chapter 2: "Where the mentor/mentees are
located? How they feel about communicating electronically? Are there a sufficient number of mentors?") and the
models they point to, each with the report's reason, in the guide's wording (home/content, translated there).
Which answer leads to which model is the hub's reading of the report; the reasons are the report's."""

from django.utils.translation import gettext_lazy as _

from .models import MentoringModel

REASONS = {
    MentoringModel.ONE_ON_ONE: _("When enough mentors are available and the mentee needs individual support."),
    MentoringModel.GROUP: _("When there are fewer mentors than mentees."),
    MentoringModel.E_MENTORING: _("When mentors and mentees are not in the same place."),
    MentoringModel.REVERSE: _("When generations or levels of experience in a team need to learn from each other."),
}

# The report's advice when mentors are few, and its choice for Q-SER (chapter 2), in the guide's wording.
FEW_MENTORS = _(
    "Where there are many candidate mentees but few potential mentors, group mentoring or e-mentoring may work best."
)
QSER_CHOICE = _(
    "In the Q-SER project, one-on-one mentoring (a mentor and a mentee), combined with group mentoring (a mentor and "
    "mentees from the same workplace or department) and reverse mentoring, were judged suitable for implementation."
)
GROUP_RHYTHM = _("Group mentoring: four to six mentees; the group meets once or twice a month.")


def propose_models(*, located_together, comfortable_online, enough_mentors):
    """The models the answers point to, each with the report's reason: [(model, reason)], best first."""
    models = []
    if enough_mentors:
        models.append(MentoringModel.ONE_ON_ONE)
    else:
        models.append(MentoringModel.GROUP)
    if comfortable_online and (not located_together or not enough_mentors):
        models.append(MentoringModel.E_MENTORING)
    models.append(MentoringModel.REVERSE)
    return [(model, REASONS[model]) for model in models]


def context(form, proposals):
    """What a page asking the three questions shows once they are answered: the models with the report's reasons,
    its group rhythm and its choice for Q-SER (mentoring/includes/model_questions.html)."""
    return {"form": form, "proposals": proposals, "qser_choice": QSER_CHOICE, "group_rhythm": GROUP_RHYTHM}
