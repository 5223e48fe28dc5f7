"""A WSGI app that uwsgi's python3 plugin loads: it returns a greeting for every request."""
import os


def application(environ, start_response):
    """Return the greeting set by GREETING in ENV, or with `config:set python-wsgi GREETING=...`."""
    body = f"python-wsgi: {os.environ.get('GREETING', 'no GREETING set')}\n".encode()
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
