//! `java.net.http.HttpClientImpl.send0` (and `java.net.HostHttpURLConnection.send0`): the
//! handler's HTTP requests, performed by the host through `Vm::http` (the WIT `http-send` import
//! in the component). The host checks every hop against the allowed outbound hosts and follows
//! redirects when asked to; its refusal message reaches the handler as a
//! `java.net.ConnectException`, the handler's own timeout as the API's timeout exception.

use std::collections::HashMap;

use super::{byte_array, new_byte_array, reg, NativeFn};
use crate::vm::heap::Array;
use crate::vm::value::{Ref, Value, NULL};
use crate::vm::{JResult, Vm};

/// One request for the host.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// false: the host hands back a 3xx unchanged.
    pub follow_redirects: bool,
    /// The handler's own limit for the exchange (the function's remaining time still caps it).
    pub timeout_ms: Option<u64>,
}

/// The end of the host's message when the handler's own timeout fired (wit/lambdabox.wit).
pub const OWN_TIMEOUT_SUFFIX: &str = "(the timeout the handler set)";

/// The host's answer, after redirects.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub url: String,
}

/// Performs a request; `Err` is the host's message for the handler.
pub type HttpFn = Box<dyn FnMut(HttpRequest) -> Result<HttpResponse, String>>;

/// Without a host (native runs), the sandbox has no network.
pub fn no_network() -> HttpFn {
    Box::new(|r| {
        Err(format!(
            "network access to {} is not available: this runtime has no host to perform requests",
            r.url
        ))
    })
}

pub fn register(t: &mut HashMap<String, NativeFn>) {
    reg(
        t,
        "java/net/http/HttpClientImpl.send0(Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;[BZJ)[Ljava/lang/Object;",
        |vm, a| send(vm, a, &CLIENT_TIMEOUT),
    );
    reg(
        t,
        "java/net/HostHttpURLConnection.send0(Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;[BZJ)[Ljava/lang/Object;",
        |vm, a| send(vm, a, &CONNECTION_TIMEOUT),
    );
}

/// The exception an API throws when the handler's own timeout fires: class and JDK message.
struct OwnTimeout {
    class: &'static str,
    message: &'static str,
}

const CLIENT_TIMEOUT: OwnTimeout = OwnTimeout {
    class: "java/net/http/HttpTimeoutException",
    message: "request timed out",
};

const CONNECTION_TIMEOUT: OwnTimeout = OwnTimeout {
    class: "java/net/SocketTimeoutException",
    message: "Read timed out",
};

/// The exception class and message for the host's error `message`. The JDK reports an expired
/// request as a timeout exception (the API's own, with the JDK's message, when the handler's
/// limit fired; HttpTimeoutException with the host's message when the function's time ran
/// out), anything else that stops the exchange (refused destination, connection failure) as
/// ConnectException.
fn exception_for(message: &str, own: &OwnTimeout) -> (&'static str, String) {
    if message.starts_with("request timed out") && message.ends_with(OWN_TIMEOUT_SUFFIX) {
        (own.class, own.message.to_owned())
    } else if message.contains("timed out") {
        ("java/net/http/HttpTimeoutException", message.to_owned())
    } else {
        ("java/net/ConnectException", message.to_owned())
    }
}

fn strings(vm: &Vm, r: Ref) -> Vec<String> {
    match vm.array(r) {
        Some(Array::Ref(items)) => items
            .iter()
            .map(|&s| vm.rust_string(s).unwrap_or_default())
            .collect(),
        _ => Vec::new(),
    }
}

fn send(vm: &mut Vm, a: &[Value], own_timeout: &OwnTimeout) -> JResult<Value> {
    let method = vm.rust_string(a[0].reference()).unwrap_or_default();
    let url = vm.rust_string(a[1].reference()).unwrap_or_default();
    let flat = strings(vm, a[2].reference());
    let body = if a[3].reference() == NULL {
        Vec::new()
    } else {
        byte_array(vm, a[3].reference())?
    };
    let headers = flat
        .chunks_exact(2)
        .map(|kv| (kv[0].clone(), kv[1].clone()))
        .collect();
    let timeout_ms = match a[5] {
        Value::Long(ms) if ms > 0 => Some(ms as u64),
        _ => None,
    };
    let request = HttpRequest {
        method,
        url,
        headers,
        body,
        follow_redirects: matches!(a[4], Value::Int(v) if v != 0),
        timeout_ms,
    };
    let response = match (vm.http)(request) {
        Ok(r) => r,
        Err(message) => {
            let (class, message) = exception_for(&message, own_timeout);
            return Err(vm.vm_error(class, &message));
        }
    };
    let mut meta = vec![response.status.to_string(), response.url];
    for (k, v) in response.headers {
        meta.push(k);
        meta.push(v);
    }
    let mark = vm.pin_mark();
    let result = (|| {
        let meta_arr = vm.new_array("[Ljava/lang/String;", meta.len())?;
        vm.pin(meta_arr);
        for (i, s) in meta.iter().enumerate() {
            let s = vm.new_string(s);
            if let Some(Array::Ref(v)) = vm.array_mut(meta_arr) {
                v[i] = s;
            }
        }
        let body = new_byte_array(vm, &response.body)?;
        vm.pin(body);
        let out = vm.new_array("[Ljava/lang/Object;", 2)?;
        if let Some(Array::Ref(v)) = vm.array_mut(out) {
            v[0] = meta_arr;
            v[1] = body;
        }
        Ok(Value::Ref(out))
    })();
    vm.unpin_to(mark);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_handlers_own_timeout_gets_the_jdk_message() {
        let own = format!("request timed out after 300 ms {OWN_TIMEOUT_SUFFIX}");
        assert_eq!(
            exception_for(&own, &CLIENT_TIMEOUT),
            (
                "java/net/http/HttpTimeoutException",
                "request timed out".into()
            )
        );
        assert_eq!(
            exception_for(&own, &CONNECTION_TIMEOUT),
            ("java/net/SocketTimeoutException", "Read timed out".into())
        );
        let function = "request timed out after 900 ms (the function's remaining time)";
        assert_eq!(
            exception_for(function, &CONNECTION_TIMEOUT),
            ("java/net/http/HttpTimeoutException", function.into())
        );
        let denied = "network access to http://x.test is not allowed";
        assert_eq!(
            exception_for(denied, &CLIENT_TIMEOUT),
            ("java/net/ConnectException", denied.into())
        );
    }
}
