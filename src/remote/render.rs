//! What remote `invoke` prints for a reply: pure, so every case is unit-tested.

use crate::exit::Outcome;
use crate::invocation::InvocationType;
use jiff::tz::TimeZone;

/// The parts of an Invoke response that the output depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    pub status_code: i32,
    pub payload: Option<Vec<u8>>,
    /// `X-Amz-Function-Error` (`Unhandled`, `Handled`).
    pub function_error: Option<String>,
    /// `X-Amz-Log-Result`: base64 of the last 4 KB of the log.
    pub log_result: Option<String>,
    pub executed_version: Option<String>,
}

/// The bytes for stdout and stderr, and the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub outcome: Outcome,
}

/// Render a reply as Serverless v3 does, with our fixes: the payload (4-space JSON, or the bytes
/// as they are when it is not JSON) on stdout; the log tail on stderr so stdout stays the result;
/// `Event`/`DryRun` → one status line on stderr; a `FunctionError` → exit 1 after printing.
pub fn render(
    function_name: &str,
    invocation_type: InvocationType,
    reply: &Reply,
    tz: &TimeZone,
) -> Rendered {
    let mut stdout = Vec::new();
    let mut stderr = String::new();

    match invocation_type {
        InvocationType::Event => {
            stderr.push_str(&format!(
                "Event invocation of {function_name} accepted (status {}); it runs asynchronously\n",
                reply.status_code
            ));
        }
        InvocationType::DryRun => {
            stderr.push_str(&format!(
                "DryRun of {function_name} succeeded (status {}): the function exists and you may invoke it\n",
                reply.status_code
            ));
        }
        InvocationType::RequestResponse => {}
    }

    // Lambda answers Event and DryRun with an empty body; whatever an emulator sends there is
    // not a result.
    let payload = match invocation_type {
        InvocationType::RequestResponse => reply.payload.as_deref().filter(|p| !p.is_empty()),
        InvocationType::Event | InvocationType::DryRun => None,
    };
    if let Some(payload) = payload {
        match crate::output::pretty_json(payload) {
            Some(text) => stdout.extend_from_slice(text.as_bytes()),
            None => stdout.extend_from_slice(payload),
        }
        if stdout.last() != Some(&b'\n') {
            stdout.push(b'\n');
        }
    }

    if let Some(log) = reply.log_result.as_deref().filter(|l| !l.is_empty()) {
        match super::log_tail::format_log_result(log, tz) {
            Ok(lines) => {
                for line in lines {
                    stderr.push_str(&line);
                    stderr.push('\n');
                }
            }
            Err(err) => stderr.push_str(&format!(
                "warning: the log tail is not valid base64 ({err}); not shown\n"
            )),
        }
    }

    let outcome = match &reply.function_error {
        Some(kind) => {
            stderr.push_str(&format!("error: invoked function failed ({kind})\n"));
            Outcome::FunctionFailed
        }
        None => Outcome::Success,
    };
    Rendered {
        stdout,
        stderr,
        outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    fn reply(status: i32, payload: &str) -> Reply {
        Reply {
            status_code: status,
            payload: Some(payload.as_bytes().to_vec()),
            ..Reply::default()
        }
    }

    fn out(r: &Rendered) -> &str {
        std::str::from_utf8(&r.stdout).unwrap()
    }

    #[test]
    fn json_payload_is_pretty_printed_with_four_spaces() {
        let r = render(
            "svc-dev-hello",
            InvocationType::RequestResponse,
            &reply(200, r#"{"a":[1,{"b":null}]}"#),
            &TimeZone::UTC,
        );
        assert_eq!(out(&r), "{\n    \"a\": [\n        1,\n        {\n            \"b\": null\n        }\n    ]\n}\n");
        assert_eq!(r.stderr, "");
        assert_eq!(r.outcome, Outcome::Success);
    }

    #[test]
    fn non_json_payload_is_printed_as_is() {
        let r = render(
            "f",
            InvocationType::RequestResponse,
            &reply(200, "plain text, not JSON"),
            &TimeZone::UTC,
        );
        assert_eq!(out(&r), "plain text, not JSON\n");
        assert_eq!(r.outcome, Outcome::Success);
    }

    #[test]
    fn falsy_results_are_printed() {
        for (payload, printed) in [
            ("null", "null\n"),
            ("0", "0\n"),
            ("false", "false\n"),
            ("\"\"", "\"\"\n"),
        ] {
            let r = render(
                "f",
                InvocationType::RequestResponse,
                &reply(200, payload),
                &TimeZone::UTC,
            );
            assert_eq!(out(&r), printed);
        }
    }

    #[test]
    fn function_error_prints_payload_then_fails() {
        let mut rep = reply(
            200,
            r#"{"errorMessage":"boom","errorType":"Error","stackTrace":[]}"#,
        );
        rep.function_error = Some("Unhandled".into());
        let r = render("f", InvocationType::RequestResponse, &rep, &TimeZone::UTC);
        assert!(out(&r).starts_with("{\n    \"errorMessage\": \"boom\","));
        assert_eq!(r.stderr, "error: invoked function failed (Unhandled)\n");
        assert_eq!(r.outcome, Outcome::FunctionFailed);
    }

    #[test]
    fn event_and_dry_run_print_one_status_line() {
        let r = render(
            "svc-dev-hello",
            InvocationType::Event,
            &reply(202, "{\"echo\":1}"),
            &TimeZone::UTC,
        );
        assert_eq!(r.stdout, b"");
        assert_eq!(
            r.stderr,
            "Event invocation of svc-dev-hello accepted (status 202); it runs asynchronously\n"
        );
        assert_eq!(r.outcome, Outcome::Success);

        let r = render(
            "svc-dev-hello",
            InvocationType::DryRun,
            &Reply {
                status_code: 204,
                ..Reply::default()
            },
            &TimeZone::UTC,
        );
        assert_eq!(r.stdout, b"");
        assert_eq!(r.stderr.lines().count(), 1);
        assert!(r
            .stderr
            .starts_with("DryRun of svc-dev-hello succeeded (status 204)"));
        assert_eq!(r.outcome, Outcome::Success);
    }

    #[test]
    fn log_tail_goes_to_stderr_after_the_separator() {
        let log = "START RequestId: r Version: $LATEST\n2026-01-02T03:04:05.006Z\tr\tINFO\thi\nEND RequestId: r\n";
        let mut rep = reply(200, "1");
        rep.log_result = Some(base64::engine::general_purpose::STANDARD.encode(log));
        let r = render("f", InvocationType::RequestResponse, &rep, &TimeZone::UTC);
        assert_eq!(out(&r), "1\n");
        assert_eq!(
            r.stderr,
            format!(
                "{}\nSTART\n2026-01-02 03:04:05.006\tINFO\thi\n\n",
                super::super::log_tail::SEPARATOR
            )
        );
    }

    #[test]
    fn broken_log_tail_is_a_warning_not_a_failure() {
        let mut rep = reply(200, "1");
        rep.log_result = Some("%%%".into());
        let r = render("f", InvocationType::RequestResponse, &rep, &TimeZone::UTC);
        assert!(r
            .stderr
            .starts_with("warning: the log tail is not valid base64"));
        assert_eq!(r.outcome, Outcome::Success);
    }
}
