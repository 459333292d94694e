//! `__native.httpRequest`: the handler's HTTP requests, performed by the host (the sandbox has
//! no sockets). `js/node/fetch.js` builds `fetch` on it.

use std::rc::Rc;

use rquickjs::{Ctx, Exception, Function, Object, Result, Value};

use super::{bytes_of, to_array};
use crate::host::Host;
use crate::http::HttpRequest;

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>, host: Rc<dyn Host>) -> Result<()> {
    native.set(
        "httpRequest",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  method: String,
                  url: String,
                  headers: Vec<Vec<String>>,
                  body: Value<'js>|
                  -> Result<Object<'js>> {
                let body = if body.is_undefined() || body.is_null() {
                    Vec::new()
                } else {
                    bytes_of(&ctx, &body)?
                };
                let headers = headers
                    .into_iter()
                    .filter_map(|kv| match <[String; 2]>::try_from(kv) {
                        Ok([k, v]) => Some((k, v)),
                        Err(_) => None,
                    })
                    .collect();
                let request = HttpRequest {
                    method,
                    url,
                    headers,
                    body,
                };
                let response = host
                    .http_request(request)
                    .map_err(|message| Exception::throw_message(&ctx, &message))?;
                let out = Object::new(ctx.clone())?;
                out.set("status", response.status)?;
                let headers: Vec<Vec<String>> = response
                    .headers
                    .into_iter()
                    .map(|(k, v)| vec![k, v])
                    .collect();
                out.set("headers", headers)?;
                out.set("body", to_array(&ctx, response.body)?)?;
                out.set("url", response.url)?;
                Ok(out)
            },
        )?,
    )
}
