"""API v2 endpoints for headless clients and interested parties (4.3, 5.2, 7.3.3).

The public, read-only API lists and retrieves only live pages that anonymous visitors may
read, whoever asks: internal documents, withdrawn documents, drafts and pages with any view
restriction (password, login, groups) are neither listed, found by path, matched by a search
nor retrievable by id. Registers are not exposed here at all.

Beyond Wagtail's stock pages endpoint:

* ``detail_url``, ``html_url`` and the ``find/`` redirect are absolute URLs on
  ``WAGTAILAPI_BASE_URL`` when it is set, else on the host of the request (never the
  ``localhost`` of the Site record).
* ``pages/find/?html_path=`` takes the path as the site shows it, language prefix included
  (``/zh-hans/policy/``, ``/en/policy/``); a path without a prefix is read in the default
  language.
* ``?search=`` is the site search's substring match (:func:`cems_pages.selectors.search_match_q`),
  so ``锅炉`` finds 燃煤锅炉房 as the public search does; results keep the listing's order.
* ``meta.translations`` on every page item: the page's other public languages (id, locale,
  title, ``html_url``, ``detail_url``), read for a whole listing in one query.
* Images carry ``renditions`` (:data:`IMAGE_RENDITIONS`: a 16:9 crop for cards and a wide
  one for bodies), each with URL, size and alt text.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.manager import BaseManager
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation

from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.serializers import (
    DetailUrlField,
    PageAliasOfField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError, get_full_url
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField, DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction, Site

from rest_framework.fields import Field
from rest_framework.filters import BaseFilterBackend
from rest_framework.serializers import ListSerializer, SkipField

from .cache import kept_fragments, public_fragment, public_fragments
from .selectors import exclude_hidden, search_match_q

#: Longest search accepted, as on the public search page.
MAX_SEARCH_LENGTH = 200

#: Rendition filter specs every image of the API carries (``renditions``): a 16:9 crop for
#: cards and a 1200 px wide version for page bodies.
IMAGE_RENDITIONS = ("fill-800x450", "width-1200")


def absolute_url(request, path: str) -> str:
    """``path`` on ``WAGTAILAPI_BASE_URL`` when set, else on the request's scheme and host."""
    if path.startswith(("http://", "https://")):
        return path
    if getattr(settings, "WAGTAILAPI_BASE_URL", None):
        return get_full_url(request, path)
    return request.build_absolute_uri(path)


class RequestUrlFindMixin:
    """``find/`` redirects to the detail URL on the configured base URL or the request's host
    (Wagtail's own redirect uses the Site record's root URL)."""

    def find_view(self, request):
        try:
            obj = self.find_object(self.get_queryset(), request)
        except self.model.DoesNotExist:
            obj = None
        if obj is None:
            raise Http404("not found")
        path = request.wagtailapi_router.get_object_detail_urlpath(self.model, obj.pk)
        query = request.GET.copy()
        for parameter in self.find_query_parameters:
            query.pop(parameter, None)
        return redirect(f"{absolute_url(request, path)}?{query.urlencode()}")


class RequestDetailUrlField(DetailUrlField):
    """``detail_url`` on the configured base URL or the request's host."""

    def get_attribute(self, instance):
        path = self.context["router"].get_object_detail_urlpath(type(instance), instance.pk)
        if not path:
            raise SkipField
        return absolute_url(self.context["request"], path)


def page_html_url(request, page) -> str | None:
    """The page's public URL, language prefix included, on the configured base URL or the
    request's host (pages of another Site keep that Site's root URL)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    site_id, root_url, page_path = parts
    current = Site.find_for_request(request)
    if current is not None and site_id not in (None, current.pk):
        return root_url + page_path
    return absolute_url(request, page_path)


class RequestHtmlUrlField(PageHtmlUrlField):
    """``html_url``: :func:`page_html_url`."""

    def to_representation(self, page):
        return page_html_url(self.context["request"], page)


class PageTranslationsField(Field):
    """``translations``: the page's other languages that the public may read, as
    ``[{"id", "locale", "title", "html_url", "detail_url"}]`` in language order.

    Read in one query for every page of the response (a listing's whole page of items), kept
    in the serializer context.
    """

    openapi_schema = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "locale": {"type": "string"},
                "title": {"type": "string"},
                "html_url": {"type": ["string", "null"], "format": "uri"},
                "detail_url": {"type": "string", "format": "uri"},
            },
            "required": ["id", "locale", "title", "html_url", "detail_url"],
            "additionalProperties": False,
        },
    }

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        found = self.context.setdefault("_public_translations", {})
        if page.translation_key not in found:
            keys = {page.translation_key}
            items = getattr(self.root, "instance", None)
            if isinstance(items, list | tuple) or hasattr(items, "_result_cache"):
                keys |= {item.translation_key for item in items}
            for key in keys:
                found.setdefault(key, [])
            view = self.context.get("view")
            base = view.get_base_queryset() if view is not None else Page.objects.none()
            for item in base.filter(translation_key__in=keys).select_related("locale"):
                found[item.translation_key].append(item)
        order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
        request = self.context["request"]
        router = self.context["router"]
        translations = sorted(
            (item for item in found[page.translation_key] if item.pk != page.pk),
            key=lambda item: order.get(item.locale.language_code, len(order)),
        )
        return [
            {
                "id": item.pk,
                "locale": item.locale.language_code,
                "title": item.title,
                "html_url": page_html_url(request, item),
                "detail_url": absolute_url(
                    request, router.get_object_detail_urlpath(Page, item.pk)
                ),
            }
            for item in translations
        ]


def nested_page_representation(field, value):
    """A parent or alias page as Wagtail nests it, with this module's URL fields."""
    serializer_class = get_serializer_class(
        value.__class__,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PublicPageSerializer,
    )
    return serializer_class(context=field.context).to_representation(value)


class PublicPageParentField(PageParentField):
    def to_representation(self, value):
        return nested_page_representation(self, value)


class PublicPageAliasOfField(PageAliasOfField):
    def to_representation(self, value):
        return nested_page_representation(self, value)


class PublicPageSerializer(PageSerializer):
    """A page item as the public API shows it. Each item's representation is kept as a shared
    fragment (:func:`cems_pages.cache.public_fragment`) per page, page class, set of fields,
    scheme, host, ``?site=`` and language, under the public cache's generation: publish, unpublish, move,
    deletion, a view restriction or a controlled document's save drops it. Only live public
    pages reach it (the viewset's queryset), so what is kept is what anyone may read."""

    detail_url = RequestDetailUrlField(read_only=True)
    html_url = RequestHtmlUrlField(read_only=True)
    parent = PublicPageParentField(read_only=True)
    alias_of = PublicPageAliasOfField(read_only=True)
    translations = PageTranslationsField()

    def fragment_parts(self, instance) -> tuple:
        """What the kept representation of ``instance`` depends on; issues no query."""
        return item_fragment_parts(self, type(instance), instance.pk)

    def to_representation(self, instance):
        if self.context.get("request") is None:
            return super().to_representation(instance)
        build = super().to_representation
        return public_fragment("api-page", self.fragment_parts(instance), lambda: build(instance))


def item_fragment_parts(serializer, model, pk) -> tuple:
    """The parts of the kept representation of the page ``pk`` read as ``model`` by
    ``serializer``: page class, id, fields, scheme, host, ``?site=``, language. The parts
    shared by every item are computed once per serializer; issues no query."""
    common = getattr(serializer, "_cems_fragment_common", None)
    if common is None:
        request = serializer.context["request"]
        common = serializer._cems_fragment_common = (
            tuple(serializer.fields),
            request.scheme,
            request.get_host(),
            request.GET.get("site", ""),
            translation.get_language(),
        )
    return (model._meta.label_lower, pk, *common)


class PublicPageListSerializer(ListSerializer):
    """A listing's page items read from the shared fragments in one cache call
    (:func:`cems_pages.cache.public_fragments`). Their ids are read first: when every item is
    kept, the pages themselves are never loaded; otherwise the items not kept are built by
    :class:`PublicPageSerializer` and kept together."""

    def to_representation(self, data):
        child = self.child
        if self.context.get("request") is None:
            return super().to_representation(data)
        if isinstance(data, QuerySet):
            pks = list(data.values_list("pk", flat=True))
            parts = [item_fragment_parts(child, data.model, pk) for pk in pks]
            kept = kept_fragments("api-page", parts)
            if kept is not None:
                return kept
        items = list(data.all() if isinstance(data, BaseManager) else data)
        build = super(PublicPageSerializer, child).to_representation
        return public_fragments(
            "api-page",
            [child.fragment_parts(item) for item in items],
            lambda index: build(items[index]),
        )


class SubstringSearchFilter(BaseFilterBackend):
    """``?search=``: the site search's substring match over title and page text.

    Wagtail's search backends treat a run of Han characters as one token, so ``锅炉`` never
    matches 燃煤锅炉房; this filter does what the public search page does. An empty query
    matches nothing.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"].strip()[:MAX_SEARCH_LENGTH]
        if not query:
            return queryset.none()
        return queryset.filter(search_match_q(query))


def restricted_pages_q() -> Q:
    """Q matching every page under a view restriction (and its descendants), whoever asks."""
    restricted = Q()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        restricted |= Q(path__startswith=path)
    return restricted


def site_public_scope(site: Site) -> tuple[list[str], list[str]]:
    """``(root paths, restricted paths)``: the tree paths of ``site``'s root page in every
    language and of every page under a view restriction. A shared fragment per site under the
    public cache's generation (a restriction, a site or a locale changed, a page moved or
    published raise it); two queries when built, none while kept."""

    def build() -> tuple[list[str], list[str]]:
        root = site.root_page
        roots = [root.path, *root.get_translations().values_list("path", flat=True)]
        restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        return roots, restricted

    return public_fragment("api-site-scope", (site.pk,), build)


class PublicPagesAPIViewSet(RequestUrlFindMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint limited to what anonymous visitors may read."""

    base_serializer_class = PublicPageSerializer
    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        SubstringSearchFilter,
    ]
    meta_fields = [*PagesAPIViewSet.meta_fields, "translations"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "translations"]

    def get_base_queryset(self):
        """Live pages of the requested site (``?site=``, else the request's) in every language,
        minus every page under a view restriction (whoever asks) and the internal and withdrawn
        documents. Built once a request (it is asked for several times: listing, serializer,
        translations, filters); the site's root paths and the restricted paths are a shared
        fragment (:func:`site_public_scope`)."""
        if getattr(self, "_public_base", None) is None:
            try:
                site = SiteFilterValidator(
                    site=self.request.GET.get("site"), request=self.request
                ).site_obj
            except ValueError as error:
                raise BadRequestError(str(error)) from error
            queryset = Page.objects.live()
            if site is None:
                queryset = queryset.none()
            else:
                roots, restricted = site_public_scope(site)
                in_site = Q()
                for path in roots:
                    in_site |= Q(path__startswith=path)
                queryset = queryset.filter(in_site)
                for path in restricted:
                    queryset = queryset.exclude(path__startswith=path)
            self._public_base = exclude_hidden(queryset)
        return self._public_base.all()

    def get_queryset(self):
        # every item shows meta.locale: read with the pages, not once per item
        return super().get_queryset().select_related("locale")

    def get_serializer_class(self):
        # a listing reads its items' kept representations in one cache call
        serializer_class = super().get_serializer_class()
        serializer_class.Meta.list_serializer_class = PublicPageListSerializer
        return serializer_class

    def find_object(self, queryset, request):
        if "html_path" not in request.GET:
            return BaseAPIViewSet.find_object(self, queryset, request)
        page = page_for_html_path(request, request.GET["html_path"])
        if page is not None and queryset.filter(pk=page.pk).exists():
            return page
        return None


def page_for_html_path(request, html_path: str) -> Page | None:
    """The live page the public site serves at ``html_path`` (``/en/policy/``, or a full URL);
    ``None`` when there is none. A path without a language prefix is read in the default
    language. Access is not checked here."""
    components = [part for part in urlsplit(html_path).path.split("/") if part]
    codes = {code for code, _name in settings.LANGUAGES}
    language = settings.LANGUAGE_CODE
    if components and components[0] in codes:
        language = components.pop(0)
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and root.locale_id != locale.pk:
        root = root.get_translation_or_none(locale)
        if root is None:
            return None
    try:
        page, _args, _kwargs = root.specific.route(request, components)
    except Http404:
        return None
    return page


def restricted_collections_q() -> Q:
    """Q matching every item of a collection under a view restriction, whoever asks."""
    restricted = Q()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        restricted |= Q(collection__path__startswith=path)
    return restricted


class RequestDocumentDownloadUrlField(DocumentDownloadUrlField):
    openapi_schema = {"type": "string", "format": "uri"}

    def to_representation(self, document):
        return absolute_url(self.context["request"], document.url)


class PublicDocumentSerializer(DocumentSerializer):
    detail_url = RequestDetailUrlField(read_only=True)
    download_url = RequestDocumentDownloadUrlField(read_only=True)


class PublicDocumentsAPIViewSet(RequestUrlFindMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint minus every restricted collection, whoever asks (the root
    collection holds register evidence and is private: cems_registers migration 0005)."""

    base_serializer_class = PublicDocumentSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        restricted = restricted_collections_q()
        return queryset.exclude(restricted) if restricted else queryset


class ImageRenditionsField(Field):
    """``renditions``: ``{filter spec: {url, full_url, width, height, alt}}`` for each spec of
    :data:`IMAGE_RENDITIONS` (Wagtail's ``ImageRenditionField``), URLs absolute."""

    openapi_schema = {
        "type": "object",
        "properties": {
            spec: {
                "type": "object",
                "properties": {
                    "url": {"type": "string"},
                    "full_url": {"type": "string", "format": "uri"},
                    "width": {"type": "integer"},
                    "height": {"type": "integer"},
                    "alt": {"type": "string"},
                    "error": {"type": "string"},
                },
            }
            for spec in IMAGE_RENDITIONS
        },
        "required": list(IMAGE_RENDITIONS),
    }

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, image):
        request = self.context["request"]
        renditions = {}
        for spec in IMAGE_RENDITIONS:
            data = dict(ImageRenditionField(spec).to_representation(image))
            if "url" in data:
                data["full_url"] = absolute_url(request, data["url"])
            renditions[spec] = data
        return renditions


class PublicImageSerializer(ImageSerializer):
    detail_url = RequestDetailUrlField(read_only=True)
    renditions = ImageRenditionsField()


class PublicImagesAPIViewSet(RequestUrlFindMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint minus every restricted collection, whoever asks; every image
    with its renditions (``renditions``, in the detail view and with ``?fields=renditions``)."""

    base_serializer_class = PublicImageSerializer
    body_fields = [*ImagesAPIViewSet.body_fields, "renditions"]

    def get_queryset(self):
        queryset = super().get_queryset()
        restricted = restricted_collections_q()
        return queryset.exclude(restricted) if restricted else queryset
