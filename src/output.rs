//! One formatter for local, remote and served results (DESIGN §1): the result as JSON with a
//! 4-space indent on stdout; a function error as the Lambda error document.
//!
//! JSON is re-indented token by token, never through `serde_json::Value`: number spelling, big
//! integers, string escapes, key order and duplicate keys stay exactly as the function wrote them.

use crate::exit::Outcome;
use crate::outcome::{FunctionError, InvokeResult};
use std::io::Write;

/// Re-indent JSON text like `JSON.stringify(v, null, 4)`, keeping every token verbatim. `None`
/// when the text is not one valid JSON value (surrounding whitespace allowed).
pub fn pretty_json(json: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(json).ok()?;
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut lexer = Lexer {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    // Containers open: whether each has had an element yet.
    let mut stack: Vec<(u8, bool)> = Vec::new();
    // What the grammar allows next.
    #[derive(PartialEq)]
    enum Expect {
        Value,
        /// A value or the container's close (right after `[`).
        ValueOrClose,
        /// A key or `}` (right after `{`).
        KeyOrClose,
        Key,
        Colon,
        /// `,` or the container's close; at the top level, the end of input.
        CommaOrClose,
    }
    let mut expect = Expect::Value;
    let indent = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("    ");
        }
    };
    loop {
        lexer.skip_whitespace();
        let Some(&b) = lexer.bytes.get(lexer.pos) else {
            return (expect == Expect::CommaOrClose && stack.is_empty()).then_some(out);
        };
        match expect {
            Expect::CommaOrClose => {
                let (open, _) = *stack.last()?;
                match b {
                    b',' => {
                        lexer.pos += 1;
                        out.push(',');
                        indent(&mut out, stack.len());
                        expect = if open == b'{' {
                            Expect::Key
                        } else {
                            Expect::Value
                        };
                    }
                    b']' if open == b'[' => close(&mut lexer, &mut out, &mut stack, b']', &indent),
                    b'}' if open == b'{' => close(&mut lexer, &mut out, &mut stack, b'}', &indent),
                    _ => return None,
                }
            }
            Expect::Colon => {
                if b != b':' {
                    return None;
                }
                lexer.pos += 1;
                out.push_str(": ");
                expect = Expect::Value;
            }
            Expect::Key | Expect::KeyOrClose => {
                if b == b'}' && expect == Expect::KeyOrClose {
                    lexer.pos += 1;
                    stack.pop();
                    out.push('}');
                    expect = Expect::CommaOrClose;
                    continue;
                }
                if b != b'"' {
                    return None;
                }
                if let Some(last) = stack.last_mut() {
                    if !last.1 {
                        last.1 = true;
                        indent(&mut out, stack.len());
                    }
                }
                out.push_str(lexer.string()?);
                expect = Expect::Colon;
            }
            Expect::Value | Expect::ValueOrClose => {
                if b == b']' && expect == Expect::ValueOrClose {
                    lexer.pos += 1;
                    stack.pop();
                    out.push(']');
                    expect = Expect::CommaOrClose;
                    continue;
                }
                // The first element of an array starts on its own line.
                if let Some(last) = stack.last_mut() {
                    if !last.1 {
                        last.1 = true;
                        indent(&mut out, stack.len());
                    }
                }
                match b {
                    b'{' | b'[' => {
                        lexer.pos += 1;
                        out.push(b as char);
                        stack.push((b, false));
                        if stack.len() > 10_000 {
                            return None;
                        }
                        expect = if b == b'{' {
                            Expect::KeyOrClose
                        } else {
                            Expect::ValueOrClose
                        };
                        continue;
                    }
                    b'"' => out.push_str(lexer.string()?),
                    b'-' | b'0'..=b'9' => out.push_str(lexer.number()?),
                    b't' => out.push_str(lexer.keyword("true")?),
                    b'f' => out.push_str(lexer.keyword("false")?),
                    b'n' => out.push_str(lexer.keyword("null")?),
                    _ => return None,
                }
                expect = Expect::CommaOrClose;
            }
        }
    }

    fn close(
        lexer: &mut Lexer,
        out: &mut String,
        stack: &mut Vec<(u8, bool)>,
        c: u8,
        indent: &dyn Fn(&mut String, usize),
    ) {
        lexer.pos += 1;
        stack.pop();
        indent(out, stack.len());
        out.push(c as char);
    }
}

/// Whether `text` is one valid JSON value (what `JSON.parse` accepts).
pub fn is_json(text: &[u8]) -> bool {
    pretty_json(text).is_some()
}

struct Lexer<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn skip_whitespace(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// A string token, quotes included, validated (escapes, no raw control characters).
    fn string(&mut self) -> Option<&'a str> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match *self.bytes.get(self.pos)? {
                b'"' => break,
                b'\\' => {
                    self.pos += 1;
                    match *self.bytes.get(self.pos)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            let hex = self.bytes.get(self.pos + 1..self.pos + 5)?;
                            if !hex.iter().all(u8::is_ascii_hexdigit) {
                                return None;
                            }
                            self.pos += 4;
                        }
                        _ => return None,
                    }
                    self.pos += 1;
                }
                0..=0x1f => return None,
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        Some(&self.text[start..self.pos])
    }

    /// A number token: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let digits = |lexer: &mut Self| {
            let from = lexer.pos;
            while lexer.bytes.get(lexer.pos).is_some_and(u8::is_ascii_digit) {
                lexer.pos += 1;
            }
            lexer.pos > from
        };
        if self.bytes[self.pos] == b'-' {
            self.pos += 1;
        }
        match self.bytes.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => _ = digits(self),
            _ => return None,
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !digits(self) {
                return None;
            }
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.bytes.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        Some(&self.text[start..self.pos])
    }

    fn keyword(&mut self, word: &'static str) -> Option<&'static str> {
        let end = self.pos + word.len();
        (self.bytes.get(self.pos..end)? == word.as_bytes()).then(|| {
            self.pos = end;
            word
        })
    }
}

/// The Lambda error document `{"errorMessage", "errorType", "stackTrace"}`, 4-space indent.
pub fn error_document(err: &FunctionError) -> String {
    #[derive(serde::Serialize)]
    struct Document<'a> {
        #[serde(rename = "errorMessage")]
        error_message: &'a str,
        #[serde(rename = "errorType")]
        error_type: &'a str,
        #[serde(rename = "stackTrace")]
        stack_trace: &'a [String],
    }
    let doc = Document {
        error_message: &err.error_message,
        error_type: &err.error_type,
        stack_trace: &err.stack_trace,
    };
    let compact = serde_json::to_vec(&doc).unwrap_or_default();
    pretty_json(&compact).unwrap_or_default()
}

/// Print an invocation's result on stdout: the payload (pretty JSON with a trailing newline, or
/// raw bytes unchanged) on success, the error document on failure.
pub fn print_result(result: &InvokeResult) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let outcome = write_result(&mut out, result)?;
    out.flush()?;
    Ok(outcome)
}

/// [`print_result`] into any writer.
pub fn write_result(out: &mut dyn Write, result: &InvokeResult) -> anyhow::Result<Outcome> {
    match result {
        InvokeResult::Ok(response) if response.is_json => {
            match pretty_json(&response.payload) {
                Some(pretty) => writeln!(out, "{pretty}")?,
                // Not JSON after all: show it as it is rather than lose it.
                None => {
                    out.write_all(&response.payload)?;
                    writeln!(out)?;
                }
            }
            Ok(Outcome::Success)
        }
        InvokeResult::Ok(response) => {
            out.write_all(&response.payload)?;
            Ok(Outcome::Success)
        }
        InvokeResult::Err(err) => {
            writeln!(out, "{}", error_document(err))?;
            Ok(Outcome::FunctionFailed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Response;

    fn pretty(s: &str) -> Option<String> {
        pretty_json(s.as_bytes())
    }

    #[test]
    fn indents_like_json_stringify() {
        assert_eq!(
            pretty(r#"{"a":1,"b":[1,{"c":null}],"d":{},"e":[]}"#).unwrap(),
            "{\n    \"a\": 1,\n    \"b\": [\n        1,\n        {\n            \"c\": null\n        }\n    ],\n    \"d\": {},\n    \"e\": []\n}"
        );
        assert_eq!(pretty("\"text\"").unwrap(), "\"text\"");
        assert_eq!(pretty(" null \n").unwrap(), "null");
        assert_eq!(pretty("[ ]").unwrap(), "[]");
        assert_eq!(pretty("{ }").unwrap(), "{}");
    }

    #[test]
    fn keeps_tokens_verbatim() {
        assert_eq!(
            pretty(r#"[12345678901234567890123, 1.50, 1E+3, -0, "\u00e9\/", "é"]"#).unwrap(),
            "[\n    12345678901234567890123,\n    1.50,\n    1E+3,\n    -0,\n    \"\\u00e9\\/\",\n    \"é\"\n]"
        );
        assert_eq!(
            pretty(r#"{"b":1,"a":2,"b":3}"#).unwrap(),
            "{\n    \"b\": 1,\n    \"a\": 2,\n    \"b\": 3\n}"
        );
    }

    #[test]
    fn rejects_invalid_json() {
        for bad in [
            "",
            "{",
            "}",
            "[1,]",
            "{\"a\"}",
            "{\"a\":}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "tru",
            "nul",
            "[1 2]",
            "\"\\x\"",
            "\"a\nb\"",
            "\"\\u12\"",
            "1 2",
            "{\"a\":1,}",
            "[}",
            "{]",
            "\"unterminated",
            "NaN",
            "-",
        ] {
            assert_eq!(pretty(bad), None, "{bad:?}");
        }
        assert_eq!(pretty_json(&[b'"', 0xff, b'"']), None);
        assert!(is_json(b"[[[]]]"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(pretty(&deep), None);
        let ok = "[".repeat(500) + &"]".repeat(500);
        assert!(pretty(&ok).is_some());
    }

    #[test]
    fn results_and_errors() {
        let mut out = Vec::new();
        let ok = InvokeResult::Ok(Response {
            payload: br#"{"x":1}"#.to_vec(),
            is_json: true,
        });
        assert_eq!(write_result(&mut out, &ok).unwrap(), Outcome::Success);
        assert_eq!(String::from_utf8(out).unwrap(), "{\n    \"x\": 1\n}\n");

        let mut out = Vec::new();
        let raw = InvokeResult::Ok(Response {
            payload: b"raw\x00bytes".to_vec(),
            is_json: false,
        });
        assert_eq!(write_result(&mut out, &raw).unwrap(), Outcome::Success);
        assert_eq!(out, b"raw\x00bytes");

        let mut out = Vec::new();
        let mut err = FunctionError::new("Error", "boom \"quoted\"");
        err.stack_trace = vec!["at handler (index.js:1:1)".into()];
        assert_eq!(
            write_result(&mut out, &InvokeResult::Err(err)).unwrap(),
            Outcome::FunctionFailed
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n    \"errorMessage\": \"boom \\\"quoted\\\"\",\n    \"errorType\": \"Error\",\n    \"stackTrace\": [\n        \"at handler (index.js:1:1)\"\n    ]\n}\n"
        );
    }

    #[test]
    fn empty_stack_trace_is_an_empty_list() {
        assert!(error_document(&FunctionError::new("E", "m")).ends_with("\"stackTrace\": []\n}"));
    }

    mod properties {
        use super::super::pretty_json;
        use proptest::prelude::*;

        fn json_value() -> impl Strategy<Value = serde_json::Value> {
            let leaf = prop_oneof![
                Just(serde_json::Value::Null),
                any::<bool>().prop_map(serde_json::Value::from),
                any::<i64>().prop_map(serde_json::Value::from),
                any::<f64>()
                    .prop_filter("finite", |f| f.is_finite())
                    .prop_map(serde_json::Value::from),
                any::<String>().prop_map(serde_json::Value::from),
            ];
            leaf.prop_recursive(4, 32, 6, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                    prop::collection::vec((any::<String>(), inner), 0..6).prop_map(|entries| {
                        serde_json::Value::Object(entries.into_iter().collect())
                    }),
                ]
            })
        }

        proptest! {
                    #[test]
                    fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
                        let _ = pretty_json(&bytes);
                    }

                    #[test]
                    fn pretty_json_is_the_same_value_as_serde_would_print(value in json_value()) {
                        let compact = serde_json::to_vec(&value).unwrap();
                        let pretty = pretty_json(&compact).expect("valid JSON");
        // (Compared as text: serde_json's float parsing does not round-trip every f64.)
                        // serde_json's own 4-space pretty printer agrees byte for byte.
                        let mut expected = Vec::new();
                        let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
                        let mut ser = serde_json::Serializer::with_formatter(&mut expected, formatter);
                        serde::Serialize::serialize(&value, &mut ser).unwrap();
                        prop_assert_eq!(pretty, String::from_utf8(expected).unwrap());
                    }
                }
    }
}
