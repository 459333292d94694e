//! What every local runtime does the same way: the sandbox policy and the context from the
//! decided [`LocalInvocation`], and the `init` → `invoke` sequence with failures mapped to
//! function errors. A runtime module adds only its guest, argv and mounts.

use crate::exit::UsageError;
use crate::invocation::LocalInvocation;
use crate::outcome::{FunctionError, InvokeResult};
use crate::sandbox::task_dir::{self, TaskDir};
use crate::sandbox::{
    Called, Failure, HandlerSpec, HostRuntime, InvokeContext, Policy, Preopen, TASK_ROOT,
};

/// `/var/task` for this invocation: the service directory or the unzipped artifact.
pub fn task_dir(inv: &LocalInvocation) -> anyhow::Result<TaskDir> {
    let key = format!("functions.{}.package.artifact", inv.function.key);
    task_dir::prepare(&inv.service_dir, inv.function.artifact.as_deref(), &key)
}

/// A live embedded component guest (Node.js, Java) for `inv` with `task` at /var/task, its
/// handler not yet loaded; `Err` is the failure that stopped it while starting. `cache_name`
/// names its compiled code in the cache.
pub fn component_instance(
    guest: crate::sandbox::guests::Embedded,
    cache_name: &str,
    inv: &LocalInvocation,
    task: &TaskDir,
    log: std::sync::Arc<dyn crate::sandbox::LogSink>,
) -> anyhow::Result<Result<crate::sandbox::ComponentInstance, Failure>> {
    let wasm = guest.require()?;
    let policy = policy(inv, task)?;
    let component = crate::sandbox::cache::component(cache_name, wasm, Some(guest.sha256))?;
    crate::sandbox::ComponentInstance::new(&component, &policy, log)
}

/// The sandbox policy of an invocation: its code, environment, limits, determinism, mounts.
pub fn policy(inv: &LocalInvocation, task: &TaskDir) -> anyhow::Result<Policy> {
    let mut policy = Policy::new(task.path(), inv.function.timeout, inv.function.memory_size);
    policy.env = inv
        .env
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    policy.determinism = inv.deterministic;
    // Validated when the invocation was decided; `Origin` only matters for that message.
    policy.net = crate::sandbox::NetPolicy::parse(&inv.allowed_outbound_hosts, &[])?;
    for m in &inv.mounts {
        if !m.host.is_dir() {
            return Err(UsageError::new(format!(
                "--mount: {} is not a directory",
                m.host.display()
            ))
            .hint("use --mount HOST_DIR::/guest/path[:ro|rw] with an existing host directory")
            .into());
        }
        if !m.guest.starts_with('/') {
            return Err(UsageError::new(format!(
                "--mount: the guest path `{}` must be absolute",
                m.guest
            ))
            .into());
        }
        policy.extra_dirs.push(Preopen {
            host: m.host.clone(),
            guest: m.guest.clone(),
            writable: m.writable,
        });
    }
    Ok(policy)
}

/// The WIT context of an invocation (the sandbox adds the deadline).
pub fn context(inv: &LocalInvocation) -> InvokeContext {
    InvokeContext {
        aws_request_id: inv.request_id.clone(),
        function_name: inv.function.name.clone(),
        function_version: "$LATEST".to_owned(),
        invoked_function_arn: inv.invoked_function_arn.clone(),
        memory_limit_mb: inv.function.memory_size,
        log_group_name: inv.log_group_name.clone(),
        log_stream_name: inv.log_stream_name.clone(),
        client_context: None,
        identity: None,
        user_context: inv.user_context.as_ref().map(|v| v.to_string()),
    }
}

/// `init` then one `invoke`; `on_failure` turns a crash into the runtime's error document.
pub fn run(
    runtime: &mut dyn HostRuntime,
    inv: &LocalInvocation,
    on_failure: impl Fn(&Failure) -> FunctionError,
) -> anyhow::Result<InvokeResult> {
    let spec = HandlerSpec {
        handler: inv.handler.clone(),
        task_root: TASK_ROOT.to_owned(),
    };
    match runtime.init(&spec)? {
        Called::Returned(()) => {}
        Called::Failed(err) => return Ok(InvokeResult::Err(err)),
        Called::Crashed(failure) => return Ok(InvokeResult::Err(on_failure(&failure))),
    }
    Ok(
        match runtime.invoke(inv.event.json.as_bytes(), &context(inv))? {
            Called::Returned(response) => InvokeResult::Ok(response),
            Called::Failed(err) => InvokeResult::Err(err),
            Called::Crashed(failure) => InvokeResult::Err(on_failure(&failure)),
        },
    )
}

/// The installed artifact `inv`'s runtime needs; missing, the usage error names the function's
/// `runtime` key.
pub fn require_artifact(
    store: &super::artifacts::Store,
    artifact: &super::artifacts::Artifact,
    inv: &LocalInvocation,
) -> Result<std::path::PathBuf, UsageError> {
    store.require(artifact).map_err(|mut err| {
        err.message = format!(
            "functions.{}.runtime: {}: {}",
            inv.function.key, inv.runtime, err.message
        );
        err
    })
}
