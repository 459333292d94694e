//! The variable syntax of Serverless v3, parsed into a [`Template`].
//!
//! `${type:address}`, `${type(param, …):address}`, comma fallbacks ending in an optional literal
//! (`'text'`, `"json text"`, a number, `true`, `false`, `null`), variables nested in addresses and
//! params, `\${` for a literal `${`. `${` followed by anything but a lowercase letter (e.g.
//! `${AWS::Region}`) is CloudFormation text and stays as it is.

use serde_json::Value;
use std::fmt;

/// A string split into literal text and variables.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Literal text, escapes already removed.
    Text(String),
    Var(Variable),
}

/// One `${…}`: sources tried left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    /// The variable as written, for messages.
    pub text: String,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// `type(params):address`.
    Ref(SourceRef),
    /// A literal fallback (always the last source).
    Literal(Value),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceRef {
    pub kind: String,
    /// None when the source has no parentheses.
    pub params: Option<Vec<Param>>,
    pub address: Option<Template>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// A literal: quoted string, number, boolean, null, or a bare word (kept as a string).
    Value(Value),
    /// A param holding variables.
    Template(Template),
}

impl Template {
    pub fn has_variables(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Var(_)))
    }

    /// The variable when the template is exactly one variable (it keeps its value's type).
    pub fn whole_variable(&self) -> Option<&Variable> {
        match self.parts.as_slice() {
            [Part::Var(v)] => Some(v),
            _ => None,
        }
    }

    /// The text of a template without variables.
    pub fn text(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.as_str(),
                Part::Var(v) => v.text.as_str(),
            })
            .collect()
    }

    fn from_text(text: String) -> Self {
        Self {
            parts: if text.is_empty() {
                Vec::new()
            } else {
                vec![Part::Text(text)]
            },
        }
    }
}

/// A syntax error: what is wrong and where (character index) in which string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub index: usize,
    pub input: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at index {} in {:?}",
            self.message, self.index, self.input
        )
    }
}

impl std::error::Error for ParseError {}

/// Variables nested deeper than this are refused (instead of exhausting the stack).
const MAX_NESTING: usize = 32;

/// Parse a string value.
pub fn parse(input: &str) -> Result<Template, ParseError> {
    let mut parser = Parser {
        chars: input.chars().collect(),
        pos: 0,
        input,
        depth: 0,
    };
    let mut parts = Vec::new();
    let mut text = String::new();
    while let Some(c) = parser.peek() {
        if c == '\\' && parser.peek_at(1) == Some('$') && parser.peek_at(2) == Some('{') {
            text.push_str("${");
            parser.pos += 3;
        } else if c == '\\' && parser.peek_at(1).is_some() {
            // A backslash escapes the next character from the syntax but stays in the text.
            text.push(c);
            text.extend(parser.peek_at(1));
            parser.pos += 2;
        } else if c == '$' && parser.peek_at(1) == Some('{') {
            match parser.variable(false)? {
                Some(var) => {
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Var(var));
                }
                None => {
                    // Foreign text (CloudFormation `${AWS::Region}`, `${}`): keep it.
                    text.push_str("${");
                    parser.pos += 2;
                }
            }
        } else {
            text.push(c);
            parser.pos += 1;
        }
    }
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    Ok(Template { parts })
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    input: &'a str,
    depth: usize,
}

/// Where a run of text inside a variable ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Within {
    Address,
    Param,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn error(&self, message: impl Into<String>, index: usize) -> ParseError {
        ParseError {
            message: message.into(),
            index,
            input: self.input.to_owned(),
        }
    }

    fn unterminated(&self, start: usize) -> ParseError {
        self.error("missing closing `}` of the variable", start)
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.pos += 1;
        }
    }

    fn is_type_char(c: char) -> bool {
        c.is_ascii_alphanumeric() || c == '.'
    }

    /// At `${`: parse a variable through its `}`. `Ok(None)` (position unchanged) when the text is
    /// not a variable (foreign); inside another variable (`nested`) that is an error instead.
    fn variable(&mut self, nested: bool) -> Result<Option<Variable>, ParseError> {
        let start = self.pos;
        let type_start = start + 2;
        self.pos = type_start;
        if !self.peek().is_some_and(|c| c.is_ascii_lowercase()) {
            if nested {
                return Err(self.error(
                    "invalid variable type (a source such as `opt:` or `self:` must follow `${`)",
                    type_start,
                ));
            }
            self.pos = start;
            return Ok(None);
        }
        while self.peek().is_some_and(Self::is_type_char) {
            self.pos += 1;
        }
        if !matches!(self.peek(), Some(':' | '(')) {
            if nested {
                return Err(self.error("invalid variable type", type_start));
            }
            self.pos = start;
            return Ok(None);
        }
        // `${word::…}` outside any variable is foreign text too.
        if !nested && self.peek() == Some(':') && self.peek_at(1) == Some(':') {
            self.pos = start;
            return Ok(None);
        }
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error(
                format!("variables nested more than {MAX_NESTING} levels deep"),
                start,
            ));
        }
        let kind: String = self.chars[type_start..self.pos].iter().collect();
        let sources = self.sources(start, type_start, kind)?;
        self.depth -= 1;
        let text = self.chars[start..self.pos].iter().collect();
        Ok(Some(Variable { text, sources }))
    }

    /// The sources of the variable starting at `start`, the first one's type already read
    /// (positioned at its `:` or `(`). Ends after the closing `}`.
    fn sources(
        &mut self,
        start: usize,
        mut kind_start: usize,
        mut kind: String,
    ) -> Result<Vec<Source>, ParseError> {
        let mut sources = Vec::new();
        loop {
            if !is_type(&kind) {
                return Err(
                    self.error(format!("invalid variable source type {kind:?}"), kind_start)
                );
            }
            let mut params = None;
            if self.peek() == Some('(') {
                self.pos += 1;
                params = Some(self.params(start)?);
                self.skip_spaces();
                match self.peek() {
                    Some(':') => {}
                    Some('}') => {
                        self.pos += 1;
                        sources.push(Source::Ref(SourceRef {
                            kind,
                            params,
                            address: None,
                        }));
                        return Ok(sources);
                    }
                    Some(',') => {
                        sources.push(Source::Ref(SourceRef {
                            kind,
                            params,
                            address: None,
                        }));
                        self.pos += 1;
                        match self.next_source(start)? {
                            NextSource::Literal(value) => {
                                sources.push(Source::Literal(value));
                                return Ok(sources);
                            }
                            NextSource::Ref(at, k) => {
                                (kind_start, kind) = (at, k);
                                continue;
                            }
                        }
                    }
                    Some(_) => {
                        return Err(self.error(
                            "invalid variable address (expected `:`, `,` or `}`)",
                            self.pos,
                        ))
                    }
                    None => return Err(self.unterminated(start)),
                }
            }
            // At `:`.
            self.pos += 1;
            self.skip_spaces();
            let address = match self.peek() {
                None => return Err(self.unterminated(start)),
                Some('}' | ',') => None,
                Some(':') => return Err(self.error("invalid variable address", self.pos)),
                Some(q @ ('"' | '\'')) => {
                    let s = self.quoted(q, start)?;
                    self.skip_spaces();
                    if !matches!(self.peek(), Some('}' | ',')) {
                        return Err(
                            self.error("invalid variable address after a quoted string", self.pos)
                        );
                    }
                    Some(Template::from_text(s))
                }
                Some(_) => Some(self.text_run(Within::Address, start)?),
            };
            sources.push(Source::Ref(SourceRef {
                kind,
                params,
                address,
            }));
            match self.peek() {
                Some('}') => {
                    self.pos += 1;
                    return Ok(sources);
                }
                Some(',') => {
                    self.pos += 1;
                    match self.next_source(start)? {
                        NextSource::Literal(value) => {
                            sources.push(Source::Literal(value));
                            return Ok(sources);
                        }
                        NextSource::Ref(at, k) => (kind_start, kind) = (at, k),
                    }
                }
                _ => return Err(self.unterminated(start)),
            }
        }
    }

    /// After a `,`: a literal (which must close the variable) or the type of the next source.
    fn next_source(&mut self, start: usize) -> Result<NextSource, ParseError> {
        self.skip_spaces();
        let source_start = self.pos;
        match self.peek() {
            None => Err(self.unterminated(start)),
            Some(q @ ('"' | '\'')) => {
                let s = self.quoted(q, start)?;
                self.skip_spaces();
                match self.peek() {
                    Some('}') => {
                        self.pos += 1;
                        Ok(NextSource::Literal(Value::String(s)))
                    }
                    None => Err(self.unterminated(start)),
                    Some(_) => Err(self.error(
                        "a string literal must be the last source of a variable",
                        source_start,
                    )),
                }
            }
            Some(c) if Self::is_type_char(c) => {
                while self
                    .peek()
                    .is_some_and(|c| Self::is_type_char(c) || c == ' ')
                {
                    self.pos += 1;
                }
                let word: String = self.chars[source_start..self.pos].iter().collect();
                match self.peek() {
                    Some(':' | '(') => Ok(NextSource::Ref(source_start, word)),
                    Some('}') => {
                        let value = literal(word.trim(), false).ok_or_else(|| {
                            self.error(
                                format!("invalid literal source {:?}", word.trim()),
                                source_start,
                            )
                        })?;
                        self.pos += 1;
                        Ok(NextSource::Literal(value))
                    }
                    None => Err(self.unterminated(start)),
                    Some(_) => Err(self.error("invalid variable source", source_start)),
                }
            }
            Some(_) => Err(self.error("invalid variable source", source_start)),
        }
    }

    /// After `(`: the params through `)`.
    fn params(&mut self, start: usize) -> Result<Vec<Param>, ParseError> {
        let mut params = Vec::new();
        loop {
            self.skip_spaces();
            match self.peek() {
                None => return Err(self.unterminated(start)),
                Some(')') => {
                    self.pos += 1;
                    return Ok(params);
                }
                Some(',') => {
                    self.pos += 1;
                    params.push(Param::Value(Value::Null));
                }
                Some('}') => {
                    return Err(self.error("invalid variable param (missing `)`)", self.pos))
                }
                Some(q @ ('"' | '\'')) => {
                    let s = self.quoted(q, start)?;
                    params.push(Param::Value(Value::String(s)));
                    self.skip_spaces();
                    match self.peek() {
                        Some(')') => {
                            self.pos += 1;
                            return Ok(params);
                        }
                        Some(',') => self.pos += 1,
                        None => return Err(self.unterminated(start)),
                        Some(_) => {
                            return Err(self
                                .error("invalid variable param after a quoted string", self.pos))
                        }
                    }
                }
                Some(_) => {
                    let template = self.text_run(Within::Param, start)?;
                    params.push(if template.has_variables() {
                        Param::Template(template)
                    } else {
                        let text = template.text();
                        Param::Value(literal(&text, true).unwrap_or(Value::String(text)))
                    });
                    // At `)` or `,`.
                    if self.peek() == Some(')') {
                        self.pos += 1;
                        return Ok(params);
                    }
                    self.pos += 1;
                }
            }
        }
    }

    /// Text with nested variables up to (not including) the `}`/`,` ending an address or the
    /// `)`/`,` ending a param; trailing spaces trimmed.
    fn text_run(&mut self, within: Within, start: usize) -> Result<Template, ParseError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            let c = self.peek().ok_or_else(|| self.unterminated(start))?;
            match (within, c) {
                (Within::Address, '}' | ',') | (Within::Param, ')' | ',') => break,
                (Within::Param, '}') => {
                    return Err(self.error("invalid variable param (missing `)`)", self.pos))
                }
                (Within::Address, ':') => {
                    return Err(self.error(
                        "invalid variable address (`:` is not allowed in an address)",
                        self.pos,
                    ))
                }
                (_, '$') if self.peek_at(1) == Some('{') => {
                    let var = self
                        .variable(true)?
                        .ok_or_else(|| self.error("invalid nested variable", self.pos))?;
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Var(var));
                }
                _ => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        let trimmed = text.trim_end();
        if !trimmed.is_empty() {
            parts.push(Part::Text(trimmed.to_owned()));
        }
        Ok(Template { parts })
    }

    /// A quoted string starting at the current quote; ends after the closing quote. Double-quoted
    /// strings are JSON strings; single-quoted ones are taken verbatim.
    fn quoted(&mut self, quote: char, start: usize) -> Result<String, ParseError> {
        let open = self.pos;
        self.pos += 1;
        loop {
            match self.peek() {
                None => return Err(self.unterminated(start)),
                Some('\\') if quote == '"' => self.pos += 2,
                Some(c) if c == quote => break,
                Some(_) => self.pos += 1,
            }
        }
        self.pos += 1;
        let raw: String = self.chars[open..self.pos].iter().collect();
        if quote == '\'' {
            return Ok(raw[1..raw.len() - 1].to_owned());
        }
        serde_json::from_str(&raw)
            .map_err(|e| self.error(format!("invalid string literal ({e})"), open))
    }
}

enum NextSource {
    Literal(Value),
    /// A source type and where it starts.
    Ref(usize, String),
}

/// `^[a-z][a-zA-Z0-9]*$`.
fn is_type(kind: &str) -> bool {
    let mut chars = kind.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// A literal source: `true`, `false`, `null` or a number; in params (`lenient`) anything else is
/// kept as a string by the caller, elsewhere it is an error (None).
fn literal(text: &str, lenient: bool) -> Option<Value> {
    match text {
        "true" => Some(Value::Bool(true)),
        "false" => Some(Value::Bool(false)),
        "null" => Some(Value::Null),
        _ => number(text).or(if lenient {
            Some(Value::String(text.to_owned()))
        } else {
            None
        }),
    }
}

/// A number as JavaScript's `Number()` reads it (decimal, exponent, `0x`/`0o`/`0b`), when finite.
fn number(text: &str) -> Option<Value> {
    let text = text.trim();
    let radix = |prefix: &str, radix: u32| {
        text.strip_prefix(prefix)
            .or_else(|| text.strip_prefix(&prefix.to_uppercase()))
            .and_then(|digits| u64::from_str_radix(digits, radix).ok())
    };
    if let Some(n) = radix("0x", 16)
        .or_else(|| radix("0o", 8))
        .or_else(|| radix("0b", 2))
    {
        return Some(Value::Number(n.into()));
    }
    let decimal = text.strip_prefix(['+', '-']).unwrap_or(text);
    if decimal.is_empty()
        || !decimal
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    if !decimal.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let f: f64 = text.parse().ok()?;
    if !f.is_finite() {
        return None;
    }
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Some(Value::Number((f as i64).into()));
    }
    serde_json::Number::from_f64(f).map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn var(input: &str) -> Variable {
        let t = parse(input).unwrap();
        t.whole_variable()
            .unwrap_or_else(|| panic!("{input:?} is not one variable: {t:?}"))
            .clone()
    }

    fn source(kind: &str, params: Option<Vec<Param>>, address: Option<&str>) -> Source {
        Source::Ref(SourceRef {
            kind: kind.into(),
            params,
            address: address.map(|a| Template::from_text(a.into())),
        })
    }

    fn err(input: &str) -> String {
        parse(input).unwrap_err().to_string()
    }

    #[test]
    fn plain_text_has_no_variables() {
        let t = parse("hello world").unwrap();
        assert!(!t.has_variables());
        assert_eq!(t.text(), "hello world");
        assert_eq!(parse("").unwrap().parts, vec![]);
    }

    #[test]
    fn simple_sources() {
        assert_eq!(
            var("${opt:stage}").sources,
            vec![source("opt", None, Some("stage"))]
        );
        assert_eq!(
            var("${self:provider.stage}").sources,
            vec![source("self", None, Some("provider.stage"))]
        );
        assert_eq!(var("${self:}").sources, vec![source("self", None, None)]);
        assert_eq!(var("${env:HOME}").text, "${env:HOME}");
        assert_eq!(
            var("${sls:instanceId}").sources,
            vec![source("sls", None, Some("instanceId"))]
        );
    }

    #[test]
    fn params_and_address() {
        let v = var("${file(./config.json):a.b}");
        assert_eq!(
            v.sources,
            vec![source(
                "file",
                Some(vec![Param::Value(json!("./config.json"))]),
                Some("a.b")
            )]
        );
        let v = var("${file('./x y.yml')}");
        assert_eq!(
            v.sources,
            vec![source(
                "file",
                Some(vec![Param::Value(json!("./x y.yml"))]),
                None
            )]
        );
        let v = var("${strToBool(true)}");
        assert_eq!(
            v.sources,
            vec![source(
                "strToBool",
                Some(vec![Param::Value(json!(true))]),
                None
            )]
        );
        let v = var("${strToBool( 0 )}");
        assert_eq!(
            v.sources,
            vec![source(
                "strToBool",
                Some(vec![Param::Value(json!(0))]),
                None
            )]
        );
        let v = var("${x(a, , \"b\")}");
        assert_eq!(
            v.sources,
            vec![source(
                "x",
                Some(vec![
                    Param::Value(json!("a")),
                    Param::Value(json!(null)),
                    Param::Value(json!("b"))
                ]),
                None
            )]
        );
    }

    #[test]
    fn literal_fallbacks_of_every_kind() {
        let last = |input: &str| var(input).sources.last().cloned().unwrap();
        assert_eq!(last("${opt:stage, 'dev'}"), Source::Literal(json!("dev")));
        assert_eq!(
            last(r#"${opt:stage, "d\"ev\u0041"}"#),
            Source::Literal(json!("d\"evA"))
        );
        assert_eq!(last("${opt:n, 42}"), Source::Literal(json!(42)));
        assert_eq!(last("${opt:n, 1.5}"), Source::Literal(json!(1.5)));
        assert_eq!(last("${opt:n, true}"), Source::Literal(json!(true)));
        assert_eq!(last("${opt:n, false}"), Source::Literal(json!(false)));
        assert_eq!(last("${opt:n, null}"), Source::Literal(json!(null)));
        assert_eq!(last("${opt:n, ''}"), Source::Literal(json!("")));
        assert_eq!(last("${opt:n,'x, y'}"), Source::Literal(json!("x, y")));
    }

    #[test]
    fn source_fallback_chain() {
        let v = var("${opt:stage, self:provider.stage, env:STAGE, 'dev'}");
        assert_eq!(
            v.sources,
            vec![
                source("opt", None, Some("stage")),
                source("self", None, Some("provider.stage")),
                source("env", None, Some("STAGE")),
                Source::Literal(json!("dev")),
            ]
        );
    }

    #[test]
    fn nesting_in_address_and_params() {
        let v = var("${env:${opt:stage}_URL}");
        let Source::Ref(r) = &v.sources[0] else {
            panic!()
        };
        let address = r.address.as_ref().unwrap();
        assert_eq!(address.parts.len(), 2);
        assert!(matches!(&address.parts[0], Part::Var(inner) if inner.text == "${opt:stage}"));
        assert_eq!(address.parts[1], Part::Text("_URL".into()));

        let v = var("${file(./config.${opt:stage, 'dev'}.json):CREDS}");
        let Source::Ref(r) = &v.sources[0] else {
            panic!()
        };
        let Some(params) = &r.params else { panic!() };
        let [Param::Template(t)] = params.as_slice() else {
            panic!("{params:?}")
        };
        assert_eq!(t.parts.len(), 3);
    }

    #[test]
    fn embedded_variables_split_text() {
        let t = parse("arn:${opt:region}:x:${self:service}!").unwrap();
        assert_eq!(t.parts.len(), 5);
        assert!(t.whole_variable().is_none());
        assert_eq!(t.parts[0], Part::Text("arn:".into()));
        assert_eq!(t.parts[4], Part::Text("!".into()));
    }

    #[test]
    fn escapes_make_literal_text() {
        let t = parse(r"\${opt:stage} and ${opt:x}").unwrap();
        assert_eq!(t.parts[0], Part::Text("${opt:stage} and ".into()));
        assert!(matches!(t.parts[1], Part::Var(_)));
        let t = parse(r"C:\path\n").unwrap();
        assert_eq!(t.text(), r"C:\path\n");
        assert!(!parse(r"^\$foo").unwrap().has_variables());
    }

    #[test]
    fn foreign_text_is_kept() {
        for s in [
            "${AWS::Region}",
            "${}",
            "${Foo}",
            "${foo}",
            "${foo bar}",
            "${a.b}",
            "${aws::x}",
            "${AWS::Region",
        ] {
            let t = parse(s).unwrap();
            assert!(!t.has_variables(), "{s}");
            assert_eq!(t.text(), s);
        }
        let t = parse("${AWS::StackName}-${self:service}").unwrap();
        assert_eq!(t.parts[0], Part::Text("${AWS::StackName}-".into()));
        let t = parse("${Foo${opt:x}}").unwrap();
        assert_eq!(t.parts.len(), 3);
    }

    #[test]
    fn syntax_errors() {
        assert!(err("${opt:stage").contains("missing closing `}`"));
        assert!(err("${opt:stage, 'dev'").contains("missing closing `}`"));
        assert!(err("${file(./a.json").contains("missing closing `}`"));
        assert!(err("${opt:stage, -1}").contains("invalid variable source"));
        assert!(err("${opt:stage, dev}").contains("invalid literal source \"dev\""));
        assert!(err("${opt:a, 'x', 'y'}").contains("a string literal must be the last source"));
        assert!(err("${opt:a:b}").contains("`:` is not allowed in an address"));
        assert!(err("${env:${AWS::Region}}").contains("invalid variable type"));
        assert!(err("${file(a}").contains("invalid variable param"));
        assert!(err(r#"${opt:a, "\x"}"#).contains("invalid string literal"));
        assert!(err("${self.x:y}").contains("invalid variable source type \"self.x\""));
        assert!(err("${file(a) b}").contains("invalid variable address"));
        assert!(err("${opt:a, Foo:x}").contains("invalid variable source type \"Foo\""));
    }

    #[test]
    fn errors_show_index_and_input() {
        assert_eq!(
            err("x ${opt:a"),
            "missing closing `}` of the variable at index 2 in \"x ${opt:a\""
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "${opt:".repeat(100) + &"}".repeat(100);
        assert!(err(&deep).contains("nested more than"));
    }

    #[test]
    fn numbers_follow_javascript() {
        assert_eq!(number("10"), Some(json!(10)));
        assert_eq!(number("0x1f"), Some(json!(31)));
        assert_eq!(number("1e3"), Some(json!(1000)));
        assert_eq!(number(".5"), Some(json!(0.5)));
        assert_eq!(number("Infinity"), None);
        assert_eq!(number("nan"), None);
        assert_eq!(number("1.2.3"), None);
        assert_eq!(number("abc"), None);
    }
}
