from .outputs import StageOutput, StageOutputGroupObjectPermission, StageOutputUserObjectPermission
from .people import Department, DepartmentName, User, department_names
from .programme import CalendarFeed, SessionReminder, StageConfirmation, StageRequirement
from .relationships import (
    MentoringModel,
    MentoringRelationship,
    MentoringSession,
    SessionAttendance,
    StageForm,
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
    "DepartmentName",
    "MentorReviewTask",
    "MentoringModel",
    "MentoringRelationship",
    "MentoringSession",
    "StageForm",
    "StageOutput",
    "StageOutputGroupObjectPermission",
    "StageOutputUserObjectPermission",
    "User",
    "department_names",
    "validate_mentees",
]
