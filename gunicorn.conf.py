"""gunicorn's settings for the API: `gunicorn -c gunicorn.conf.py wsgi:app`.

Each worker process runs threads, so a request waiting on the database holds one
thread, not a whole process. The worker is gunicorn's threaded one (gthread) made to
read each request's head in its event loop before the request takes a thread (see
web/serving.py): clients that trickle their headers hold sockets, never threads, and
are answered 408 after GUNICORN_HEADER_TIMEOUT seconds (default 10).

Every setting can be changed through the environment variable named beside it, or
on the command line (which wins).
"""

import os


def _number(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _number("WEB_CONCURRENCY", 4)
worker_class = "web.serving.HeadFirstWorker"  # gthread, reading heads first
threads = _number("GUNICORN_THREADS", 8)
# Open connections a worker keeps, idle or busy; beyond it, new ones wait to be accepted.
worker_connections = _number("GUNICORN_CONNECTIONS", 1000)
# A worker silent this long (seconds) is restarted; seconds to finish on a restart.
timeout = _number("GUNICORN_TIMEOUT", 30)
graceful_timeout = _number("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection is kept open for its next request.
keepalive = _number("GUNICORN_KEEPALIVE", 5)
# The request line (a GET's query string included) and the headers: no request of
# this API needs more; anything longer is refused (400) before the app sees it.
limit_request_line = _number("GUNICORN_LIMIT_REQUEST_LINE", 4094)
limit_request_fields = _number("GUNICORN_LIMIT_REQUEST_FIELDS", 50)
limit_request_field_size = _number("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", 8190)


def child_exit(server, worker):  # noqa: ARG001 (gunicorn's hook signature)
    """A worker's metrics outlive it in PROMETHEUS_MULTIPROC_DIR: mark its gauges dead."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
