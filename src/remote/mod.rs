//! Remote invoke through aws-sdk-lambda, and payload/log formatting.

/// Invoke a deployed function and print its result (and tail log), returning whether the
/// function succeeded.
pub fn invoke(_inv: &crate::invocation::RemoteInvocation) -> anyhow::Result<crate::exit::Outcome> {
    Err(crate::exit::UsageError::new("remote invoke is not available yet").into())
}
