"""The patches lambdabox_http.py applies, loaded only when a handler imports `socket`,
`http.client` or `urllib.request` (compiling this file costs every start that loads it).

urllib.request and http.client requests become the stdio transport's `http` message
(wit/stdio-transport.md). The host checks the destination against the function's allowed
outbound hosts, caps the time and, for urllib, follows redirects (each hop re-checked);
http.client gets 3xx responses as they are, as it would from a server. A refusal carries the
host's message, which names the `--allow-net` flag that would allow it. Raw sockets
(`socket.create_connection`, `socket.socket()`) fail with an OSError saying so.
"""

import io  # loaded by the interpreter's start-up already

# `exchange(message: dict) -> dict`: writes the framed message, returns the host's reply line.
_exchange = None

RAW_SOCKETS = (
    "lambdabox: raw sockets are not available in the sandbox, not even to allowed hosts ({what}); "
    "make HTTP(S) requests with urllib.request or http.client: the host performs them for "
    "destinations allowed with `--allow-net HOST[:PORT]` or "
    "custom.lambdabox.allowedOutboundHosts in serverless.yml"
)


def set_exchange(exchange):
    global _exchange
    _exchange = exchange


def patch(name, module):
    """Patch the freshly loaded module `name`."""
    _PATCHES[name](module)


# --- urllib.request ------------------------------------------------------------------------


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
    message = {
        "type": "http",
        "method": request.get_method(),
        "url": request.full_url,
        "headers": [[k, str(v)] for k, v in request.header_items()],
        "body": base64.b64encode(body).decode("ascii"),
    }
    timeout_ms = _timeout_ms(getattr(request, "timeout", None))
    if timeout_ms is not None:
        message["timeoutMs"] = timeout_ms
    reply = _exchange(message)
    if reply.get("type") != "httpResponse":
        raise url_error(reply.get("message") or "the host refused the request")
    return reply, base64.b64decode(reply.get("body") or "")


def _timeout_ms(timeout):
    """A socket-style timeout in seconds as the message's `timeoutMs` (None: no own timeout)."""
    if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and timeout >= 0:
        return int(timeout * 1000)
    return None


def _response(reply, body, request):
    import http.client
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


def _patch_urllib_request(module):
    def host_open(self, request):
        if _exchange is None:
            raise module.URLError("this sandbox has no network")
        reply, body = _perform(request, module.URLError)
        if reply.get("url"):
            # The host followed the redirects; urllib reports errors against request.full_url,
            # which after its own redirects would be the last hop's.
            request.full_url = reply["url"]
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


# --- http.client ---------------------------------------------------------------------------
#
# http.client itself formats the request and parses the response; only its socket is replaced.
# `connect()` installs a _HostSocket that collects what http.client sends; when getresponse()
# reads the response, the collected request goes to the host as one `http` message and the
# host's answer is replayed as an HTTP/1.1 response.


def _patch_http_client(module):
    def connect(self):
        self.sock = _HostSocket(self)

    module.HTTPConnection.connect = connect
    module.HTTPConnection._lambdabox_scheme = "http"
    https = getattr(module, "HTTPSConnection", None)
    if https is None:
        # CPython without `ssl` has no HTTPSConnection; the host does TLS, so add one.
        class HTTPSConnection(module.HTTPConnection):
            default_port = module.HTTPS_PORT

            def __init__(self, host, port=None, *, timeout=module.socket._GLOBAL_DEFAULT_TIMEOUT,
                         source_address=None, context=None, blocksize=8192):
                super().__init__(host, port, timeout, source_address, blocksize=blocksize)
                self._context = context

        HTTPSConnection.__module__ = module.__name__
        module.HTTPSConnection = https = HTTPSConnection
        module.__all__.append("HTTPSConnection")
        # urllib.request's HTTPSHandler, defined now that HTTPSConnection exists, asks for an
        # ssl context; there is none to give (the host verifies certificates).
        module._create_https_context = lambda http_version: None
    https.connect = connect
    https._lambdabox_scheme = "https"


class _HostSocket:
    """The socket of a host-backed HTTPConnection: collects one request, answers it through the
    host when http.client reads the response."""

    def __init__(self, conn):
        self.conn = conn
        self.sent = bytearray()

    def sendall(self, data):
        self.sent += data

    def setsockopt(self, *args):
        pass

    def settimeout(self, timeout):
        self.conn.timeout = timeout

    def close(self):
        self.sent = bytearray()

    def makefile(self, mode="rb", *args, **kwargs):
        request, self.sent = bytes(self.sent), bytearray()
        try:
            return io.BytesIO(_exchange_raw(self.conn, request))
        except OSError as e:
            return _Failing(e)


class _Failing(io.BytesIO):
    """A response stream that raises the request's error where http.client reads the status
    line (a ConnectionError there closes the connection, as a refused connect would)."""

    def __init__(self, error):
        super().__init__()
        self.error = error

    def readline(self, *args):
        raise self.error

    read = readinto = read1 = peek = readline


def _exchange_raw(conn, request):
    """Send the request bytes http.client produced through the host; the reply as response
    bytes. Raises an OSError subclass when the host refuses or fails."""
    import base64

    head, _, body = request.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").replace("\r\n\t", " ").replace("\r\n ", " ").split("\r\n")
    method, target, _ = (lines[0].split(" ", 2) + ["", ""])[:3]
    headers = []
    chunked = False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name, value = name.strip(), value.strip()
        if name.lower() == "transfer-encoding":
            chunked = "chunked" in value.lower()
            continue
        headers.append([name, value])
    if chunked:
        body = _dechunk(body)
    if target.startswith(("http://", "https://")):
        url = target  # absolute form (proxy style): the host checks that destination
    else:
        # Through a tunnel (set_tunnel), the tunnel's end is the destination.
        host, port = conn.host, conn.port
        if getattr(conn, "_tunnel_host", None):
            host, port = conn._tunnel_host, conn._tunnel_port or conn.default_port
        host = host if ":" not in host else f"[{host}]"
        url = f"{conn._lambdabox_scheme}://{host}:{port}{target}"
    if _exchange is None:
        raise _connection_error("this sandbox has no network")
    message = {
        "type": "http",
        "method": method,
        "url": url,
        "headers": headers,
        "body": base64.b64encode(body).decode("ascii"),
        "redirect": "manual",
    }
    timeout = conn.timeout
    if not isinstance(timeout, (int, float)):
        import socket

        timeout = socket.getdefaulttimeout()
    timeout_ms = _timeout_ms(timeout)
    if timeout_ms is not None:
        message["timeoutMs"] = timeout_ms
    reply = _exchange(message)
    if reply.get("type") != "httpResponse":
        raise _connection_error(reply.get("message") or "the host refused the request")
    return _response_bytes(method, reply, base64.b64decode(reply.get("body") or ""))


def _dechunk(data):
    out = bytearray()
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += data[:size]
        data = data[size + 2 :]
    return bytes(out)


def _response_bytes(method, reply, body):
    """The host's reply as an HTTP/1.1 response: the body as received (not chunked), its
    length in Content-Length (except for HEAD and 304, whose length is the server's)."""
    import http.client

    status = int(reply["status"])
    keep_length = method.upper() == "HEAD" or status == 304
    lines = [f"HTTP/1.1 {status} {http.client.responses.get(status, '')}"]
    for name, value in reply.get("headers") or []:
        lower = name.lower()
        if lower == "transfer-encoding" or (lower == "content-length" and not keep_length):
            continue
        lines.append(f"{name}: {value}")
    if not keep_length:
        lines.append(f"content-length: {len(body)}")
        data = body
    else:
        data = b""
    head = "\r\n".join(lines) + "\r\n\r\n"
    return head.encode("utf-8", "surrogateescape") + data


def _connection_error(message):
    """The OSError http.client raises for what the host reports."""
    import errno

    if "timed out" in message:
        return _os_error(TimeoutError, errno.ETIMEDOUT, message)
    if message.startswith("cannot resolve"):
        import socket

        return _os_error(socket.gaierror, socket.EAI_NONAME, message)
    return _os_error(ConnectionRefusedError, errno.ECONNREFUSED, message)


def _os_error(cls, code, message):
    """`cls` with `errno` set and `str()` the message alone (no "[Errno N]" before it)."""
    error = cls(message)
    error.errno = code
    return error


# --- socket --------------------------------------------------------------------------------


def _patch_socket(module):
    import errno

    def create_connection(address, *args, **kwargs):
        host, port = address[0], address[1]
        raise _os_error(
            ConnectionRefusedError,
            errno.ECONNREFUSED,
            RAW_SOCKETS.format(what=f"connect to {host}:{port}"),
        )

    def resolve(host, *args, **kwargs):
        raise _os_error(
            module.gaierror, module.EAI_FAIL, RAW_SOCKETS.format(what=f"name lookup of {host}")
        )

    socket_init = module.socket.__init__

    def refuse_new_sockets(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None:
            raise _os_error(
                PermissionError, errno.EACCES, RAW_SOCKETS.format(what="socket.socket()")
            )
        socket_init(self, family, type, proto, fileno)

    module.create_connection = create_connection
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(module, name, resolve)
    module.socket.__init__ = refuse_new_sockets


_PATCHES = {
    "socket": _patch_socket,
    "http.client": _patch_http_client,
    "urllib.request": _patch_urllib_request,
}
