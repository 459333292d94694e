//! The Lambda-format log of one invocation (START / the function's lines / END / REPORT) and
//! the `X-Amz-Log-Result` header made from it.

use std::time::Duration;

/// Lambda returns the last 4 KB of the log.
pub const TAIL_BYTES: usize = 4096;

/// What the REPORT line states.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Report {
    pub duration: Duration,
    /// Set on a cold start: the time to create and initialise the sandbox.
    pub init_duration: Option<Duration>,
    pub memory_size_mb: u32,
    /// Omitted from the REPORT line when the sandbox does not measure it.
    pub max_memory_used_mb: Option<u32>,
}

/// Bytes → whole megabytes (MiB, as Lambda counts `MemorySize`), rounded up: 1 byte used is
/// 1 MB, never 0.
pub fn megabytes(bytes: u64) -> u32 {
    u32::try_from(bytes.div_ceil(1 << 20)).unwrap_or(u32::MAX)
}

/// The whole log of one invocation, as Lambda writes it.
pub fn invocation_log(
    request_id: &str,
    version: &str,
    function_log: &str,
    report: &Report,
) -> String {
    let mut log = format!("START RequestId: {request_id} Version: {version}\n");
    log.push_str(function_log);
    if !function_log.is_empty() && !function_log.ends_with('\n') {
        log.push('\n');
    }
    log.push_str(&format!("END RequestId: {request_id}\n"));
    let ms = report.duration.as_secs_f64() * 1000.0;
    log.push_str(&format!(
        "REPORT RequestId: {request_id}\tDuration: {ms:.2} ms\tBilled Duration: {} ms\tMemory Size: {} MB\t",
        ms.ceil().max(1.0) as u64,
        report.memory_size_mb,
    ));
    if let Some(used) = report.max_memory_used_mb {
        log.push_str(&format!("Max Memory Used: {used} MB\t"));
    }
    if let Some(init) = report.init_duration {
        log.push_str(&format!(
            "Init Duration: {:.2} ms\t",
            init.as_secs_f64() * 1000.0
        ));
    }
    log.push('\n');
    log
}

/// Base64 of the last [`TAIL_BYTES`] bytes of `log`, starting on a character boundary.
pub fn tail_base64(log: &str) -> String {
    use base64::Engine as _;
    let mut start = log.len().saturating_sub(TAIL_BYTES);
    while !log.is_char_boundary(start) {
        start += 1;
    }
    base64::engine::general_purpose::STANDARD.encode(&log.as_bytes()[start..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    fn report(init: Option<Duration>) -> Report {
        Report {
            duration: Duration::from_micros(1234),
            init_duration: init,
            memory_size_mb: 128,
            max_memory_used_mb: Some(21),
        }
    }

    #[test]
    fn log_has_start_lines_end_and_report() {
        let log = invocation_log(
            "r-1",
            "$LATEST",
            "2026-01-01T00:00:00.000Z\tr-1\tINFO\thi",
            &report(None),
        );
        assert_eq!(
            log,
            "START RequestId: r-1 Version: $LATEST\n\
             2026-01-01T00:00:00.000Z\tr-1\tINFO\thi\n\
             END RequestId: r-1\n\
             REPORT RequestId: r-1\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 21 MB\t\n"
        );
    }

    #[test]
    fn cold_start_reports_init_duration() {
        let log = invocation_log(
            "r",
            "$LATEST",
            "",
            &report(Some(Duration::from_millis(150))),
        );
        assert!(
            log.ends_with("Max Memory Used: 21 MB\tInit Duration: 150.00 ms\t\n"),
            "{log}"
        );
        assert_eq!(log.lines().count(), 3);
    }

    #[test]
    fn the_report_line_reads_back_as_serverless_formats_it() {
        let log = invocation_log(
            "r",
            "$LATEST",
            "",
            &report(Some(Duration::from_millis(150))),
        );
        let report_line = log.lines().last().unwrap();
        assert_eq!(
            crate::remote::log_tail::format_line(report_line, &jiff::tz::TimeZone::UTC),
            "END Duration: 1.23 ms (init: 150.00 ms) Memory Used: 21 MB"
        );
    }

    #[test]
    fn megabytes_round_up() {
        assert_eq!(megabytes(0), 0);
        assert_eq!(megabytes(1), 1);
        assert_eq!(megabytes(1 << 20), 1);
        assert_eq!(megabytes((1 << 20) + 1), 2);
        assert_eq!(megabytes(128 << 20), 128);
    }

    #[test]
    fn tail_keeps_the_last_4_kb_on_a_char_boundary() {
        let short = "hello\n";
        assert_eq!(
            tail_base64(short),
            base64::engine::general_purpose::STANDARD.encode(short)
        );
        let long = format!("{}{}", "é".repeat(3000), "end\n");
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(tail_base64(&long))
            .unwrap();
        assert!(decoded.len() <= TAIL_BYTES && decoded.len() >= TAIL_BYTES - 1);
        let text = String::from_utf8(decoded).unwrap();
        assert!(text.ends_with("éend\n"));
    }
}
