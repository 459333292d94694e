//! lambdabox-java: a JVM-less Java bytecode interpreter that runs AWS Lambda Java handlers.

pub mod classfile;
pub mod classlib;
pub mod classpath;
pub mod lambda;
pub mod vm;

#[cfg(target_family = "wasm")]
mod component;

#[cfg(test)]
mod testutil;
