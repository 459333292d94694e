//! Command dispatch: one function per command, each turning parsed flags into an [`Outcome`].

use crate::cli::{
    Cli, Command, CompletionsArgs, InvokeArgs, InvokeCommand, LocalArgs, PrintArgs, PrintFormat,
    RemoteArgs, ServiceArgs,
};
use crate::config::{self, service::Service, LoadOptions};
use crate::exit::Outcome;
use crate::invocation::{self, EventSource, ProcessStdin};
use crate::settings::{self, LocalOptions};
use anyhow::Context as _;
use std::io::Write;

/// Run the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let options = cli.options;
    match cli.command {
        Command::Invoke(InvokeArgs {
            command: Some(InvokeCommand::Local(args)),
            ..
        }) => invoke_local(&args, options),
        Command::Invoke(InvokeArgs {
            command: None,
            remote,
        }) => invoke_remote(&remote, options),
        Command::Print(args) => print(&args, options),
        Command::Serve(args) => crate::serve::run(&args, options),
        Command::Completions(args) => completions(&args),
        Command::Runtimes(args) => crate::runtime::manage::run(&args.command),
    }
}

/// Load the service named by the shared `--config/--stage/--region` flags.
pub fn load_service(
    service: &ServiceArgs,
    options: serde_json::Map<String, serde_json::Value>,
) -> anyhow::Result<Service> {
    let opts = LoadOptions::from_process(
        service.config.clone(),
        service.stage.clone(),
        service.region.clone(),
        options,
    )?;
    config::load(&opts)
}

fn event_source(event: &crate::cli::EventArgs) -> EventSource {
    EventSource {
        data: event.data.clone(),
        path: event.path.clone(),
        raw: event.raw,
    }
}

fn invoke_local(
    args: &LocalArgs,
    options: serde_json::Map<String, serde_json::Value>,
) -> anyhow::Result<Outcome> {
    let service = load_service(&args.service, options)?;
    let cwd = std::env::current_dir().context("reading the current directory")?;
    let source_date_epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let opts = LocalOptions::from_args(&args.sandbox, source_date_epoch.as_deref(), &cwd)?;
    // Check the function before reading stdin, so a typo does not wait for input.
    settings::find_function(&service, &args.function)?;
    let event =
        invocation::build_event(&event_source(&args.event), &service.dir, &mut ProcessStdin)?;
    let context = invocation::local_context(
        args.context.as_deref(),
        args.context_path.as_deref(),
        args.event.raw,
        &service.dir,
    )?;
    let inv = settings::local_invocation(&service, &args.function, &opts, event, context)?;
    let result = crate::runtime::invoke_local(&inv)?;
    crate::output::print_result(&result)
}

fn invoke_remote(
    args: &RemoteArgs,
    options: serde_json::Map<String, serde_json::Value>,
) -> anyhow::Result<Outcome> {
    let service = load_service(&args.service, options)?;
    settings::find_function(&service, args.function.as_deref().unwrap_or_default())?;
    let event =
        invocation::build_event(&event_source(&args.event), &service.dir, &mut ProcessStdin)?;
    let client_context = invocation::remote_client_context(
        args.context.as_deref(),
        args.context_path.as_deref(),
        args.event.raw,
        &service.dir,
    )?;
    let inv = settings::remote_invocation(&service, args, event, client_context)?;
    crate::remote::invoke(&inv)
}

fn print(
    args: &PrintArgs,
    options: serde_json::Map<String, serde_json::Value>,
) -> anyhow::Result<Outcome> {
    let service = load_service(&args.service, options)?;
    let text = match args.format {
        PrintFormat::Yaml => serde_yaml::to_string(&service.resolved)
            .context("formatting the configuration as YAML")?,
        PrintFormat::Json => {
            let compact = serde_json::to_vec(&service.resolved)?;
            crate::output::pretty_json(&compact).context("formatting the configuration as JSON")?
                + "\n"
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Success)
}

fn completions(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    clap_complete::generate(
        args.shell,
        &mut command,
        "lambdabox",
        &mut std::io::stdout(),
    );
    Ok(Outcome::Success)
}
