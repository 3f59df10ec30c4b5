from .outputs import StageOutput, StageOutputGroupObjectPermission, StageOutputUserObjectPermission
from .people import Department, User
from .relationships import MentoringModel, MentoringRelationship, MentoringSession, StageForm, validate_mentees
from .tasks import DepartmentApprovalTask, MentorReviewTask

__all__ = [
    "Department",
    "DepartmentApprovalTask",
    "MentorReviewTask",
    "MentoringModel",
    "MentoringRelationship",
    "MentoringSession",
    "StageForm",
    "StageOutput",
    "StageOutputGroupObjectPermission",
    "StageOutputUserObjectPermission",
    "User",
    "validate_mentees",
]
