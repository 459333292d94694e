//! Remote invoke through aws-sdk-lambda, and payload/log formatting.

pub mod client;
pub mod errors;
pub mod log_tail;
pub mod render;

use crate::exit::Outcome;
use crate::invocation::RemoteInvocation;
use anyhow::Context as _;
use std::io::Write;

/// Invoke a deployed function and print its result (and tail log), returning whether the
/// function succeeded.
pub fn invoke(inv: &RemoteInvocation) -> anyhow::Result<Outcome> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime for the AWS SDK")?;
    runtime.block_on(async {
        let config = client::sdk_config(inv, |loader| loader).await;
        let client = aws_sdk_lambda::Client::new(&config);
        run(
            inv,
            &client,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )
        .await
    })
}

/// Invoke with an already configured client, writing the result to `stdout` and messages,
/// status lines and the log tail to `stderr`. AWS errors are reported on `stderr` and give
/// [`Outcome::FunctionFailed`] (exit 1); missing credentials or region are a
/// [`crate::exit::UsageError`] (exit 2).
pub async fn run(
    inv: &RemoteInvocation,
    client: &aws_sdk_lambda::Client,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let client_context = inv
        .client_context
        .as_deref()
        .map(client::encode_client_context)
        .transpose()?;
    let reply = match client::send(client, inv, client_context).await {
        Ok(reply) => reply,
        Err(err) => {
            // For the message only: where the SDK sent the request.
            let endpoint = inv.endpoint_url.clone().or_else(|| {
                ["AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL"]
                    .iter()
                    .find_map(|k| std::env::var(k).ok())
            });
            let region = client.config().region().map(|r| r.as_ref().to_owned());
            let target = errors::Target {
                function_name: &inv.function_name,
                qualifier: inv.qualifier.as_deref(),
                region: region.as_deref(),
                endpoint: endpoint.as_deref(),
            };
            return match errors::classify(&err, target) {
                errors::Failure::Usage(usage) => Err(usage.into()),
                errors::Failure::Aws { message, hints } => {
                    writeln!(stderr, "error: {message}")?;
                    for hint in hints {
                        writeln!(stderr, "hint: {hint}")?;
                    }
                    Ok(Outcome::FunctionFailed)
                }
            };
        }
    };
    let rendered = render::render(
        &inv.function_name,
        inv.invocation_type,
        &reply,
        &jiff::tz::TimeZone::system(),
    );
    stdout.write_all(&rendered.stdout)?;
    stdout.flush()?;
    stderr.write_all(rendered.stderr.as_bytes())?;
    Ok(rendered.outcome)
}
