"""Admin URLs of the evidence pack, and its action on an approved run's page."""

from django.urls import path

from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_evidence_urls():
    return [
        path("evidence/run/<int:run_id>/", views.evidence_pack_view, name="cems_evidence_pack"),
        path(
            "evidence/run/<int:run_id>/download/",
            views.evidence_pack_download,
            name="cems_evidence_download",
        ),
    ]


@hooks.register("cems_run_actions")
def evidence_pack_action(run):
    return views.run_evidence_link(run)
