import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")
application = get_wsgi_application()

if os.environ.get("WSGI_WARM_UP", "true").lower() not in {"0", "false", "no", "off"}:
    # Before the first request, not in it (coalition/warmup.py): once in gunicorn's master when
    # the app is preloaded, else in each worker as it boots.
    from coalition.warmup import warm_up

    warm_up()
