"""Admin URLs of the calculators, registered by ``wagtail_hooks.register_admin_urls``."""

from django.urls import path

from calculators.admin_views import datasets, factors, runs

urlpatterns = [
    path("datasets/", datasets.dataset_list, name="calculators_dataset_list"),
    path("datasets/upload/", datasets.dataset_upload, name="calculators_dataset_upload"),
    path(
        "datasets/template.<str:fmt>",
        datasets.dataset_template,
        name="calculators_dataset_template",
    ),
    path("datasets/<int:pk>/", datasets.dataset_detail, name="calculators_dataset_detail"),
    path(
        "datasets/<int:pk>/review/",
        datasets.dataset_review_view,
        name="calculators_dataset_review",
    ),
    path("datasets/<int:pk>/file/", datasets.dataset_file, name="calculators_dataset_file"),
    path(
        "datasets/<int:pk>/withdraw/",
        datasets.dataset_withdraw_view,
        name="calculators_dataset_withdraw",
    ),
    path("runs/", runs.run_list, name="calculators_run_list"),
    path("runs/new/", runs.run_create_view, name="calculators_run_create"),
    path("runs/<int:pk>/", runs.run_detail, name="calculators_run_detail"),
    path("runs/<int:pk>/status/", runs.run_status, name="calculators_run_status"),
    path("runs/<int:pk>/approve/", runs.run_approve_view, name="calculators_run_approve"),
    path(
        "factor-sets/<int:pk>/new-version/",
        factors.factor_set_new_version_view,
        name="calculators_factorset_new_version",
    ),
]
