package lambdabox.runtime;

import com.amazonaws.services.lambda.runtime.*;
import java.util.Map;

/** The runtime's Context, logger, identity and client-context objects; fields set by the VM. */
public final class LambdaRuntime implements Context, LambdaLogger, CognitoIdentity, ClientContext, Client {
    String awsRequestId, logGroupName, logStreamName, functionName, functionVersion, invokedFunctionArn;
    int memoryLimitInMB;
    long deadlineMs;
    boolean hasIdentity, hasClientContext;
    String identityId, identityPoolId;
    String installationId, appTitle, appVersionName, appVersionCode, appPackageName;
    Map<String, String> custom, environment;

    static native void log0(String s);
    static native long now0();

    public String getAwsRequestId() { return awsRequestId; }
    public String getLogGroupName() { return logGroupName; }
    public String getLogStreamName() { return logStreamName; }
    public String getFunctionName() { return functionName; }
    public String getFunctionVersion() { return functionVersion; }
    public String getInvokedFunctionArn() { return invokedFunctionArn; }
    public CognitoIdentity getIdentity() { return hasIdentity ? this : null; }
    public ClientContext getClientContext() { return hasClientContext ? this : null; }
    public int getRemainingTimeInMillis() { long r = deadlineMs - now0(); return (int) Math.max(0, r); }
    public int getMemoryLimitInMB() { return memoryLimitInMB; }
    public LambdaLogger getLogger() { return this; }

    public void log(String message) { log0(String.valueOf(message)); }
    public void log(byte[] message) { log0(new String(message)); }

    public String getIdentityId() { return identityId; }
    public String getIdentityPoolId() { return identityPoolId; }

    public Client getClient() { return this; }
    public Map<String, String> getCustom() { return custom; }
    public Map<String, String> getEnvironment() { return environment; }
    public String getInstallationId() { return installationId; }
    public String getAppTitle() { return appTitle; }
    public String getAppVersionName() { return appVersionName; }
    public String getAppVersionCode() { return appVersionCode; }
    public String getAppPackageName() { return appPackageName; }

    /** Map entries flattened as [k0, v0, k1, v1, ...] for the JSON writer. */
    static Object[] entries(Map<?, ?> m) {
        Object[] out = new Object[m.size() * 2];
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) { out[i++] = e.getKey(); out[i++] = e.getValue(); }
        return out;
    }
}
