from .outputs import StageOutput, StageOutputGroupObjectPermission, StageOutputUserObjectPermission
from .people import Department, DepartmentGroupObjectPermission, DepartmentUserObjectPermission, Organisation, User
from .pool import MatchingWeights, MatchProposal, MentorOffer, MentorRequest, MentorTraining, Mode
from .relationships import MentoringModel, MentoringRelationship, MentoringSession, validate_mentees
from .tasks import DepartmentApprovalTask, MentorReviewTask

__all__ = [
    "DepartmentGroupObjectPermission",
    "DepartmentUserObjectPermission",
    "MatchProposal",
    "MatchingWeights",
    "MentorOffer",
    "MentorRequest",
    "MentorTraining",
    "Mode",
    "Organisation",
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
