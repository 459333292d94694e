//! `lambdabox serve`: the sandboxed functions of a service behind the Lambda Invoke API, so the
//! AWS SDKs, the AWS CLI and `lambdabox invoke --endpoint-url` can call them.

pub mod functions;
pub mod http;
pub mod log;
pub mod pool;
pub mod server;

pub use functions::{FunctionEntry, Functions};
pub use http::App;
pub use pool::{Call, Execution, Instance, Runtime, StartError};
pub use server::Server;
