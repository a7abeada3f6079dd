"""A real HTTP server for the benchmark: `web.create_app()` on werkzeug's threaded
server (gunicorn is not installed). DATABASE_URL comes from the environment.

    python -m tests.bench.server PORT
"""

from __future__ import annotations

import logging
import sys

from werkzeug.serving import run_simple

from web import create_app


def main() -> None:
    port = int(sys.argv[1])
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    run_simple("127.0.0.1", port, create_app(), threaded=True)


if __name__ == "__main__":
    main()
