//! The functions `serve` exposes and how a request names one: deployed name, function key or
//! ARN (full or partial), optionally with a qualifier (`:q` suffix or `?Qualifier=`).

use indexmap::IndexMap;
use std::time::Duration;

/// The account id used in the ARNs `serve` reports (the one SAM and moto use).
pub const LOCAL_ACCOUNT_ID: &str = "123456789012";

/// The only version a served function has.
pub const LATEST: &str = "$LATEST";

/// One function `serve` can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionEntry {
    /// The key under `functions:`.
    pub key: String,
    /// The deployed name (`functions.X.name` or `<service>-<stage>-<key>`).
    pub name: String,
    pub region: String,
    pub memory_size_mb: u32,
    pub timeout: Duration,
}

impl FunctionEntry {
    pub fn arn(&self) -> String {
        format!(
            "arn:aws:lambda:{}:{LOCAL_ACCOUNT_ID}:function:{}",
            self.region, self.name
        )
    }
}

/// Why a request names no servable function.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// 404 `ResourceNotFoundException`, with AWS's message.
    #[error("Function not found: {0}")]
    NotFound(String),
    /// 400 `InvalidParameterValueException`: the name and `?Qualifier=` disagree.
    #[error(
        "The derived qualifier from the function name does not match the specified qualifier."
    )]
    QualifierMismatch,
}

/// The served functions, by deployed name and by key.
#[derive(Debug, Clone, Default)]
pub struct Functions {
    by_name: IndexMap<String, FunctionEntry>,
}

impl Functions {
    pub fn new(entries: impl IntoIterator<Item = FunctionEntry>) -> Self {
        Self {
            by_name: entries.into_iter().map(|e| (e.name.clone(), e)).collect(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &FunctionEntry> {
        self.by_name.values()
    }

    /// Resolve `{FunctionName}` from the path (already percent-decoded) and `?Qualifier=`.
    /// Only `$LATEST` exists locally; any other qualifier is not found, as on AWS.
    pub fn resolve(
        &self,
        function_name: &str,
        query_qualifier: Option<&str>,
    ) -> Result<&FunctionEntry, LookupError> {
        let (region, name, name_qualifier) = split_function_name(function_name);
        let qualifier = match (name_qualifier, query_qualifier) {
            (Some(a), Some(b)) if a != b => return Err(LookupError::QualifierMismatch),
            (a, b) => a.or(b),
        };
        let entry = self
            .by_name
            .get(name)
            .or_else(|| self.by_name.values().find(|e| e.key == name));
        let not_found = || {
            let region = region
                .or(entry.map(|e| e.region.as_str()))
                .unwrap_or("us-east-1");
            let name = entry.map_or(name, |e| e.name.as_str());
            let mut arn = format!("arn:aws:lambda:{region}:{LOCAL_ACCOUNT_ID}:function:{name}");
            if let Some(q) = qualifier {
                arn.push(':');
                arn.push_str(q);
            }
            LookupError::NotFound(arn)
        };
        match entry {
            Some(e)
                if region.is_none_or(|r| r == e.region)
                    && qualifier.is_none_or(|q| q == LATEST) =>
            {
                Ok(e)
            }
            _ => Err(not_found()),
        }
    }
}

/// `name[:qualifier]`, `account:function:name[:qualifier]` or
/// `arn:aws:lambda:region:account:function:name[:qualifier]` → (region, name, qualifier).
fn split_function_name(s: &str) -> (Option<&str>, &str, Option<&str>) {
    let parts: Vec<&str> = s.split(':').collect();
    match parts.as_slice() {
        ["arn", _partition, "lambda", region, _account, "function", name, rest @ ..]
            if rest.len() <= 1 =>
        {
            (Some(region), name, rest.first().copied())
        }
        [_account, "function", name, rest @ ..] if rest.len() <= 1 => {
            (None, name, rest.first().copied())
        }
        [name] => (None, name, None),
        [name, qualifier] => (None, name, Some(qualifier)),
        _ => (None, s, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn functions() -> Functions {
        Functions::new([FunctionEntry {
            key: "hello".into(),
            name: "svc-dev-hello".into(),
            region: "eu-west-1".into(),
            memory_size_mb: 1024,
            timeout: Duration::from_secs(6),
        }])
    }

    #[test]
    fn resolves_deployed_name_key_and_arns() {
        let f = functions();
        for name in [
            "svc-dev-hello",
            "hello",
            "svc-dev-hello:$LATEST",
            "arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-hello",
            "arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-hello:$LATEST",
            "123456789012:function:svc-dev-hello",
        ] {
            assert_eq!(
                f.resolve(name, None).map(|e| e.key.as_str()),
                Ok("hello"),
                "{name}"
            );
        }
        assert!(f.resolve("svc-dev-hello", Some("$LATEST")).is_ok());
    }

    #[test]
    fn other_qualifiers_are_not_found_like_aws() {
        let f = functions();
        assert_eq!(
            f.resolve("svc-dev-hello:live", None),
            Err(LookupError::NotFound(
                "arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-hello:live".into()
            ))
        );
        assert_eq!(
            f.resolve("hello", Some("3")),
            Err(LookupError::NotFound(
                "arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-hello:3".into()
            ))
        );
        assert_eq!(
            f.resolve("hello:1", Some("2")),
            Err(LookupError::QualifierMismatch)
        );
    }

    #[test]
    fn unknown_names_and_other_regions_are_not_found() {
        let f = functions();
        assert_eq!(
            f.resolve("nope", None),
            Err(LookupError::NotFound(
                "arn:aws:lambda:us-east-1:123456789012:function:nope".into()
            ))
        );
        assert!(f
            .resolve(
                "arn:aws:lambda:us-east-2:123456789012:function:svc-dev-hello",
                None
            )
            .is_err());
    }
}
