//! JSON text ⇄ tree, with the leniency of the Lambda runtime's Jackson configuration:
//! single quotes, unquoted field names, leading zeros, NaN/Infinity, unescaped control
//! characters and backslash-escaping of any character. Numbers keep their source text so
//! that String coercion ("42" from 42) and exact integer ranges can be decided later.

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// Source text of the number (e.g. "007", "1e3", "NaN").
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Keys in document order; duplicates kept (the last wins when mapped).
    Object(Vec<(String, Json)>),
}

#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{0}")]
pub struct JsonError(pub String);

pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    p.ws();
    if p.i >= p.s.len() {
        return Err(JsonError("No content to map due to end-of-input".into()));
    }
    let v = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(JsonError(format!(
            "Unexpected trailing content at offset {}",
            p.i
        )));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn err<T>(&self, what: &str) -> Result<T, JsonError> {
        Err(JsonError(format!("{what} at offset {}", self.i)))
    }

    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > 500 {
            return self.err("JSON nested too deeply");
        }
        self.ws();
        match self.s.get(self.i) {
            None => self.err("Unexpected end-of-input"),
            Some(b'{') => {
                self.i += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(Json::Object(fields));
                }
                loop {
                    self.ws();
                    let key = match self.s.get(self.i) {
                        Some(b'"') | Some(b'\'') => self.string()?,
                        Some(_) => self.bare_name()?,
                        None => return self.err("Unexpected end-of-input in object"),
                    };
                    self.ws();
                    if self.s.get(self.i) != Some(&b':') {
                        return self.err("Expected ':'");
                    }
                    self.i += 1;
                    let v = self.value(depth + 1)?;
                    fields.push((key, v));
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Json::Object(fields));
                        }
                        _ => return self.err("Expected ',' or '}'"),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return self.err("Expected ',' or ']'"),
                    }
                }
            }
            Some(b'"') | Some(b'\'') => Ok(Json::String(self.string()?)),
            Some(_) => {
                let word = self.bare_name()?;
                match word.as_str() {
                    "true" => Ok(Json::Bool(true)),
                    "false" => Ok(Json::Bool(false)),
                    "null" => Ok(Json::Null),
                    "NaN" | "Infinity" | "+Infinity" | "-Infinity" => Ok(Json::Number(word)),
                    w if is_number(w) => Ok(Json::Number(word)),
                    _ => Err(JsonError(format!("Unrecognized token '{word}'"))),
                }
            }
        }
    }

    fn bare_name(&mut self) -> Result<String, JsonError> {
        let start = self.i;
        while self.i < self.s.len()
            && !matches!(
                self.s[self.i],
                b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b']' | b'}' | b'[' | b'{'
            )
        {
            self.i += 1;
        }
        if start == self.i {
            return self.err("Unexpected character");
        }
        Ok(self.text[start..self.i].to_string())
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let quote = self.s[self.i];
        self.i += 1;
        let mut out: Vec<u16> = Vec::new();
        loop {
            let Some(&b) = self.s.get(self.i) else {
                return self.err("Unexpected end-of-input in string");
            };
            if b == quote {
                self.i += 1;
                return Ok(String::from_utf16_lossy(&out));
            }
            if b == b'\\' {
                self.i += 1;
                let Some(&e) = self.s.get(self.i) else {
                    return self.err("Unexpected end-of-input in escape");
                };
                self.i += 1;
                match e {
                    b'n' => out.push(10),
                    b't' => out.push(9),
                    b'r' => out.push(13),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'u' => {
                        let hex = self
                            .text
                            .get(self.i..self.i + 4)
                            .ok_or(JsonError("Bad \\u escape".into()))?;
                        let v = u16::from_str_radix(hex, 16)
                            .map_err(|_| JsonError("Bad \\u escape".into()))?;
                        out.push(v);
                        self.i += 4;
                    }
                    _ => {
                        // Any other escaped character stands for itself (lenient).
                        self.i -= 1;
                        let ch = self.text[self.i..].chars().next().unwrap_or('\u{0}');
                        let mut buf = [0u16; 2];
                        out.extend_from_slice(ch.encode_utf16(&mut buf));
                        self.i += ch.len_utf8();
                    }
                }
                continue;
            }
            let ch = self.text[self.i..].chars().next().unwrap_or('\u{0}');
            let mut buf = [0u16; 2];
            out.extend_from_slice(ch.encode_utf16(&mut buf));
            self.i += ch.len_utf8();
        }
    }
}

fn is_number(w: &str) -> bool {
    let b = w.strip_prefix(['-', '+']).unwrap_or(w);
    !b.is_empty()
        && b.as_bytes()[0].is_ascii_digit()
        && b.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && w.parse::<f64>().is_ok()
}

/// Appends `s` as a JSON string literal the way Jackson writes it: `"` and `\` escaped,
/// control characters as short escapes or \u00XX, everything else raw UTF-8.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_standard_and_lenient_json() {
        assert_eq!(
            parse(r#"{"a": [1, 2.5, "x"], "b": {"c": null, "d": true}}"#).unwrap(),
            Json::Object(vec![
                (
                    "a".into(),
                    Json::Array(vec![
                        Json::Number("1".into()),
                        Json::Number("2.5".into()),
                        Json::String("x".into())
                    ])
                ),
                (
                    "b".into(),
                    Json::Object(vec![
                        ("c".into(), Json::Null),
                        ("d".into(), Json::Bool(true))
                    ])
                ),
            ])
        );
        assert_eq!(
            parse("{unquoted:'single', lead: 007, nan: NaN}").unwrap(),
            Json::Object(vec![
                ("unquoted".into(), Json::String("single".into())),
                ("lead".into(), Json::Number("007".into())),
                ("nan".into(), Json::Number("NaN".into())),
            ])
        );
        assert_eq!(
            parse(r#""a\qb\u00e9""#).unwrap(),
            Json::String("aqbé".into())
        );
        assert_eq!(
            parse("\"tab\there\"").unwrap(),
            Json::String("tab\there".into())
        );
    }

    #[test]
    fn rejects_garbage_without_panicking() {
        for bad in ["", "{", "[1,", "{\"a\" 1}", "tru", "\"open", "{}}", "\\u12"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn writes_strings_like_jackson() {
        let mut s = String::new();
        write_string(&mut s, "hello \"q\" é \u{2028} </ \n\u{1}");
        assert_eq!(s, "\"hello \\\"q\\\" é \u{2028} </ \\n\\u0001\"");
    }
}
