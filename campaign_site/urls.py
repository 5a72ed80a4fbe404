from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.sitemaps import CampaignSitemap
from home.views import sdg_colours, search

from . import api
from .views import RobotsView, healthz

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(api)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": CampaignSitemap}}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("sdg-colours.css", sdg_colours, name="sdg_colours"),
]

# A mail provider's reports about delivered and bounced emails (django-anymail), under a
# secret path, only when a provider is configured (README "Emails to registrants").
if settings.ANYMAIL and settings.EMAIL_WEBHOOK_PATH:
    urlpatterns.append(path(f"{settings.EMAIL_WEBHOOK_PATH}/anymail/", include("anymail.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language prefix (/de/, /en/, /fr/). A request for "/"
# is redirected by LocaleMiddleware to the visitor's best language (Accept-Language).
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A database that cannot be reached gets a friendly 503 page instead of a server error.
handler500 = "campaign_site.unavailable.server_error"
