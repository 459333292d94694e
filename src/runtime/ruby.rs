//! The Ruby runtime: CRuby 3.4 (`ruby+stdlib.wasm` of npm `@ruby/3.4-wasm-wasi` 2.10.1, a WASI
//! reactor) plus guest-shims/ruby/bootstrap.rb, pre-initialized once per artifact and bootstrap
//! (see `sandbox::ruby_reactor`). `ruby3.2`, `ruby3.3` and `ruby3.4` all run on this interpreter.

use crate::invocation::LocalInvocation;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The pinned runtime artifact.
pub const ARTIFACT_FILE: &str = "ruby+stdlib.wasm";
pub const ARTIFACT_SHA256: &str =
    "4b814fc9d13505ea5b4c1f3bd3a7cc7ccca137f551196b9b21f0a7caf9cc5878";
pub const ARTIFACT_SIZE: u64 = 30_635_497;
pub const ARTIFACT_ORIGIN: &str =
    "npm package @ruby/3.4-wasm-wasi@2.10.1, file dist/ruby+stdlib.wasm";
pub const ARTIFACT_HINT: &str =
    "run scripts/setup.sh (it runs `npm pack @ruby/3.4-wasm-wasi@2.10.1` and extracts \
     package/dist/ruby+stdlib.wasm), then `lambdabox runtimes install ruby --from <that file>`";

/// The bootstrap, embedded: it is evaluated once, while the snapshot is built.
pub const BOOTSTRAP: &str = include_str!("../../guest-shims/ruby/bootstrap.rb");

/// Lambda runtime identifiers served by this interpreter.
pub const RUNTIMES: &[&str] = &["ruby3.2", "ruby3.3", "ruby3.4"];

/// The cache key of the pre-initialized module: whatever changes the snapshot's memory image.
/// (The compiled-code cache adds the engine's own compatibility hash on top.)
pub fn snapshot_key() -> String {
    let mut hash = Sha256::new();
    hash.update(ARTIFACT_SHA256.as_bytes());
    hash.update(BOOTSTRAP.as_bytes());
    hash.update(
        crate::sandbox::ruby_reactor::RUBY_INIT_ARGS
            .join("\0")
            .as_bytes(),
    );
    hash.update(crate::sandbox::ruby_reactor::BOOTSTRAP_PATH.as_bytes());
    hash.update(b"wasmtime-wizer 48.0.8");
    hex::encode(&hash.finalize()[..16])
}

/// The `init` message. `env` is an additive field of the transport for the reactor: the
/// environment read during pre-initialization is frozen in the snapshot, so the bootstrap
/// replaces it with the function's.
pub fn init_message(inv: &LocalInvocation, nonce: &str, task_root: &str) -> Value {
    json!({
        "type": "init",
        "nonce": nonce,
        "handler": inv.handler,
        "taskRoot": task_root,
        "env": inv.env,
    })
}

/// The `invoke` message: the event verbatim, the context in the transport's camelCase.
pub fn invoke_message(inv: &LocalInvocation, deadline_ms: u64) -> anyhow::Result<String> {
    let context = json!({
        "awsRequestId": inv.request_id,
        "functionName": inv.env.get("AWS_LAMBDA_FUNCTION_NAME").cloned().unwrap_or_default(),
        "functionVersion": inv.env.get("AWS_LAMBDA_FUNCTION_VERSION").cloned().unwrap_or_else(|| "$LATEST".into()),
        "invokedFunctionArn": inv.invoked_function_arn,
        "memoryLimitInMB": inv.function.memory_size,
        "logGroupName": inv.log_group_name,
        "logStreamName": inv.log_stream_name,
        "deadlineMs": deadline_ms,
        "clientContext": Value::Null,
        "identity": Value::Null,
        "userContext": inv.user_context.clone().unwrap_or(Value::Null),
    });
    // The event is spliced in as text so it reaches the handler exactly as given.
    Ok(format!(
        r#"{{"type":"invoke","event":{},"context":{}}}"#,
        inv.event.json,
        serde_json::to_string(&context)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_key_is_stable_and_short() {
        assert_eq!(snapshot_key(), snapshot_key());
        assert_eq!(snapshot_key().len(), 32);
    }

    #[test]
    fn the_bootstrap_is_embedded() {
        assert!(
            BOOTSTRAP.contains("def self.handle_message") || BOOTSTRAP.contains(":handle_message")
        );
    }
}
