//! The sandbox: the only code that imports wasmtime.
