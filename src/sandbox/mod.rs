//! The sandbox: the only code that imports wasmtime.
pub mod ruby_reactor;
