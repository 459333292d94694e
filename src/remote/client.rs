//! The aws-sdk-lambda side: configuration from a [`RemoteInvocation`] and the Invoke request.

use super::render::Reply;
use crate::exit::UsageError;
use crate::invocation::{InvocationType, RemoteInvocation};
use aws_config::{BehaviorVersion, ConfigLoader};
use aws_sdk_lambda::error::SdkError;
use aws_sdk_lambda::operation::invoke::InvokeError;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::LogType;

/// The Lambda limit on `ClientContext`, in bytes of base64.
pub const MAX_CLIENT_CONTEXT_B64: usize = 3583;

/// Load the SDK configuration: region (`--region` > `provider.region`, else the environment and
/// profile), profile (`--aws-profile` > `provider.profile`, else the default chain) and endpoint
/// (`--endpoint-url`; the SDK itself reads `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_LAMBDA`).
/// `customize` lets tests swap the HTTP client, the environment or the profile files.
pub async fn sdk_config(
    inv: &RemoteInvocation,
    customize: impl FnOnce(ConfigLoader) -> ConfigLoader,
) -> aws_config::SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Some(region) = &inv.region {
        loader = loader.region(aws_sdk_lambda::config::Region::new(region.clone()));
    }
    if let Some(profile) = &inv.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(endpoint) = &inv.endpoint_url {
        loader = loader.endpoint_url(endpoint);
    }
    customize(loader).load().await
}

/// Base64 `ClientContext`, refused above Lambda's limit before anything is sent.
pub fn encode_client_context(json: &str) -> Result<String, UsageError> {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(json);
    if encoded.len() > MAX_CLIENT_CONTEXT_B64 {
        return Err(UsageError::new(format!(
            "--context: the client context is {} bytes once base64-encoded; Lambda accepts at most {MAX_CLIENT_CONTEXT_B64}",
            encoded.len()
        ))
        .hint("pass a smaller context (--context or --contextPath)"));
    }
    Ok(encoded)
}

/// Send the Invoke request: `LogType=Tail` only for RequestResponse with `--log`.
pub async fn send(
    client: &aws_sdk_lambda::Client,
    inv: &RemoteInvocation,
    client_context_b64: Option<String>,
) -> Result<Reply, SdkError<InvokeError>> {
    let tail = inv.log_tail && inv.invocation_type == InvocationType::RequestResponse;
    let out = client
        .invoke()
        .function_name(&inv.function_name)
        .set_qualifier(inv.qualifier.clone())
        .invocation_type(inv.invocation_type.as_str().into())
        .log_type(if tail { LogType::Tail } else { LogType::None })
        .set_client_context(client_context_b64)
        .payload(Blob::new(inv.payload.clone()))
        .send()
        .await?;
    Ok(Reply {
        status_code: out.status_code,
        payload: out.payload.map(Blob::into_inner),
        function_error: out.function_error,
        log_result: out.log_result,
        executed_version: out.executed_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_context_is_base64_of_the_json_text() {
        assert_eq!(encode_client_context(r#"{"a":1}"#).unwrap(), "eyJhIjoxfQ==");
    }

    #[test]
    fn client_context_limit_is_on_the_encoded_size() {
        // 2687 bytes → 3584 base64 characters: one over.
        let over = format!("\"{}\"", "x".repeat(2685));
        let err = encode_client_context(&over).unwrap_err();
        assert!(err.message.contains("3584 bytes"), "{}", err.message);
        // 2685 bytes → 3580 characters: accepted.
        let under = format!("\"{}\"", "x".repeat(2683));
        assert_eq!(encode_client_context(&under).unwrap().len(), 3580);
    }
}
