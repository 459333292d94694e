//! The `--log` tail: Lambda's base64 `LogResult` decoded and reformatted the way Serverless v3
//! prints it (`lib/plugins/aws/invoke.js` + `utils/format-lambda-log-event.js`), without colours.

use jiff::tz::TimeZone;
use jiff::Timestamp;

/// The separator Serverless prints between the payload and the log tail.
pub const SEPARATOR: &str = "--------------------------------------------------------------------";

/// Decode a base64 `LogResult` and format it, one output line per input line, after the
/// separator. Lines starting with `END` (the REPORT line carries the same facts) and Serverless
/// Enterprise markers are skipped, as Serverless does. Timestamps are shown in `tz`.
pub fn format_log_result(
    log_result_b64: &str,
    tz: &TimeZone,
) -> Result<Vec<String>, base64::DecodeError> {
    use base64::Engine as _;
    let raw = base64::engine::general_purpose::STANDARD.decode(log_result_b64.trim())?;
    let text = String::from_utf8_lossy(&raw);
    let mut lines = vec![SEPARATOR.to_owned()];
    lines.extend(
        text.split('\n')
            .filter(|line| !line.contains("SERVERLESS_ENTERPRISE") && !line.starts_with("END"))
            .map(|line| format_line(line, tz)),
    );
    Ok(lines)
}

/// Format one line of a Lambda log.
///
/// - `START RequestId: …` → `START`
/// - `REPORT RequestId: …\tDuration: d ms\t…\tMax Memory Used: m MB\t[Init Duration: i ms]` →
///   `END Duration: d ms [(init: i ms)] Memory Used: m MB`
/// - `<ISO time>\t<request id>\t<text>` → `YYYY-MM-DD HH:mm:ss.SSS\t<text>`
/// - `<LEVEL>\t<ISO time>\t<request id>\t<text>` → `YYYY-MM-DD HH:mm:ss.SSS\t<LEVEL>\t<text>`
/// - anything else verbatim (trailing whitespace trimmed, except on REPORT lines).
pub fn format_line(line: &str, tz: &TimeZone) -> String {
    if line.starts_with("REPORT") {
        return format_report(line).unwrap_or_else(|| line.to_owned());
    }
    let line = line.trim_end();
    if line.starts_with("START") {
        return "START".to_owned();
    }
    let parts: Vec<&str> = line.split('\t').collect();
    if parts.len() < 3 {
        return line.to_owned();
    }
    let (time, request_id, level) = if let Some(time) = parse_time(parts[0]) {
        (time, parts[1], None)
    } else if let Some(time) = parse_time(parts[1]) {
        (time, parts[2], Some(parts[0]))
    } else {
        return line.to_owned();
    };
    // The text is what follows the first `<request id>\t` (JS `split(...)[1]`): it may itself
    // contain tabs, but stops at a second occurrence of the request id.
    let marker = format!("{request_id}\t");
    let text = line.split(marker.as_str()).nth(1).unwrap_or("");
    let stamp = time
        .to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M:%S%.3f")
        .to_string();
    match level {
        Some(level) => format!("{stamp}\t{level}\t{text}"),
        None => format!("{stamp}\t{text}"),
    }
}

/// `REPORT RequestId: id\tDuration: 1.2 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory
/// Used: 67 MB\tInit Duration: 150.1 ms\t` → `END Duration: 1.2 ms (init: 150.1 ms) Memory Used: 67 MB`.
fn format_report(line: &str) -> Option<String> {
    let parts: Vec<&str> = line.split('\t').collect();
    let duration = parts.get(1)?;
    // "Max Memory Used: 67 MB" without its "Max " prefix.
    let memory_used = parts.get(4)?.get(4..)?;
    let init = parts
        .get(5)
        .and_then(|p| p.split(':').nth(1))
        .filter(|s| !s.is_empty());
    Some(match init {
        Some(init) => format!("END {duration} (init:{init}) {memory_used}"),
        None => format!("END {duration} {memory_used}"),
    })
}

/// A Lambda log timestamp (`2026-11-28T16:52:21.123Z`). Serverless accepts whatever JavaScript's
/// `Date` parses; the Lambda runtimes only ever write RFC 3339 with a `Z` offset.
fn parse_time(s: &str) -> Option<Timestamp> {
    s.trim().parse::<Timestamp>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    fn utc(line: &str) -> String {
        format_line(line, &TimeZone::UTC)
    }

    #[test]
    fn start_line_becomes_start() {
        assert_eq!(utc("START RequestId: 8f5e Version: $LATEST"), "START");
    }

    #[test]
    fn report_line_keeps_duration_and_memory() {
        let line = "REPORT RequestId: 8f5e\tDuration: 14.97 ms\tBilled Duration: 15 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\t";
        assert_eq!(utc(line), "END Duration: 14.97 ms Memory Used: 67 MB");
    }

    #[test]
    fn report_line_with_init_duration() {
        let line = "REPORT RequestId: 8f5e\tDuration: 2.01 ms\tBilled Duration: 3 ms\tMemory Size: 1024 MB\tMax Memory Used: 70 MB\tInit Duration: 151.50 ms\t";
        assert_eq!(
            utc(line),
            "END Duration: 2.01 ms (init: 151.50 ms) Memory Used: 70 MB"
        );
    }

    #[test]
    fn truncated_report_line_is_kept_verbatim() {
        assert_eq!(
            utc("REPORT RequestId: 8f5e\tDuration: 1 ms"),
            "REPORT RequestId: 8f5e\tDuration: 1 ms"
        );
    }

    #[test]
    fn node_log_line_keeps_level_after_the_time() {
        let line = "2026-11-28T16:52:21.123Z\t8f5e-11\tINFO\thello world\n";
        assert_eq!(utc(line), "2026-11-28 16:52:21.123\tINFO\thello world");
    }

    #[test]
    fn python_log_line_with_leading_level() {
        let line = "[ERROR]\t2026-11-28T16:52:21.9Z\t8f5e-11\tboom\tmore";
        assert_eq!(utc(line), "2026-11-28 16:52:21.900\t[ERROR]\tboom\tmore");
    }

    #[test]
    fn time_is_shown_in_the_given_zone() {
        let tz = TimeZone::fixed(jiff::tz::offset(2));
        let line = "2026-11-28T23:59:59.999Z\treq\ttext";
        assert_eq!(format_line(line, &tz), "2026-11-29 01:59:59.999\ttext");
    }

    #[test]
    fn other_lines_are_verbatim_but_right_trimmed() {
        assert_eq!(utc("plain print output   "), "plain print output");
        assert_eq!(utc("a\tb\tc"), "a\tb\tc");
        assert_eq!(
            utc("Process exited before completing request"),
            "Process exited before completing request"
        );
    }

    #[test]
    fn whole_tail_skips_end_and_enterprise_lines() {
        let log = "START RequestId: r Version: $LATEST\n\
                   2026-11-28T16:52:21.123Z\tr\tINFO\tlogged\n\
                   SERVERLESS_ENTERPRISE {}\n\
                   END RequestId: r\n\
                   REPORT RequestId: r\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 20 MB\t\n";
        let b64 = base64::engine::general_purpose::STANDARD.encode(log);
        let lines = format_log_result(&b64, &TimeZone::UTC).unwrap();
        assert_eq!(
            lines,
            [
                SEPARATOR,
                "START",
                "2026-11-28 16:52:21.123\tINFO\tlogged",
                "END Duration: 1.00 ms Memory Used: 20 MB",
                "",
            ]
        );
        assert_eq!(SEPARATOR.len(), 68);
    }

    #[test]
    fn invalid_base64_is_an_error() {
        assert!(format_log_result("not base64!!", &TimeZone::UTC).is_err());
    }
}
