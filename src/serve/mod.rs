//! `lambdabox serve`: the sandboxed functions of a service behind the Lambda Invoke API, so the
//! AWS SDKs, the AWS CLI and `lambdabox invoke --endpoint-url` can call them.

pub mod functions;
pub mod http;
pub mod log;
pub mod pool;
pub mod server;

pub use functions::{FunctionEntry, Functions};
pub use http::App;
pub use pool::{Call, Execution, Instance, Runtime, StartError};
pub use server::Server;

use crate::cli::ServeArgs;
use crate::exit::{Outcome, UsageError};
use crate::settings::ServeOptions;
use anyhow::Context as _;
use std::sync::Arc;

pub mod sandboxed;

/// `lambdabox serve`: load the service, listen, serve until Ctrl-C, then drain.
pub fn run(
    args: &ServeArgs,
    options: serde_json::Map<String, serde_json::Value>,
) -> anyhow::Result<Outcome> {
    let service = crate::app::load_service(&args.service, options)?;
    let functions =
        Functions::new(
            service
                .functions
                .values()
                .filter(|f| !f.image)
                .map(|f| FunctionEntry {
                    key: f.key.clone(),
                    name: f.name.clone(),
                    region: service.region.clone(),
                    memory_size_mb: f.memory_size,
                    timeout: f.timeout,
                }),
        );
    let cwd = std::env::current_dir().context("reading the current directory")?;
    let source_date_epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let opts = ServeOptions::from_args(args, source_date_epoch.as_deref(), &cwd)?;
    // A malformed --allow-net entry is a usage error now, not on the first request.
    crate::sandbox::NetPolicy::parse(&opts.sandbox.allow_net, &service.allowed_outbound_hosts)?;
    let addr = opts.addr;

    let runtime = Arc::new(sandboxed::SandboxRuntime::new(service, opts.sandbox));
    let app = App::new(
        functions,
        runtime,
        opts.max_concurrency,
        opts.idle_timeout,
        opts.request_ids,
        true,
    );
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server runtime")?;
    tokio.block_on(async {
        let server = Server::bind(addr, Arc::clone(&app)).await.map_err(|e| {
            UsageError::new(format!("cannot listen on {addr}: {e}"))
                .hint("choose another --port, or stop what uses this one")
        })?;
        let local = server.local_addr()?;
        eprintln!("lambdabox serve: listening on http://{local}");
        for f in app.functions().iter() {
            eprintln!(
                "  POST http://{local}/2015-03-31/functions/{}/invocations  ({})",
                f.name, f.key
            );
        }
        tokio::spawn(Arc::clone(&app).reap_idle_sandboxes());
        server
            .run(async {
                let _ = tokio::signal::ctrl_c().await;
                eprintln!("lambdabox serve: stopping; finishing requests in flight");
            })
            .await?;
        Ok(Outcome::Success)
    })
}
