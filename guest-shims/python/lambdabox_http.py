"""urllib.request over the lambdabox host: the sandbox has no sockets, so `http:`/`https:`
requests become the stdio transport's `http` message (wit/stdio-transport.md). The host checks
the destination against the function's allowed outbound hosts, follows redirects (each hop
re-checked) and caps the time; a refusal raises URLError with the host's message, which names
the `--allow-net` flag that would allow it.

The bootstrap calls `install(exchange)` once, where `exchange(message: dict) -> dict` writes the
framed message and returns the host's reply line. urllib.request is patched only when the
handler imports it.
"""

import sys

_exchange = None


def install(exchange):
    global _exchange
    _exchange = exchange
    module = sys.modules.get("urllib.request")
    if module is not None:
        _patch(module)
    else:
        sys.meta_path.insert(0, _PatchOnImport())


class _PatchOnImport:
    """Finds nothing itself; wraps the real loader of urllib.request to patch it once loaded."""

    def find_spec(self, name, path=None, target=None):
        if name != "urllib.request":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        # A wrapper, not a patched loader: a zipimporter loads the whole stdlib.
        spec.loader = _PatchingLoader(spec.loader)
        return spec


class _PatchingLoader:
    def __init__(self, real):
        self.real = real

    def create_module(self, spec):
        return self.real.create_module(spec)

    def exec_module(self, module):
        self.real.exec_module(module)
        _patch(module)


def _perform(request, url_error):
    import base64

    data = request.data
    if data is None:
        body = b""
    elif isinstance(data, (bytes, bytearray, memoryview)):
        body = bytes(data)
    elif hasattr(data, "read"):
        body = data.read()
    else:
        body = b"".join(bytes(chunk) for chunk in data)
    if isinstance(body, str):
        body = body.encode("utf-8")
    reply = _exchange(
        {
            "type": "http",
            "method": request.get_method(),
            "url": request.full_url,
            "headers": [[k, str(v)] for k, v in request.header_items()],
            "body": base64.b64encode(body).decode("ascii"),
        }
    )
    if reply.get("type") != "httpResponse":
        raise url_error(reply.get("message") or "the host refused the request")
    return reply, base64.b64decode(reply.get("body") or "")


def _response(reply, body, request):
    import http.client
    import io
    import urllib.response

    headers = http.client.HTTPMessage()
    for name, value in reply.get("headers") or []:
        headers[name] = value  # appends: repeated headers stay separate
    response = urllib.response.addinfourl(
        io.BytesIO(body), headers, reply.get("url") or request.full_url, reply["status"]
    )
    response.msg = http.client.responses.get(reply["status"], "")
    response.reason = response.msg
    return response


def _patch(module):
    def host_open(self, request):
        if _exchange is None:
            raise module.URLError("this sandbox has no network")
        reply, body = _perform(request, module.URLError)
        return _response(reply, body, request)

    module.HTTPHandler.http_open = host_open
    if hasattr(module, "HTTPSHandler"):
        module.HTTPSHandler.https_open = host_open
    else:
        # CPython without `ssl` has no HTTPSHandler; the host does TLS, so add one.
        class HTTPSHandler(module.AbstractHTTPHandler):
            https_open = host_open
            https_request = module.AbstractHTTPHandler.do_request_

        module.HTTPSHandler = HTTPSHandler
        build_opener = module.build_opener

        def build_opener_with_https(*handlers):
            return build_opener(HTTPSHandler, *handlers)

        module.build_opener = build_opener_with_https
    module._opener = None
