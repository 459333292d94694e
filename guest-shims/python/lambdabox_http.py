"""HTTP over the lambdabox host for Python handlers: the sandbox has no sockets, so
`urllib.request` and `http.client` requests go to the host as the stdio transport's `http`
message, and raw sockets fail saying so (lambdabox_http_patches.py has the details).

The bootstrap calls `install(exchange)` once, where `exchange(message: dict) -> dict` writes the
framed message and returns the host's reply line. This file is compiled on every start, so it
only watches imports: the patches are loaded, and each module patched, when a handler (or a
module it imports) first imports `socket`, `http.client` or `urllib.request`.
"""

import sys

PATCHED = ("socket", "http.client", "urllib.request")

_exchange = None
_patches = None


def install(exchange):
    global _exchange
    _exchange = exchange
    if _patches is not None:
        _patches.set_exchange(exchange)
    pending = set()
    for name in PATCHED:
        module = sys.modules.get(name)
        if module is not None:
            _patch(name, module)
        else:
            pending.add(name)
    if pending:
        sys.meta_path.insert(0, _PatchOnImport(pending))


def _patch(name, module):
    global _patches
    if _patches is None:
        import importlib.util

        path = __file__.rpartition("/")[0] + "/lambdabox_http_patches.py"
        spec = importlib.util.spec_from_file_location("lambdabox_http_patches", path)
        _patches = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_patches)
        _patches.set_exchange(_exchange)
    _patches.patch(name, module)


class _PatchOnImport:
    """Finds nothing itself; wraps the real loader of a watched module to patch it once loaded."""

    def __init__(self, pending):
        self.pending = pending

    def find_spec(self, name, path=None, target=None):
        if name not in self.pending:
            return None
        self.pending.discard(name)
        if not self.pending:
            sys.meta_path.remove(self)
        import importlib.util

        # Discarded first: this lookup comes back through this finder.
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        # A wrapper, not a patched loader: a zipimporter loads the whole stdlib.
        spec.loader = _PatchingLoader(spec.loader, name)
        return spec


class _PatchingLoader:
    def __init__(self, real, name):
        self.real = real
        self.name = name

    def create_module(self, spec):
        return self.real.create_module(spec)

    def exec_module(self, module):
        self.real.exec_module(module)
        _patch(self.name, module)
