"""Parts of pages kept in Django's cache for every reader, signed in or not, under the generation of home/cache.py.

The anonymous response cache (home/cache.py) never serves a signed-in reader: the page carries their name, their
links and a CSRF token. What is the same for everyone is kept here instead, part by part: a guide's rendered body
(per page revision and language), a practice's body, the navigation and the footer's links (per site and
language), the language switcher of a page, the previous and next guide, the workflow's tasks. Only the personal
parts (the account links, messages, what waits for the reader) are rendered on each request.

Invalidation is the generation's: every part is stored with the generation current when it was computed and is
used only while that generation lasts. Whatever can change a part starts a new one once its transaction commits:
a publish, unpublish, move or delete of a page, a translation's new alias (qser_site/signals.py), and, below, the
snippets and settings the parts show (tags, the operator's settings) and the workflow's tasks. The generation lives
in the shared cache (Redis in production), so every app server sees it at once. Keys also carry the revision and
the language, so two revisions or two languages never share an entry.

A part is read once per request at most: the request keeps what it read (`request._qser_parts`). And a GET reads
the parts its address used the last time in one round trip to the cache, at its start (CachedSiteMiddleware: the
address's list of parts, kept a day, is a hint; a part read that way still counts only under the current
generation), rather than one round trip per part.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import Http404
from django.utils.translation import get_language

from home.cache import GENERATION_KEY, generation, release, start_new_generation

PREFIX = "qser:part:"


def key_of(name, parts):
    text = ":".join(str(part) for part in parts)
    if len(text) > 150:
        # Memcached limits keys to 250 characters; a path or a query string may be long.
        text = hashlib.sha256(text.encode()).hexdigest()
    # The release's fingerprint: a deploy's new templates, code or translations never show what the old rendered.
    return f"{PREFIX}{release()}:{name}:{text}"


def remembered(name, parts, compute, request=None):
    """`compute()`, kept under the current generation for the name and the parts (a revision, a language, a host);
    computed again only when the generation has changed since it was stored."""
    key = key_of(name, parts)
    memo = getattr(request, "_qser_parts", None) if request is not None else None
    used = getattr(request, "_qser_used", None) if request is not None else None
    if used is not None and key not in used:
        used.append(key)
    if memo is not None and key not in memo and getattr(request, "_qser_ahead", None):
        _read_the_rest_ahead(request, memo)
    if memo is not None and key in memo:
        return memo[key]
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY) or generation()
    stored_generation, value = found.get(key, (None, None))
    if stored_generation != current:
        value = compute()
        # Stored with the generation read before computing: one started meanwhile makes it stale at once.
        cache.set(key, (current, value), timeout=None)
    if request is not None:
        if memo is None:
            memo = request._qser_parts = {}
        memo[key] = value
    return value


def _read_the_rest_ahead(request, memo):
    """The parts the address listed, but the site's, in one round trip: at the first part the request asks for
    after the site (a response from the anonymous cache asks for none, and pays nothing more)."""
    current, keys = request._qser_ahead
    request._qser_ahead = None
    for key, entry in cache.get_many(keys).items():
        if entry and entry[0] == current:
            memo.setdefault(key, entry[1])


def remembered_html(name, parts, render, request=None):
    """A rendered part of a page, in the current language: the template's safe string, kept as it is (a SafeString
    pickles as one)."""
    return remembered(name, [get_language(), *parts], render, request)


def renew(**kwargs):
    start_new_generation()
    transaction.on_commit(start_new_generation)


def connect_receivers():
    """What the parts show besides pages (qser_site/signals.py renews on those): tags (a practice's, the practices
    list's facets), the operator's settings (the information pages' blocks) and the workflow's tasks (what waits
    for a reviewer)."""
    # Models load after the app registry is ready (called from HomeConfig.ready).
    from taggit.models import Tag
    from wagtail.models import GroupApprovalTask, Task, Workflow, WorkflowTask

    from home.site_settings import OperatorSettings

    for model in (Tag, OperatorSettings, Workflow, WorkflowTask):
        post_save.connect(renew, sender=model, dispatch_uid=f"qser-part-save-{model.__name__}")
        post_delete.connect(renew, sender=model, dispatch_uid=f"qser-part-delete-{model.__name__}")
    m2m_changed.connect(renew, sender=GroupApprovalTask.groups.through, dispatch_uid="qser-part-task-groups")

    def on_task(sender, instance, **kwargs):
        if isinstance(instance, Task):
            renew()

    post_save.connect(on_task, dispatch_uid="qser-part-task-save", weak=False)
    post_delete.connect(on_task, dispatch_uid="qser-part-task-delete", weak=False)


class CachedSiteMiddleware:
    """Wagtail's site for the request (`Site.find_for_request`), kept per host and port under the generation, which
    a change to a site or a move of its root renews: Wagtail otherwise asks the database on every request that
    links a page. Wagtail keeps the site it found on the request, as `_wagtail_site`; this fills it first."""

    LEFT_TO_WAGTAIL = ("/api/", "/healthz", "/readyz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Loaded at the first request: middleware is imported while the settings load, before the app registry.
        from django.http.request import split_domain_port
        from wagtail.models import Site

        if request.path_info.startswith(self.LEFT_TO_WAGTAIL):
            # The APIs ask for the site where they need it (the schema's endpoint never does): left to Wagtail. The
            # health probes touch neither the database nor the cache beyond what they check (qser_site/health.py).
            return self.get_response(request)
        # As Wagtail's own lookup, from the raw host: ALLOWED_HOSTS is checked where a view asks for the host.
        hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
        manifest = None
        if request.method in ("GET", "HEAD"):
            address = [hostname, port, get_language(), request.get_full_path()]
            manifest, listed = self.read_ahead(request, address, key_of("site", [hostname, port]))
        request._wagtail_site = remembered("site", [hostname, port], lambda: Site._find_for_request(request), request)
        response = self.get_response(request)
        # Written when the request used a part the list lacks, never to shorten it: a response from the anonymous
        # cache uses none, and must not undo the list of a signed-in reader's request.
        if manifest is not None and not set(request._qser_used) <= set(listed):
            cache.set(
                manifest, [*listed, *(key for key in request._qser_used if key not in listed)], self.MANIFEST_SECONDS
            )
        return response

    MANIFEST_SECONDS = 24 * 60 * 60

    @staticmethod
    def read_ahead(request, address, site_key):
        """The parts this address used the last time, kept on the request for `remembered` (those stored under the
        current generation only): the generation, the site and the address's list in one round trip, the other
        parts listed in a second one when the first of them is asked for (none for a page that shows none, e.g.
        bench/urls.py's floor, or one served from the anonymous response cache). Returns the key of the address's
        list and the list read."""
        manifest = key_of("parts-of", address)
        found = cache.get_many([GENERATION_KEY, manifest, site_key])
        current = found.get(GENERATION_KEY) or generation()
        listed = found.get(manifest) or []
        entry = found.get(site_key)
        request._qser_parts = {site_key: entry[1]} if entry and entry[0] == current else {}
        request._qser_ahead = (current, [key for key in listed if key != site_key])
        request._qser_used = []
        return manifest, listed


class CachedRouteMiddleware:
    """Which page a path of the site leads to, kept per site, language and path under the generation: Wagtail's
    routing otherwise reads each page of the path and its specific row again on every request (the language's
    root, each section, the page: six queries for a guide). What is kept is the page's id, its type and how
    many of the path's parts lead to it; the page itself is read fresh (one query), and its own `route` handles
    the rest of the path (a routable page's sub-URL, e.g. forms/mine/), so a page's live state and fields are
    never the cache's. A move, a publish (a new slug), an unpublish or a delete starts a new generation; a path
    that leads nowhere is not kept. Wagtail keeps the route it found on the request, as
    `_wagtail_route_for_request` (`Page.route_for_request`); this fills it first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Loaded at the first request, as above.
        from wagtail import views as wagtail_views

        if view_func is not wagtail_views.serve or hasattr(request, "_wagtail_route_for_request"):
            return None
        site = getattr(request, "_wagtail_site", None)
        if site is None:
            return None  # left to Wagtail (no site for this host)
        # Wagtail's URL pattern passes the path positionally.
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        components = [component for component in path.split("/") if component]
        found = {}

        def find():
            root = site.root_page.localized.specific
            found["route"] = route = root.route(request, components)  # Http404 leaves nothing kept
            page = route[0]
            return (page.pk, page.content_type_id, page.depth - root.depth)

        key = [site.pk, get_language(), "/".join(components)]
        try:
            where = remembered("route", key, find, request)
        except Http404:
            # A path that leads nowhere is not kept (any address may be asked for): Wagtail answers it.
            request._wagtail_route_for_request = None
            return None
        if "route" in found:
            request._wagtail_route_for_request = found["route"]
        else:
            request._wagtail_route_for_request = _route_from(request, where, components)
        return None


def _route_from(request, where, components):
    # Models load after the app registry is ready; this module is imported while the settings load (middleware).
    from django.contrib.contenttypes.models import ContentType

    page_id, content_type_id, consumed = where
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id).first() if model is not None else None
    if page is None:
        return None
    try:
        return page.route(request, components[consumed:])
    except Http404:
        return None
