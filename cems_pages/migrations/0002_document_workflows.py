"""Document approval workflows and the role groups' page permissions (5.3, 7.3.3).

Idempotent: tasks, workflows and permissions are looked up by name before being created.
"""

from django.db import migrations

from cems_registers.roles import ensure_groups

REVIEW_TASK = "Review by the carbon management body"
TOP_MANAGEMENT_TASK = "Approval by top management"
MANAGEMENT_REPRESENTATIVE_TASK = "Approval by the management representative"
WORKFLOW_TOP_MANAGEMENT = "Document approval (top management)"
WORKFLOW_MANAGEMENT_REPRESENTATIVE = "Document approval (management representative)"

#: task name → approving group
TASKS = {
    REVIEW_TASK: "Reviewers",
    TOP_MANAGEMENT_TASK: "Top management",
    MANAGEMENT_REPRESENTATIVE_TASK: "Management representative",
}
#: workflow name → ordered task names
WORKFLOWS = {
    WORKFLOW_TOP_MANAGEMENT: [REVIEW_TASK, TOP_MANAGEMENT_TASK],
    WORKFLOW_MANAGEMENT_REPRESENTATIVE: [REVIEW_TASK, MANAGEMENT_REPRESENTATIVE_TASK],
}
#: group → page permission codenames on the tree root (inherited by every page).
#: Nobody but superusers holds publish_page: approval of the last task publishes.
PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page", "lock_page"],
}
#: group → collection permission codenames on the root collection (images, documents).
COLLECTION_PERMISSIONS = {
    "Editors": [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}


def create_app_permissions(apps, app_labels):
    """Create the apps' permissions now (Django only creates them after migrate)."""
    from django.contrib.auth.management import create_permissions

    for app_label in app_labels:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)


def forwards(apps, schema_editor):
    groups = ensure_groups(apps)
    create_app_permissions(apps, ["wagtailcore", "wagtailimages", "wagtaildocs"])
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    task_ct, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    tasks = {}
    for name, group_name in TASKS.items():
        task = GroupApprovalTask.objects.filter(name=name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=name, active=True, content_type=task_ct)
        task.groups.set([groups[group_name]])
        tasks[name] = task

    for name, task_names in WORKFLOWS.items():
        workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
        for order, task_name in enumerate(task_names):
            WorkflowTask.objects.update_or_create(
                workflow=workflow, task=tasks[task_name], defaults={"sort_order": order}
            )

    # Pages that are not controlled documents (the home page) follow the management
    # representative's workflow instead of Wagtail's default "Moderators approval".
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    default_workflow = Workflow.objects.get(name=WORKFLOW_MANAGEMENT_REPRESENTATIVE)
    for workflow_page in WorkflowPage.objects.filter(page__depth=1):
        workflow_page.workflow = default_workflow
        workflow_page.save()
    if not WorkflowPage.objects.filter(page__depth=1).exists():
        root_page = Page.objects.filter(depth=1).first()
        if root_page is not None:
            WorkflowPage.objects.create(page=root_page, workflow=default_workflow)

    page_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for group_name, codenames in PAGE_PERMISSIONS.items():
            for codename in codenames:
                permission, _ = Permission.objects.get_or_create(
                    content_type=page_ct, codename=codename, defaults={"name": codename}
                )
                GroupPagePermission.objects.get_or_create(
                    group=groups[group_name], page=root, permission=permission
                )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for group_name, codenames in COLLECTION_PERMISSIONS.items():
            for app_label, model, codename in codenames:
                ct, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
                permission, _ = Permission.objects.get_or_create(
                    content_type=ct, codename=codename, defaults={"name": codename}
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[group_name], collection=root_collection, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("cems_pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
