"""The app's models, for Django: the page types (pages.py) and the moderation workflow's task
(moderation_task.py), which sits above the moderation operations it calls. Nothing in the app imports this
module; code outside the app may."""

from .constants import ServiceArea
from .moderation_task import PracticeModerationTask
from .pages import PracticeAttachment, PracticeIndexPage, PracticePage, PracticePageTag
from .pending import PendingAttachment, PracticeDraft

__all__ = [
    "PendingAttachment",
    "PracticeAttachment",
    "PracticeDraft",
    "PracticeIndexPage",
    "PracticeModerationTask",
    "PracticePage",
    "PracticePageTag",
    "ServiceArea",
]
