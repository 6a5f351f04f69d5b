"""URL configuration: admin and API unprefixed, public pages under /zh-hans/ and /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cems_pages.seo import PublicSitemap, robots_txt

from .api import api_router
from .openapi_view import openapi_view
from .security.headers import csp_report_view
from .security.media import serve_image_file
from .security.throttle import after_login_view

urlpatterns = [
    # image files only after a permission check, in DEBUG too (cems_site.security.media)
    re_path(r"^media/(?P<path>(?:original_images|images)/.+)$", serve_image_file),
    path("csp-report/", csp_report_view, name="csp_report"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/openapi.json", openapi_view, name="api_openapi"),
    path("api/v2/", api_router.urls),
    path("api/", include("calculators.api_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += i18n_patterns(
    path("login/continue/", after_login_view, name="cems_after_login"),
    path("", include("cems_pages.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
