//! serverless.yml: raw serde types → variable resolution → the validated [`service::Service`].

pub mod service;
