from django.http import HttpResponse
from django.urls import path

from qser_site.urls import urlpatterns as site_urlpatterns


def floor(request):
    """The floor: a bare Django view with a fixed short answer, through the same middleware and server."""
    return HttpResponse(b"floor", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), *site_urlpatterns]
