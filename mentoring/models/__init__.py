from .outputs import StageOutput, StageOutputGroupObjectPermission, StageOutputUserObjectPermission
from .people import Department, User
from .programme import CalendarFeed, SessionReminder, StageConfirmation, StageRequirement
from .relationships import (
    MentoringModel,
    MentoringRelationship,
    MentoringSession,
    SessionAttendance,
    validate_mentees,
)
from .tasks import DepartmentApprovalTask, MentorReviewTask

__all__ = [
    "CalendarFeed",
    "SessionAttendance",
    "SessionReminder",
    "StageConfirmation",
    "StageRequirement",
    "Department",
    "DepartmentApprovalTask",
    "MentorReviewTask",
    "MentoringModel",
    "MentoringRelationship",
    "MentoringSession",
    "StageOutput",
    "StageOutputGroupObjectPermission",
    "StageOutputUserObjectPermission",
    "User",
    "validate_mentees",
]
