"""Menu groups of the registers, one per chapter of the standard (clauses 4–10)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .audits import AuditProgrammeViewSet, AuditViewSet
from .changes import ChangeViewSet
from .compliance import ComplianceEvaluationViewSet, ComplianceObligationViewSet
from .context import ContextIssueViewSet
from .design import DesignReviewViewSet
from .facilities import FacilityViewSet
from .instruments import MeasuringInstrumentViewSet
from .interested_parties import InterestedPartyViewSet
from .management_reviews import ManagementReviewViewSet, ReviewDecisionViewSet
from .nonconformities import CorrectiveActionViewSet, NonconformityViewSet
from .objectives import ObjectiveViewSet
from .opportunities import ReductionOpportunityViewSet
from .plans import ImplementationPlanViewSet, MilestoneViewSet
from .responsibilities import ResponsibilityViewSet
from .risks import RiskActionViewSet, RiskViewSet
from .sources import EmissionSourceViewSet
from .suppliers import SupplierViewSet
from .training import CompetenceViewSet, TrainingPlanViewSet


class ContextGroup(SnippetViewSetGroup):
    menu_label = _("4 Context")
    menu_icon = "globe"
    menu_order = 210
    items = (
        FacilityViewSet,
        ContextIssueViewSet,
        InterestedPartyViewSet,
        ComplianceObligationViewSet,
    )


class LeadershipGroup(SnippetViewSetGroup):
    menu_label = _("5 Leadership")
    menu_icon = "user"
    menu_order = 211
    items = (ResponsibilityViewSet,)


class PlanningGroup(SnippetViewSetGroup):
    menu_label = _("6 Planning")
    menu_icon = "crosshairs"
    menu_order = 212
    items = (
        RiskViewSet,
        RiskActionViewSet,
        EmissionSourceViewSet,
        ReductionOpportunityViewSet,
        ObjectiveViewSet,
        ImplementationPlanViewSet,
        MilestoneViewSet,
    )


class SupportGroup(SnippetViewSetGroup):
    menu_label = _("7 Support")
    menu_icon = "clipboard-list"
    menu_order = 213
    items = (TrainingPlanViewSet, CompetenceViewSet)


class OperationGroup(SnippetViewSetGroup):
    menu_label = _("8 Operation")
    menu_icon = "cogs"
    menu_order = 214
    items = (DesignReviewViewSet, SupplierViewSet, ChangeViewSet)


class PerformanceEvaluationGroup(SnippetViewSetGroup):
    menu_label = _("9 Performance evaluation")
    menu_icon = "view"
    menu_order = 215
    items = (
        MeasuringInstrumentViewSet,
        ComplianceEvaluationViewSet,
        AuditProgrammeViewSet,
        AuditViewSet,
        ManagementReviewViewSet,
        ReviewDecisionViewSet,
    )


class ImprovementGroup(SnippetViewSetGroup):
    menu_label = _("10 Improvement")
    menu_icon = "rotate"
    menu_order = 216
    items = (NonconformityViewSet, CorrectiveActionViewSet)


#: The groups in the order of the standard's chapters; wagtail_hooks registers them.
REGISTER_GROUPS = (
    ContextGroup,
    LeadershipGroup,
    PlanningGroup,
    SupportGroup,
    OperationGroup,
    PerformanceEvaluationGroup,
    ImprovementGroup,
)
