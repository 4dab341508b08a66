"""Gunicorn settings for the web process (Procfile `web`, docs/deploy.md).

Every value can be changed from the environment without editing this file. Sync workers: each
request is handled by one process, so a web node's capacity is its worker count; put a buffering
reverse proxy (nginx, a cloud load balancer) in front so slow clients never hold a worker.
"""

from __future__ import annotations

import multiprocessing
import os

# Where to listen. Behind a proxy on the same host keep it on loopback (or a Unix socket,
# "unix:/run/coalition/gunicorn.sock"); the default is `make serve-prod`'s port.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8100")

# (2 x cores) + 1, gunicorn's own rule of thumb for sync workers: while one process waits on
# PostgreSQL or Redis another uses the core. Capped, because each worker holds its own database
# connection (with DB_CONN_MAX_AGE > 0) and about 100-150 MB of memory.
_cores = multiprocessing.cpu_count()
workers = int(
    os.environ.get("WEB_CONCURRENCY") or min(2 * _cores + 1, int(os.environ.get("WEB_MAX", 12)))
)
worker_class = "sync"

# A request still running after this many seconds is killed (its worker restarted) and the
# client gets a 502 from the proxy. No page should come near it: the database answers in
# milliseconds, the broker and the cache have their own short timeouts, and mail goes through the
# outbox. It is the last line against a hung dependency, not a budget.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# On SIGTERM (a deploy, `honcho` stopping) workers finish the request in hand for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# Keep-alive with the proxy in front; slightly more than nothing so the proxy can reuse sockets.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))

# Recycle each worker after about this many requests, so a slow leak (in our code or a library)
# never grows without bound; the jitter keeps them from all restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 100))

# Not preloaded: each worker imports the app itself after the fork. Start-up costs a little more
# memory, but `kill -HUP <master>` then reloads new code (a deploy without dropping requests) and
# no worker inherits a socket the master happened to open.
preload_app = False

# The worker heartbeat file on tmpfs: on a container's overlay disk a blocked write would make
# the master think the worker hung.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's advice

# One access-log line a request on stdout (the process manager collects it), with the time taken
# in milliseconds (%(M)s) and the client address as seen by gunicorn (the proxy, behind one).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# The master's pid, so scripts (and `kill -HUP`) can find it.
_var_dir = os.environ.get("COALITION_VAR_DIR")
pidfile = os.path.join(_var_dir, "gunicorn.pid") if _var_dir else None
proc_name = "coalition-web"
