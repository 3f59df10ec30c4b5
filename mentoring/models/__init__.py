from .outputs import StageOutput, StageOutputGroupObjectPermission, StageOutputUserObjectPermission
from .people import (
    Department,
    DepartmentGroupObjectPermission,
    DepartmentName,
    DepartmentUserObjectPermission,
    Organisation,
    User,
    department_names,
)
from .pool import (
    GroupMember,
    GroupProposal,
    MatchingWeights,
    MatchProposal,
    MentorOffer,
    MentorRequest,
    MentorTraining,
    Mode,
)
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
    "DepartmentGroupObjectPermission",
    "DepartmentUserObjectPermission",
    "GroupMember",
    "GroupProposal",
    "MatchProposal",
    "MatchingWeights",
    "MentorOffer",
    "MentorRequest",
    "MentorTraining",
    "Mode",
    "Organisation",
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
