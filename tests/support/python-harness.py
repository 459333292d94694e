"""Native reference for the differential test: runs one handler with the system python3 the
plain way the AWS Lambda Python runtime (awslambdaric) and Serverless's `invoke local` wrapper do
it, and prints what `lambdabox invoke local` prints: the result as 4-space JSON on stdout (exit
0), or the error document (exit 1). Logs go to stderr in the Lambda format.

Deliberately independent of guest-shims/python/bootstrap.py: it uses `json`, `logging`,
`importlib` and `traceback` directly, so the bootstrap's start-up shortcuts are checked against
the straightforward implementation.

usage: python-harness.py TASK_ROOT HANDLER EVENT_JSON CONTEXT_JSON
  CONTEXT_JSON: {"functionName", "functionVersion", "memoryLimitInMB", "awsRequestId",
                 "invokedFunctionArn", "logGroupName", "logStreamName", "timeoutMs", "env": {...}}
"""

import decimal
import importlib
import json
import logging
import os
import sys
import time
import traceback


class LambdaContext:
    def __init__(self, fields, deadline_ms):
        self.aws_request_id = fields["awsRequestId"]
        self.function_name = fields["functionName"]
        self.function_version = fields["functionVersion"]
        self.invoked_function_arn = fields["invokedFunctionArn"]
        self.memory_limit_in_mb = str(fields["memoryLimitInMB"])
        self.log_group_name = fields["logGroupName"]
        self.log_stream_name = fields["logStreamName"]
        self.client_context = None
        self.identity = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)

    def log(self, msg):
        sys.stderr.write(str(msg))


def decimal_serializer(o):
    if isinstance(o, decimal.Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def fail(error_type, message, trace):
    print(json.dumps({"errorMessage": message, "errorType": error_type, "stackTrace": trace}, indent=4))
    sys.exit(1)


def setup_logging(request_id):
    class Handler(logging.Handler):
        def emit(self, record):
            record.aws_request_id = request_id
            sys.stderr.write(self.format(record))

    logging.Formatter.converter = time.gmtime
    handler = Handler()
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"
        )
    )
    logging.getLogger().addHandler(handler)


def main():
    task_root, handler_name, event_json, context_json = sys.argv[1:5]
    fields = json.loads(context_json)
    os.environ.clear()
    os.environ.update(fields.get("env", {}))
    sys.path.insert(0, task_root)
    os.chdir(task_root)
    sys.stdout, real_stdout = sys.stderr, sys.stdout
    setup_logging(fields["awsRequestId"])

    modname, fname = handler_name.rsplit(".", 1)
    try:
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        sys.stdout = real_stdout
        fail("Runtime.ImportModuleError", f"Unable to import module '{modname}': {e}", [])
    except SyntaxError as e:
        sys.stdout = real_stdout
        fail(
            "Runtime.UserCodeSyntaxError",
            f"Syntax error in module '{modname}': {e}",
            ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)],
        )
    if not hasattr(module, fname):
        sys.stdout = real_stdout
        fail("Runtime.HandlerNotFound", f"Handler '{fname}' missing on module '{modname}'", [])

    context = LambdaContext(fields, int(time.time() * 1000) + fields["timeoutMs"])
    try:
        result = getattr(module, fname)(json.loads(event_json), context)
    except Exception as e:
        frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(e.__traceback__)[1:]]
        sys.stdout = real_stdout
        fail(type(e).__name__, str(e), traceback.format_list(frames))
    sys.stdout = real_stdout
    try:
        text = json.dumps(result, indent=4, default=decimal_serializer, allow_nan=False)
    except (TypeError, ValueError) as e:
        fail("Runtime.MarshalError", f"Unable to marshal response: {e}", [])
    print(text)


if __name__ == "__main__":
    main()
