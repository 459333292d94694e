use lambdabox::{app, cli::Cli, exit};

fn main() -> std::process::ExitCode {
    let result = Cli::parse_from_args(std::env::args_os())
        .map_err(anyhow::Error::from)
        .and_then(app::run);
    if let Err(err) = &result {
        exit::report(err);
    }
    std::process::ExitCode::from(exit::exit_code(&result))
}
