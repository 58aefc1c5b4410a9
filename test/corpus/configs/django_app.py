"""
A one-file Django 3.2 project for the corpus: a catalogue home page (a class-based view, as most
Django code is) that counts visits in a signed-cookie session. Started with `runserver`;
DJANGO_PRODUCTION=1 applies Django's deployment checklist for a site behind a TLS proxy, otherwise
the settings are a developer's (DEBUG on, cookies without Secure).
"""
import os
import sys

from django.conf import settings

PRODUCTION = os.environ['DJANGO_PRODUCTION'] == '1'

settings.configure(
    DEBUG=not PRODUCTION,
    SECRET_KEY='shipcheck-corpus-only',
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=['127.0.0.1', 'localhost'],
    INSTALLED_APPS=[],
    DATABASES={},
    # startproject's middleware minus what needs a database.
    MIDDLEWARE=[
        'django.middleware.security.SecurityMiddleware',
        'django.contrib.sessions.middleware.SessionMiddleware',
        'django.middleware.common.CommonMiddleware',
        'django.middleware.clickjacking.XFrameOptionsMiddleware',
        *([f'{__name__}.content_security_policy'] if PRODUCTION else []),
    ],
    SESSION_ENGINE='django.contrib.sessions.backends.signed_cookies',
    **(
        {
            'SECURE_HSTS_SECONDS': 63072000,
            'SECURE_HSTS_INCLUDE_SUBDOMAINS': True,
            'SECURE_HSTS_PRELOAD': True,
            'SECURE_PROXY_SSL_HEADER': ('HTTP_X_FORWARDED_PROTO', 'https'),
            'SESSION_COOKIE_SECURE': True,
            'CSRF_COOKIE_SECURE': True,
        }
        if PRODUCTION
        else {}
    ),
)

from django.http import HttpResponse
from django.urls import path
from django.views import View


def content_security_policy(get_response):
    """What django-csp would add: Django 3.2 has no CSP setting of its own."""
    def middleware(request):
        response = get_response(request)
        response['Content-Security-Policy'] = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
        return response
    return middleware


class Home(View):
    def get(self, request):
        request.session['visits'] = request.session.get('visits', 0) + 1
        return HttpResponse('<!doctype html><html><head><title>Catalogue</title></head><body><h1>Catalogue</h1></body></html>')


urlpatterns = [path('', Home.as_view())]

if __name__ == '__main__':
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
