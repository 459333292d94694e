//! The JavaScript sources of the Node.js compatibility layer, embedded in the binary.
//! Built-in modules are evaluated lazily, on their first `require`/`import`.

/// The runtime itself: module system, globals, event loop, handler invocation.
pub const BOOTSTRAP: &str = include_str!("../js/bootstrap.js");

/// Node built-in module names (without the `node:` prefix) and their sources.
const MODULES: &[(&str, &str)] = &[
    ("assert", include_str!("../js/node/assert.js")),
    // The web globals Event, EventTarget, AbortController, AbortSignal.
    ("internal/abort", include_str!("../js/node/abort.js")),
    (
        "assert/strict",
        "module.exports = require('assert').strict;",
    ),
    ("buffer", include_str!("../js/node/buffer.js")),
    ("crypto", include_str!("../js/node/crypto.js")),
    ("events", include_str!("../js/node/events.js")),
    ("fs", include_str!("../js/node/fs.js")),
    ("fs/promises", "module.exports = require('fs').promises;"),
    (
        "http",
        "module.exports = require('internal/http').makeModule('http', 80);",
    ),
    (
        "https",
        "module.exports = require('internal/http').makeModule('https', 443);",
    ),
    ("internal/http", include_str!("../js/node/http.js")),
    ("module", "module.exports = internal.Module;"),
    ("os", include_str!("../js/node/os.js")),
    ("path", include_str!("../js/node/path.js")),
    ("path/posix", "module.exports = require('path');"),
    ("process", "module.exports = process;"),
    ("querystring", include_str!("../js/node/querystring.js")),
    ("stream", include_str!("../js/node/stream.js")),
    (
        "stream/promises",
        "module.exports = require('stream').promises;",
    ),
    (
        "string_decoder",
        include_str!("../js/node/string_decoder.js"),
    ),
    ("timers", include_str!("../js/node/timers.js")),
    (
        "timers/promises",
        include_str!("../js/node/timers_promises.js"),
    ),
    ("url", include_str!("../js/node/url.js")),
    ("util", include_str!("../js/node/util.js")),
    ("util/types", "module.exports = require('util').types;"),
    ("zlib", include_str!("../js/node/zlib.js")),
];

pub const NAMES: [&str; MODULES.len()] = {
    let mut names = [""; MODULES.len()];
    let mut i = 0;
    while i < MODULES.len() {
        names[i] = MODULES[i].0;
        i += 1;
    }
    names
};

pub fn source(name: &str) -> Option<&'static str> {
    MODULES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}
