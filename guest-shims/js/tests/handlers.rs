//! Handler resolution, invocation styles, context and error reporting, run natively.

mod support;

use serde_json::json;
use support::{context, run, run_with};

#[test]
fn async_handler_result_is_the_payload() {
    let r = run(
        &[("handler.js", "exports.hello = async (event) => ({ got: event.x, n: 1 });")],
        "handler.hello",
        r#"{"x": 42}"#,
    );
    assert_eq!(r.ok(), json!({"got": 42, "n": 1}));
}
