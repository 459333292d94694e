package com.amazonaws.services.lambda.runtime.logging;

public enum LogLevel {
    UNDEFINED, TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    public static LogLevel fromString(String s) {
        try { return LogLevel.valueOf(s.toUpperCase()); } catch (Exception e) { throw new IllegalArgumentException("Invalid log level: " + s + " expected one of [TRACE, DEBUG, INFO, WARN, ERROR, FATAL]"); }
    }
}
