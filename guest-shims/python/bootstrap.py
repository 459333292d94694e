"""lambdabox's Python bootstrap: runs one Lambda handler inside CPython (WASI) and talks to the
host with the stdio transport (wit/stdio-transport.md).

Semantics follow the AWS Python runtime (awslambdaric): handler `path/module.function`, the
task root first on sys.path, a snake_case context object, the Lambda log format, error documents
with `Runtime.*` types for import problems.

Start-up is the cost users feel on every `invoke local`, so this file imports nothing beyond
what the interpreter has already loaded with `-S`: JSON goes through the C accelerator `_json`
directly (the `json` package pulls in `re`), `logging` is configured only when the handler
imports it, and `traceback` is loaded only to format an error.
"""

import sys

# `posix` is built in and already loaded; `os` is not (it costs an import on every start).
from posix import write as _fd_write

import _json

_BOOTSTRAP_FILE = sys._getframe().f_code.co_filename
_LOG_FORMAT = "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n"
_LOG_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"

# The request being served, for the log format's `aws_request_id` (as in awslambdaric).
_current_request_id = ""


# --- JSON through the C accelerator ----------------------------------------------------------


class _ScanOptions:
    """The attributes `_json.make_scanner` reads: plain `json.loads` behaviour."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}.__getitem__


_scan_once = _json.make_scanner(_ScanOptions())


def _loads(text):
    """`json.loads` for one protocol line."""
    text = text.strip()
    try:
        value, end = _scan_once(text, 0)
    except Exception:
        # The C scanner reports syntax errors through `json.decoder`, which we never import.
        raise ValueError("not valid JSON") from None
    if end != len(text):
        raise ValueError("extra data after the JSON value")
    return value


def _result_default(value):
    """Serverless's `decimal_serializer`: a Decimal becomes an int when integral, else a float."""
    decimal = sys.modules.get("decimal")
    if decimal is not None and isinstance(value, decimal.Decimal):
        if value.is_finite() and value == value.to_integral_value():
            return int(value)
        return float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _no_default(value):
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _encoder(default, allow_nan):
    # Same arguments `json.dumps` passes (separators ", " / ": ", ensure_ascii): identical text.
    return _json.make_encoder(
        {}, default, _json.encode_basestring_ascii, None, ": ", ", ", False, False, allow_nan
    )


# NaN and Infinity are refused: they are not JSON, and the host parses the payload.
_encode_result = _encoder(_result_default, False)
_encode_message = _encoder(_no_default, False)


def _dumps(encode, value):
    return "".join(encode(value, 0))


# --- the context object ----------------------------------------------------------------------

# `--context` keys written the Node way still reach the Python names.
_CONTEXT_ALIASES = {
    "awsRequestId": "aws_request_id",
    "functionName": "function_name",
    "functionVersion": "function_version",
    "invokedFunctionArn": "invoked_function_arn",
    "memoryLimitInMB": "memory_limit_in_mb",
    "logGroupName": "log_group_name",
    "logStreamName": "log_stream_name",
    "clientContext": "client_context",
}


class CognitoIdentity:
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, identity):
        identity = identity if isinstance(identity, dict) else {}
        self.cognito_identity_id = identity.get("cognitoIdentityId")
        self.cognito_identity_pool_id = identity.get("cognitoIdentityPoolId")

    def __repr__(self):
        return (
            f"CognitoIdentity([cognito_identity_id={self.cognito_identity_id},"
            f"cognito_identity_pool_id={self.cognito_identity_pool_id}])"
        )


class Client:
    __slots__ = ("installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name")

    def __init__(self, client):
        for field in self.__slots__:
            setattr(self, field, client.get(field))

    def __repr__(self):
        fields = ",".join(f"{f}={getattr(self, f)}" for f in self.__slots__)
        return f"Client([{fields}])"


class ClientContext:
    __slots__ = ("custom", "env", "client")

    def __init__(self, context):
        self.custom = context.get("custom")
        self.env = context.get("env")
        client = context.get("client")
        self.client = Client(client) if isinstance(client, dict) else client

    def __repr__(self):
        return f"ClientContext([custom={self.custom},env={self.env},client={self.client}])"


class LambdaContext:
    """The `context` argument, with the attributes of the AWS runtime's `LambdaContext`."""

    def __init__(self, fields):
        self.aws_request_id = fields.get("awsRequestId")
        self.log_group_name = fields.get("logGroupName")
        self.log_stream_name = fields.get("logStreamName")
        self.function_name = fields.get("functionName")
        memory = fields.get("memoryLimitInMB")
        # The AWS runtime reads it from the environment: a string.
        self.memory_limit_in_mb = None if memory is None else str(memory)
        self.function_version = fields.get("functionVersion")
        self.invoked_function_arn = fields.get("invokedFunctionArn")
        client_context = fields.get("clientContext")
        self.client_context = ClientContext(client_context) if isinstance(client_context, dict) else None
        self.identity = CognitoIdentity(fields.get("identity"))
        self._deadline_ms = int(fields.get("deadlineMs") or 0)
        user = fields.get("userContext")
        if isinstance(user, dict):
            for key, value in user.items():
                setattr(self, key, value)
                alias = _CONTEXT_ALIASES.get(key)
                if alias is not None:
                    setattr(self, alias, value)

    def get_remaining_time_in_millis(self):
        from time import time

        remaining = self._deadline_ms - int(time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, msg):
        sys.stderr.write(str(msg))

    def __repr__(self):
        return (
            f"LambdaContext([aws_request_id={self.aws_request_id},"
            f"log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},"
            f"function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},"
            f"function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},"
            f"client_context={self.client_context},"
            f"identity={self.identity}])"
        )


# --- logging, configured as the AWS runtime configures it, when first imported ----------------


def _configure_logging(logging):
    """What awslambdaric's `_setup_logging` does for the text log format."""
    from time import gmtime

    class LambdaLoggerHandler(logging.Handler):
        def emit(self, record):
            try:
                sys.stderr.write(self.format(record))
            except Exception:
                self.handleError(record)

    class LambdaLoggerFilter(logging.Filter):
        def filter(self, record):
            record.aws_request_id = _current_request_id
            return True

    logging.Formatter.converter = gmtime
    handler = LambdaLoggerHandler()
    handler.setFormatter(logging.Formatter(_LOG_FORMAT, _LOG_DATE_FORMAT))
    handler.addFilter(LambdaLoggerFilter())
    root = logging.getLogger()
    level = (_environ_get("AWS_LAMBDA_LOG_LEVEL") or "").upper()
    if level in logging._nameToLevel:
        root.setLevel(level)
    root.addHandler(handler)


def _environ_get(name):
    value = sys.modules["posix"].environ.get(name.encode())
    return None if value is None else value.decode("utf-8", "surrogateescape")


class _LoggingLoader:
    """Wraps the loader of `logging` to configure it right after it has executed."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        _configure_logging(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class _LoggingImportHook:
    """Meta-path finder for `logging` only: the Lambda log handler is in place before any handler
    code can log (so `logging.basicConfig()` is a no-op, as on AWS), and a handler that never
    logs never pays for importing `logging`."""

    def find_spec(self, name, path=None, target=None):
        if name != "logging":
            return None
        sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            spec = find_spec(name, path, target) if find_spec is not None else None
            if spec is not None:
                spec.loader = _LoggingLoader(spec.loader)
                return spec
        return None


# --- handler loading and error documents -----------------------------------------------------


class _Fault(Exception):
    """An error the runtime reports with its own type (`Runtime.*`), as awslambdaric does."""

    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace or []


def _load_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise _Fault("Runtime.MalformedHandlerName", f"Bad handler '{handler}': {e}") from None
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise _Fault(
                "Runtime.BuiltInModuleConflict", f"Cannot use built-in module {modname} as a handler module"
            )
        dotted = modname.replace("/", ".")
        __import__(dotted)
        module = sys.modules[dotted]
    except ImportError as e:
        raise _Fault("Runtime.ImportModuleError", f"Unable to import module '{modname}': {e}") from None
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise _Fault("Runtime.UserCodeSyntaxError", f"Syntax error in module '{modname}': {e}", trace) from None
    try:
        return getattr(module, fname)
    except AttributeError:
        raise _Fault("Runtime.HandlerNotFound", f"Handler '{fname}' missing on module '{modname}'") from None


def _error_document(exc):
    """errorType / errorMessage / stackTrace as the AWS runtime builds them."""
    if isinstance(exc, _Fault):
        return {"errorType": exc.error_type, "errorMessage": exc.message, "stackTrace": exc.trace}
    try:
        message = str(exc)
    except Exception:
        message = f"<unprintable {type(exc).__name__} object>"
    document = {"errorType": type(exc).__name__, "errorMessage": message, "stackTrace": []}
    try:
        import traceback

        frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(exc.__traceback__)]
        # Like awslambdaric: drop the runtime's own leading frames.
        for i, frame in enumerate(frames):
            if frame[0] != _BOOTSTRAP_FILE:
                frames = frames[i:]
                break
        # The import machinery's frames between the runtime and a failing handler module.
        frames = [f for f in frames if not f[0].startswith("<frozen importlib")]
        document["stackTrace"] = traceback.format_list(frames)
    except BaseException:
        pass  # out of memory or recursion depth while formatting: report without the trace
    return document


def _log_error(document):
    """The runtime's `[ERROR]` log line for a failed invocation (newlines instead of AWS's \\r)."""
    lines = [f"[ERROR] {document['errorType']}: {document['errorMessage']}"]
    if document["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        lines.extend(line.rstrip("\n") for line in document["stackTrace"])
    try:
        sys.stderr.write("\n".join(lines) + "\n")
    except Exception:
        pass


# --- the transport loop ----------------------------------------------------------------------


def _serve():
    global _current_request_id

    # Keep the original stream objects alive: dropping the last reference closes the file.
    streams = (sys.stdin, sys.stdout)
    channel = streams[0].buffer
    # The handler's standard streams: print and sys.stdout go to the log stream, stdin is empty.
    from io import StringIO

    sys.stdin = sys.__stdin__ = StringIO()
    sys.stdout = sys.__stdout__ = sys.stderr

    init = _read_message(channel, "init")
    # The nonce lives only in this frame's locals and the closure below: not in the
    # environment, sys.argv or any module global.
    prefix = ("\x1eLBX" + init.pop("nonce") + "\x1f").encode("ascii")

    def send(message):
        sys.stderr.flush()
        data = prefix + message.encode("utf-8") + b"\n"
        while data:
            data = data[_fd_write(1, data) :]

    def http_exchange(message):
        # Handler HTTP requests go to the host; its answer is the next stdin line
        # (stdio-transport.md, `http`). guest-shims/python/lambdabox_http.py builds the message.
        send(_dumps(_encode_message, message))
        line = channel.readline()
        if not line:
            _protocol_error("end of input during an http request")
        return _loads(line.decode("utf-8"))

    _install_http(http_exchange)

    def send_error(document):
        _log_error(document)
        send('{"type":"error","errorType":%s,"errorMessage":%s,"stackTrace":%s}' % (
            _json.encode_basestring_ascii(document["errorType"]),
            _json.encode_basestring_ascii(document["errorMessage"]),
            _dumps(_encode_message, [str(line) for line in document["stackTrace"]]),
        ))

    env = init.get("env")
    if isinstance(env, dict):
        # The function's complete environment, when the host sends it (stdio-transport.md).
        import os

        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in env.items()})
    task_root = init.get("taskRoot") or "/var/task"
    sys.path[:] = [task_root] + [p for p in sys.path[1:] if p]
    sys.meta_path.insert(0, _LoggingImportHook())
    try:
        sys.modules["posix"].chdir(task_root)
    except OSError:
        pass

    init_error = None
    try:
        handler = _load_handler(init["handler"])
    except Exception as e:
        init_error = _error_document(e)
    except SystemExit as e:
        init_error = _exit_error(e)
    if init_error is not None:
        send_error(init_error)
    else:
        send('{"type":"ready"}')

    while True:
        invoke = _read_message(channel, "invoke", eof_ok=True)
        if invoke is None:
            return 0
        context = invoke.get("context") or {}
        _current_request_id = context.get("awsRequestId") or ""
        if init_error is not None:
            send_error(init_error)
            continue
        try:
            result = handler(invoke.get("event"), LambdaContext(context))
            try:
                payload = _dumps(_encode_result, result)
            except (TypeError, ValueError, RecursionError) as e:
                raise _Fault("Runtime.MarshalError", f"Unable to marshal response: {e}") from None
        except Exception as e:
            send_error(_error_document(e))
            continue
        except SystemExit as e:
            # The AWS runtime process is gone after this; so is ours.
            send_error(_exit_error(e))
            return e.code if isinstance(e.code, int) else 1
        send('{"type":"result","payload":%s}' % _json.encode_basestring_ascii(payload))


def _exit_error(exc):
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return {
        "errorType": "Runtime.ExitError",
        "errorMessage": f"RequestId: {_current_request_id} Error: Runtime exited with error: exit status {code}",
        "stackTrace": [],
    }


def _read_message(channel, expected, eof_ok=False):
    line = channel.readline()
    if not line:
        if eof_ok:
            return None
        _protocol_error(f"end of input before the `{expected}` message")
    try:
        message = _loads(line.decode("utf-8"))
    except ValueError as e:
        _protocol_error(f"bad `{expected}` message: {e}")
    if not isinstance(message, dict) or message.get("type") != expected:
        _protocol_error(f"expected a `{expected}` message")
    return message


def _install_http(exchange):
    # urllib.request and http.client through the host (raw sockets refused), each patched when
    # (and only when) a handler imports it.
    import importlib.util

    here = _BOOTSTRAP_FILE.rpartition("/")[0]  # /var/runtime in the sandbox
    spec = importlib.util.spec_from_file_location("lambdabox_http", here + "/lambdabox_http.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.install(exchange)


def _protocol_error(reason):
    sys.stderr.write(f"lambdabox python bootstrap: protocol error: {reason}\n")
    raise SystemExit(70)


if __name__ == "__main__":
    sys.exit(_serve())
