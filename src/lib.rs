//! lambdabox: invoke the AWS Lambda functions of a Serverless Framework service, locally inside a
//! WebAssembly sandbox or remotely through the Lambda Invoke API.

pub mod app;
pub mod cli;
pub mod config;
pub mod exit;
pub mod invocation;
pub mod outcome;
pub mod output;
pub mod remote;
pub mod runtime;
pub mod sandbox;
pub mod serve;
pub mod settings;
