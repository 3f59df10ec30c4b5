from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists one locale's tree; this one lists every language's pages, each with
    its translations as `hreflang` alternates (computed once, not per page)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        return (
            Page.objects.live()
            .public()
            .filter(depth__gte=root.depth, path__startswith=root.path[: Page.steplen * (root.depth - 1)])
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        # The specific pages come without their locale; each URL needs it (its language prefix).
        locales = Locale.objects.in_bulk()
        alternates = defaultdict(list)
        for item in items:
            item.locale = locales[item.locale_id]
            alternates[item.translation_key].append(
                {"lang_code": item.locale.language_code, "location": item.get_full_url(self.request)}
            )
        urls = []
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = alternates[item.translation_key]
                urls.append(url_info)
        self.latest_lastmod = max((u["lastmod"] for u in urls if u.get("lastmod")), default=None)
        return urls
