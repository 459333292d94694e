//! YAML text → JSON values. CloudFormation short tags (`!Ref`, `!Sub`, `!GetAtt`, …) are kept as
//! the opaque long-form objects CloudFormation itself uses (`{"Ref": …}`, `{"Fn::Sub": …}`).

use serde_json::{Map, Number, Value};
use serde_yaml::value::TaggedValue;

/// Why YAML text could not become JSON.
#[derive(Debug, thiserror::Error)]
pub enum YamlError {
    /// Syntax error; the message carries the line and column.
    #[error("{0}")]
    Syntax(String),
    /// Valid YAML that JSON cannot hold (a mapping key that is a list, …).
    #[error("{0}")]
    Unsupported(String),
}

/// Parse YAML text (a whole document) into JSON. An empty document is `null`.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    let mut value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| YamlError::Syntax(e.to_string()))?;
    value
        .apply_merge()
        .map_err(|e| YamlError::Unsupported(e.to_string()))?;
    to_json(value, &mut Vec::new())
}

fn to_json(value: serde_yaml::Value, path: &mut Vec<String>) -> Result<Value, YamlError> {
    use serde_yaml::Value as Y;
    Ok(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => number(&n),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                path.push(i.to_string());
                out.push(to_json(item, path)?);
                path.pop();
            }
            Value::Array(out)
        }
        Y::Mapping(mapping) => {
            let mut out = Map::new();
            for (key, item) in mapping {
                let key = scalar_key(&key).ok_or_else(|| {
                    YamlError::Unsupported(format!(
                        "{}: a mapping key must be a string, number or boolean",
                        if path.is_empty() {
                            "(top level)".to_owned()
                        } else {
                            path.join(".")
                        }
                    ))
                })?;
                path.push(key.clone());
                let item = to_json(item, path)?;
                path.pop();
                out.insert(key, item);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => cloudformation_tag(*tagged, path)?,
    })
}

fn number(n: &serde_yaml::Number) -> Value {
    if let Some(i) = n.as_i64() {
        Value::Number(i.into())
    } else if let Some(u) = n.as_u64() {
        Value::Number(u.into())
    } else {
        // NaN and infinities have no JSON form: keep their YAML spelling as text.
        n.as_f64()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(n.to_string()))
    }
}

fn scalar_key(key: &serde_yaml::Value) -> Option<String> {
    use serde_yaml::Value as Y;
    match key {
        Y::String(s) => Some(s.clone()),
        Y::Number(n) => Some(n.to_string()),
        Y::Bool(b) => Some(b.to_string()),
        Y::Null => Some("null".to_owned()),
        _ => None,
    }
}

/// `!Ref x` → `{"Ref": "x"}`, `!GetAtt a.b` → `{"Fn::GetAtt": ["a", "b"]}`, `!Sub s` →
/// `{"Fn::Sub": s}`; any other tag `!T v` → `{"Fn::T": v}`.
fn cloudformation_tag(tagged: TaggedValue, path: &mut Vec<String>) -> Result<Value, YamlError> {
    let tag = tagged.tag.to_string();
    let name = tag.trim_start_matches('!');
    let value = to_json(tagged.value, path)?;
    let (key, value) = match name {
        "Ref" | "Condition" => (name.to_owned(), value),
        "GetAtt" => {
            let value = match value {
                Value::String(s) => match s.split_once('.') {
                    Some((resource, attribute)) => {
                        Value::Array(vec![resource.into(), attribute.into()])
                    }
                    None => Value::String(s),
                },
                other => other,
            };
            ("Fn::GetAtt".to_owned(), value)
        }
        _ => (format!("Fn::{name}"), value),
    };
    Ok(Value::Object(Map::from_iter([(key, value)])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_key_order_and_types() {
        let v = parse("b: 1\na: [true, null, 1.5, text]\n").unwrap();
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"b":1,"a":[true,null,1.5,"text"]}"#
        );
    }

    #[test]
    fn cloudformation_tags_are_opaque_values() {
        let v = parse(
            "a: !Ref Table\nb: !Sub '${AWS::Region}-x'\nc: !GetAtt Table.Arn\nd: !Join [':', [a, b]]\ne: !ImportValue x\n",
        )
        .unwrap();
        assert_eq!(
            v,
            json!({
                "a": {"Ref": "Table"},
                "b": {"Fn::Sub": "${AWS::Region}-x"},
                "c": {"Fn::GetAtt": ["Table", "Arn"]},
                "d": {"Fn::Join": [":", ["a", "b"]]},
                "e": {"Fn::ImportValue": "x"},
            })
        );
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = parse("a: 1\nb: [1, 2\n").unwrap_err().to_string();
        assert!(err.contains("line"), "{err}");
        assert!(err.contains("column"), "{err}");
    }

    #[test]
    fn merge_keys_and_non_string_keys() {
        let v = parse("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n1: one\n").unwrap();
        assert_eq!(
            v,
            json!({"base": {"x": 1}, "derived": {"x": 1, "y": 2}, "1": "one"})
        );
        assert!(parse("? [a]\n: 1\n").is_err());
    }

    #[test]
    fn empty_document_is_null() {
        assert_eq!(parse("").unwrap(), Value::Null);
    }
}
