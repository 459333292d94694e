//! `java.net.http.HttpClientImpl.send0` (and `java.net.HostHttpURLConnection.send0`): the handler's HTTP requests, performed by the host
//! through `Vm::http` (the WIT `http-request` import in the component). The host checks every
//! hop against the allowed outbound hosts and follows redirects; its refusal message reaches
//! the handler as a `java.net.ConnectException`.

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
}

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
        "java/net/http/HttpClientImpl.send0(Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;[B)[Ljava/lang/Object;",
        send,
    );
    reg(
        t,
        "java/net/HostHttpURLConnection.send0(Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;[B)[Ljava/lang/Object;",
        send,
    );
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

fn send(vm: &mut Vm, a: &[Value]) -> JResult<Value> {
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
    let request = HttpRequest {
        method,
        url,
        headers,
        body,
    };
    let response = match (vm.http)(request) {
        Ok(r) => r,
        Err(message) => {
            // The JDK reports an expired request as HttpTimeoutException, anything else that
            // stops the exchange (refused destination, connection failure) as ConnectException.
            let class = if message.contains("timed out") {
                "java/net/http/HttpTimeoutException"
            } else {
                "java/net/ConnectException"
            };
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
