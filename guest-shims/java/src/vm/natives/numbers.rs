//! Java's number ⇄ text rules (`Double.toString`, `Float.toString`, `Double.parseDouble`).
//!
//! Digits are the shortest that round-trip (Rust's formatter), the algorithm of JDK 19+
//! `Double.toString`. JDK 17's older algorithm prints more digits for a few values
//! (e.g. 2.0E23 as 1.9999999999999998E23); that difference is documented, not emulated.

/// Formats like `Double.toString(double)`.
pub fn double_to_string(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if d == 0.0 {
        return if d.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    java_format(&format!("{:e}", d))
}

/// Formats like `Float.toString(float)`.
pub fn float_to_string(f: f32) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    java_format(&format!("{:e}", f))
}

/// Turns Rust's shortest scientific form (`-1.2345e6`) into Java's layout: plain decimal for
/// 1e-3 <= |x| < 1e7, otherwise `d.dddE±n`, always with at least one fraction digit.
fn java_format(sci: &str) -> String {
    let (neg, rest) = match sci.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, sci),
    };
    let (mantissa, exp) = rest.split_once('e').unwrap_or((rest, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-3..7).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            let padded = format!("{digits:0<int_len$}");
            let (i, f) = padded.split_at(int_len);
            out.push_str(i);
            out.push('.');
            out.push_str(if f.is_empty() { "0" } else { f });
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        let (first, frac) = digits.split_at(1);
        out.push_str(first);
        out.push('.');
        out.push_str(if frac.is_empty() { "0" } else { frac });
        out.push('E');
        out.push_str(&exp.to_string());
    }
    out
}

/// `Double.parseDouble`: Java syntax (leading/trailing whitespace, optional f/d suffix,
/// `NaN`, `Infinity`, hex floats not supported). None → NumberFormatException.
pub fn parse_double(s: &str) -> Option<f64> {
    let t = s.trim_matches(|c: char| c <= ' ');
    let body = t.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(t);
    match body.trim_start_matches(['+', '-']) {
        "NaN" => return Some(f64::NAN),
        "Infinity" => {
            return Some(if body.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            })
        }
        "" => return None,
        _ => {}
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    body.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_like_java() {
        for (v, s) in [
            (1.0, "1.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e10, "1.0E10"),
            (1e-4, "1.0E-4"),
            (0.001, "0.001"),
            (1234567.0, "1234567.0"),
            (12345678.0, "1.2345678E7"),
            (-2.5, "-2.5"),
            (100.0, "100.0"),
            (f64::MAX, "1.7976931348623157E308"),
            (f64::MIN_POSITIVE, "2.2250738585072014E-308"),
            (-0.0, "-0.0"),
            (3.14, "3.14"),
        ] {
            assert_eq!(double_to_string(v), s);
        }
        assert_eq!(float_to_string(1.1f32), "1.1");
        assert_eq!(float_to_string(1e10f32), "1.0E10");
        assert_eq!(float_to_string(0.3f32), "0.3");
    }

    #[test]
    fn parses_java_double_syntax() {
        assert_eq!(parse_double(" 1.5d "), Some(1.5));
        assert_eq!(parse_double("-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_double("1e3"), Some(1000.0));
        assert!(parse_double("abc").is_none());
        assert!(parse_double("").is_none());
        assert!(parse_double("inf").is_none());
    }
}
