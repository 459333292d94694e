package com.amazonaws.services.lambda.runtime;

public interface CognitoIdentity {
    String getIdentityId();
    String getIdentityPoolId();
}
