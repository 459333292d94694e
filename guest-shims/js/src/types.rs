//! Plain Rust mirrors of the WIT records, so the runtime core does not depend on wit-bindgen.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerSpec {
    pub handler: String,
    pub task_root: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvokeContext {
    pub aws_request_id: String,
    pub function_name: String,
    pub function_version: String,
    pub invoked_function_arn: String,
    pub memory_limit_mb: u32,
    pub log_group_name: String,
    pub log_stream_name: String,
    pub deadline_ms: u64,
    pub client_context: Option<String>,
    pub identity: Option<String>,
    pub user_context: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub payload: Vec<u8>,
    pub is_json: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionError {
    pub error_type: String,
    pub error_message: String,
    pub stack_trace: Vec<String>,
}

impl FunctionError {
    /// An error of the runtime itself (not of the handler), in Lambda's `Runtime.*` namespace.
    pub fn runtime(kind: &str, message: impl Into<String>) -> Self {
        FunctionError {
            error_type: format!("Runtime.{kind}"),
            error_message: message.into(),
            stack_trace: Vec::new(),
        }
    }
}
