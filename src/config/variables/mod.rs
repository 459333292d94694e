//! Serverless variables (`${source:address}`): parsed by [`parse`], resolved by [`resolve`].

pub mod parse;
mod resolve;

pub use resolve::{resolve, Context, VariableError};

/// Property tests: nothing the parser or the resolver is given makes them panic.
/// Run longer with e.g. `PROPTEST_CASES=200000 cargo test --lib variables::fuzz`.
#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;
    use std::collections::HashMap;

    const TOKENS: &[&str] = &[
        "${",
        "}",
        "opt:",
        "self:",
        "env:",
        "file(",
        "sls:",
        "strToBool(",
        "ssm:",
        "param:",
        "aws:",
        ")",
        "(",
        ",",
        ", ",
        " ",
        "'",
        "\"",
        "\\",
        "\\${",
        "a",
        "b.c",
        "stage",
        "1",
        "1.5",
        "-",
        "true",
        "null",
        ":",
        "::",
        "${AWS::Region}",
        "${self:v}",
        "${self:w}",
        "./x.json",
        "é",
        "$",
        "{",
        "\\\"",
    ];

    fn token_soup() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(TOKENS), 0..24)
            .prop_map(|tokens| tokens.concat())
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            token_soup(),
            "[\\$\\{\\}\\(\\):,'\" \\\\.a-z0-9]{0,40}",
            any::<String>()
        ]
    }

    proptest! {
        #[test]
        fn parser_never_panics(input in any_text()) {
            let _ = super::parse::parse(&input);
        }

        #[test]
        fn resolver_never_panics(v in any_text(), w in any_text()) {
            let dir = std::env::temp_dir();
            let options = serde_json::Map::from_iter([("stage".to_owned(), serde_json::json!("dev"))]);
            let env = HashMap::from([("a".to_owned(), w.clone())]);
            let ctx = super::Context {
                options: &options,
                env: &env,
                service_dir: &dir,
                instance_id: "fuzz",
                stage: None,
                region: None,
            };
            let config = serde_json::json!({"v": v, "w": w, "list": [v.clone()]});
            let _ = super::resolve(config, &ctx);
        }
    }
}
