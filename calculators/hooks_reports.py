"""Admin URLs of the results views and report downloads (imported by ``wagtail_hooks``)."""

from wagtail import hooks

from calculators.results_views import get_results_urls


@hooks.register("register_admin_urls")
def register_results_urls():
    return get_results_urls()
