"""The admin as the product (issue 8, item 17): no links out to Wagtail's English website.

The Help menu's "What's new in Wagtail" and "Editor Guide" point to wagtail.org, which the
machines this runs on may not reach and which users of cems do not need; the keyboard
shortcuts stay. The name, logo and sign-in page are in ``templates/wagtailadmin/``.
"""

from wagtail import hooks

WAGTAIL_WEBSITE_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def hide_wagtail_website_links(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_WEBSITE_ITEMS)]
