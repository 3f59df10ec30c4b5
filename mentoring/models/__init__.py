from .outputs import StageOutput, StageOutputGroupObjectPermission, StageOutputUserObjectPermission
from .people import Department, DepartmentName, User, department_names
from .relationships import MentoringModel, MentoringRelationship, MentoringSession, StageForm, validate_mentees
from .tasks import DepartmentApprovalTask, MentorReviewTask

__all__ = [
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
