"""Documents (register evidence, 7.5) are internal: the root collection is private to logged-in
users, so every document served by Wagtail's view asks for a login. Public material is
published as pages, whose PDFs follow the page's own privacy."""

from django.db import migrations


def restrict(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.filter(depth=1).first()
    if root is not None and not Restriction.objects.filter(collection=root).exists():
        Restriction.objects.create(collection=root, restriction_type="login", password="")


def unrestrict(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.filter(depth=1).first()
    Restriction.objects.filter(collection=root, restriction_type="login").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cems_registers", "0004_owners_of_milestones_and_evaluation_actions"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(restrict, unrestrict)]
