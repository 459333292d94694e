//! lambdabox-java: a JVM-less Java bytecode interpreter that runs AWS Lambda Java handlers.

pub mod classfile;
pub mod classpath;

#[cfg(test)]
mod testutil;
