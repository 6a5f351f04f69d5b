"""Register lists issue a constant number of queries, whatever their length (STYLE.md 9)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cems_registers import models as m

from . import factories as f
from .test_registers_admin import url

FACTORIES = {
    m.Facility: lambda user: f.FacilityFactory(owner=user, parent=f.FacilityFactory()),
    m.ContextIssue: lambda user: f.ContextIssueFactory(owner=user),
    m.InterestedParty: lambda user: f.InterestedPartyFactory(owner=user),
    m.ComplianceObligation: lambda user: f.ComplianceObligationFactory(owner=user),
    m.ComplianceEvaluation: lambda user: f.ComplianceEvaluationFactory(evaluator=user, owner=user),
    m.Responsibility: lambda user: f.ResponsibilityFactory(person=user),
    m.Risk: lambda user: f.RiskFactory(owner=user),
    m.RiskAction: lambda user: f.RiskActionFactory(owner=user),
    m.EmissionSource: lambda user: f.EmissionSourceFactory(data_owner=user),
    m.ReductionOpportunity: lambda user: f.ReductionOpportunityFactory(owner=user),
    m.Objective: lambda user: f.ObjectiveFactory(owner=user, approved_by=user),
    m.ImplementationPlan: lambda user: f.ImplementationPlanFactory(owner=user),
    m.Milestone: lambda user: f.MilestoneFactory(owner=user),
    m.TrainingPlan: lambda user: f.TrainingPlanFactory(owner=user),
    m.Competence: lambda user: f.CompetenceFactory(
        person=user, responsibility=f.ResponsibilityFactory()
    ),
    m.DesignReview: lambda user: f.DesignReviewFactory(owner=user),
    m.Supplier: lambda user: f.SupplierFactory(owner=user),
    m.Change: lambda user: f.ChangeFactory(owner=user),
    m.MeasuringInstrument: lambda user: f.MeasuringInstrumentFactory(
        owner=user, facility=f.FacilityFactory()
    ),
    m.AuditProgramme: lambda user: f.AuditProgrammeFactory(lead_auditor=user),
    m.Audit: lambda user: f.AuditFactory(owner=user),
    m.Nonconformity: lambda user: f.NonconformityFactory(owner=user),
    m.CorrectiveAction: lambda user: f.CorrectiveActionFactory(owner=user),
    m.ManagementReview: lambda user: f.ManagementReviewFactory(chair=user),
    m.ReviewDecision: lambda user: f.ReviewDecisionFactory(owner=user),
}


def test_every_register_has_a_factory():
    assert set(FACTORIES) == set(m.REGISTER_MODELS)


@pytest.mark.parametrize("model", m.REGISTER_MODELS, ids=lambda model: model._meta.model_name)
def test_list_queries_do_not_grow_with_rows(client, make_user, register_keeper, model):
    client.force_login(register_keeper)
    FACTORIES[model](make_user("owner0"))
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(model, "list")).status_code == 200
    for i in range(1, 6):
        FACTORIES[model](make_user(f"owner{i}"))
    with CaptureQueriesContext(connection) as six:
        response = client.get(url(model, "list"))
    assert response.status_code == 200
    assert len(six) == len(one), [q["sql"] for q in six.captured_queries][-8:]
