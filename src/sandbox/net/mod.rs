//! Outbound network access for guests: the allow-list ([`NetPolicy`]) and the host-side HTTP
//! client that enforces it ([`perform`]). Guests never get sockets; they ask the host.

mod allow;
mod fetch;

pub use allow::{Denied, Destination, NetPolicy, Origin, Scheme};
pub use fetch::{
    perform, perform_with, perform_within, HttpRequest, HttpResponse, Redirects, MAX_BODY_BYTES,
    MAX_REDIRECTS, OWN_TIMEOUT_SUFFIX,
};
