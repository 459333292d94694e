//! Remote invoke through aws-sdk-lambda, and payload/log formatting.
