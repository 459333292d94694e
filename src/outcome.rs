//! What an invocation produced, the same for local, remote and served invocations.

use serde::{Deserialize, Serialize};

/// A function error, shaped like the Lambda error document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionError {
    #[serde(rename = "errorType")]
    pub error_type: String,
    #[serde(rename = "errorMessage")]
    pub error_message: String,
    #[serde(rename = "stackTrace")]
    pub stack_trace: Vec<String>,
}

impl FunctionError {
    pub fn new(error_type: impl Into<String>, error_message: impl Into<String>) -> Self {
        Self {
            error_type: error_type.into(),
            error_message: error_message.into(),
            stack_trace: Vec::new(),
        }
    }

    /// Lambda's own message for a function that ran out of time.
    pub fn timeout(timeout: std::time::Duration) -> Self {
        Self::new(
            "Sandbox.Timedout",
            format!("Task timed out after {:.2} seconds", timeout.as_secs_f64()),
        )
    }
}

/// The handler's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub payload: Vec<u8>,
    /// true: `payload` is JSON text; false: raw bytes printed unchanged (Java stream handlers).
    pub is_json: bool,
}

/// One invocation's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvokeResult {
    Ok(Response),
    Err(FunctionError),
}
