//! Turning an SDK error into a message a user can act on.

use crate::exit::UsageError;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_lambda::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_lambda::operation::invoke::InvokeError;

/// How a failed Invoke call is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The user's setup is incomplete (no credentials, no region): exit 2.
    Usage(UsageError),
    /// AWS refused or could not be reached: printed as `error:`/`hint:` lines, exit 1.
    Aws { message: String, hints: Vec<String> },
}

/// Where the call went, for messages.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub function_name: &'a str,
    pub qualifier: Option<&'a str>,
    pub region: Option<&'a str>,
    pub endpoint: Option<&'a str>,
}

impl Target<'_> {
    fn function(&self) -> String {
        match self.qualifier {
            Some(q) => format!("{}:{q}", self.function_name),
            None => self.function_name.to_owned(),
        }
    }

    fn place(&self) -> String {
        match (self.region, self.endpoint) {
            (_, Some(endpoint)) => format!(" at {endpoint}"),
            (Some(region), None) => format!(" in {region}"),
            (None, None) => String::new(),
        }
    }
}

/// Classify an Invoke error.
pub fn classify(err: &SdkError<InvokeError>, target: Target<'_>) -> Failure {
    if let Some(cred) = find_source::<CredentialsError>(err) {
        return Failure::Usage(missing_credentials(cred));
    }
    match err {
        SdkError::ServiceError(service) => service_failure(service.err(), target),
        SdkError::DispatchFailure(dispatch) => {
            let what = if dispatch.is_timeout() {
                "timed out reaching"
            } else {
                "could not reach"
            };
            aws(
                format!("{what} the Lambda endpoint{}: {}", target.place(), chain(err)),
                ["check your network connection, --endpoint-url and AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_LAMBDA"],
            )
        }
        SdkError::TimeoutError(_) => aws(
            format!("the call to Lambda{} timed out", target.place()),
            ["try again; a function that runs long may still be running"],
        ),
        SdkError::ConstructionFailure(_) if chain(err).contains("region") => Failure::Usage(
            UsageError::new("no AWS region is configured")
                .hint("pass --region, set provider.region in serverless.yml, or set AWS_REGION"),
        ),
        _ => aws(
            format!(
                "invoking {}{} failed: {}",
                target.function(),
                target.place(),
                chain(err)
            ),
            Vec::<String>::new(),
        ),
    }
}

fn service_failure(err: &InvokeError, target: Target<'_>) -> Failure {
    // Modeled exceptions carry their own message; the rest only error metadata.
    let (code, detail) = match err {
        InvokeError::ResourceNotFoundException(e) => ("ResourceNotFoundException", e.message()),
        InvokeError::TooManyRequestsException(e) => ("TooManyRequestsException", e.message()),
        InvokeError::RequestTooLargeException(e) => ("RequestTooLargeException", e.message()),
        InvokeError::Ec2ThrottledException(e) => ("EC2ThrottledException", e.message()),
        _ => (err.code().unwrap_or("Unknown"), err.message()),
    };
    let detail = detail.or(err.message()).unwrap_or("");
    let function = target.function();
    let place = target.place();
    match code {
        "ResourceNotFoundException" => aws(
            format!("function {function} not found{place} (ResourceNotFoundException: {detail})"),
            [
                "check the stage (--stage) and region (--region) the service was deployed with".to_owned(),
                "deploy the service first, or fix --qualifier".to_owned(),
            ],
        ),
        "AccessDeniedException"
        | "AccessDenied"
        | "UnrecognizedClientException"
        | "InvalidSignatureException"
        | "ExpiredTokenException"
        | "SignatureDoesNotMatch"
        | "KMSAccessDeniedException" => aws(
            format!("access denied invoking {function}{place} ({code}: {detail})"),
            [
                "check that your credentials are valid and allow lambda:InvokeFunction on this function".to_owned(),
                "choose other credentials with --aws-profile or provider.profile".to_owned(),
            ],
        ),
        "TooManyRequestsException" | "ThrottlingException" | "EC2ThrottledException" => aws(
            format!("Lambda throttled the call to {function}{place} ({code}: {detail})"),
            ["the function's concurrency limit is reached; try again later".to_owned()],
        ),
        "RequestTooLargeException" => aws(
            format!("the payload is too large for {function} ({code}: {detail})"),
            ["Lambda accepts at most 6 MB for a synchronous invocation and 1 MB for Event".to_owned()],
        ),
        _ => aws(format!("invoking {function}{place} failed ({code}: {detail})"), Vec::<String>::new()),
    }
}

fn missing_credentials(err: &CredentialsError) -> UsageError {
    let reason = match err {
        CredentialsError::CredentialsNotLoaded(_) => "no AWS credentials were found".to_owned(),
        other => format!("could not load AWS credentials: {}", chain(other)),
    };
    UsageError::new(reason)
        .hint("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials)")
        .hint("or configure a profile in ~/.aws/credentials and pass --aws-profile NAME (or set provider.profile / AWS_PROFILE)")
        .hint("or run `aws sso login --profile NAME` for an SSO profile")
}

fn aws<S: Into<String>>(message: String, hints: impl IntoIterator<Item = S>) -> Failure {
    Failure::Aws {
        message,
        hints: hints.into_iter().map(Into::into).collect(),
    }
}

/// The first error of type `T` in `err`'s source chain.
fn find_source<'a, T: std::error::Error + 'static>(
    err: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    let mut cur: Option<&'a (dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        cur = e.source();
    }
    None
}

/// `err` and its sources, `: `-separated, repeated texts skipped (the SDK's wrappers often
/// repeat their source's message).
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = Some(err);
    while let Some(e) = cur {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_lambda::types::error::ResourceNotFoundException;
    use aws_smithy_runtime_api::http::{Response, StatusCode};
    use aws_smithy_types::body::SdkBody;

    fn target() -> Target<'static> {
        Target {
            function_name: "svc-dev-hello",
            qualifier: Some("live"),
            region: Some("eu-west-1"),
            endpoint: None,
        }
    }

    fn service(err: InvokeError, status: u16) -> SdkError<InvokeError> {
        SdkError::service_error(
            err,
            Response::new(StatusCode::try_from(status).unwrap(), SdkBody::empty()),
        )
    }

    fn unhandled(code: &str, message: &str) -> InvokeError {
        InvokeError::generic(
            aws_sdk_lambda::error::ErrorMetadata::builder()
                .code(code)
                .message(message)
                .build(),
        )
    }

    #[test]
    fn not_found_names_function_qualifier_and_region() {
        let err = InvokeError::ResourceNotFoundException(
            ResourceNotFoundException::builder()
                .message("Function not found: arn:…")
                .build(),
        );
        let Failure::Aws { message, hints } = classify(&service(err, 404), target()) else {
            panic!()
        };
        assert!(
            message.starts_with("function svc-dev-hello:live not found in eu-west-1"),
            "{message}"
        );
        assert!(hints[0].contains("--stage"));
    }

    #[test]
    fn access_denied_and_throttling_have_their_own_messages() {
        let Failure::Aws { message, .. } = classify(
            &service(unhandled("AccessDeniedException", "no"), 403),
            target(),
        ) else {
            panic!()
        };
        assert!(
            message.starts_with("access denied invoking svc-dev-hello:live"),
            "{message}"
        );
        let Failure::Aws { message, .. } = classify(
            &service(unhandled("TooManyRequestsException", "Rate exceeded"), 429),
            target(),
        ) else {
            panic!()
        };
        assert!(
            message.starts_with("Lambda throttled the call"),
            "{message}"
        );
    }

    #[test]
    fn missing_credentials_is_a_usage_error_with_hints() {
        let err: SdkError<InvokeError> = SdkError::dispatch_failure(
            aws_smithy_runtime_api::client::result::ConnectorError::other(
                Box::new(CredentialsError::not_loaded(
                    "no providers in chain provided credentials",
                )),
                None,
            ),
        );
        let Failure::Usage(usage) = classify(&err, target()) else {
            panic!()
        };
        assert_eq!(usage.message, "no AWS credentials were found");
        assert!(usage.hints.iter().any(|h| h.contains("AWS_ACCESS_KEY_ID")));
    }
}
