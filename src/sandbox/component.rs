//! Component guests (QuickJS, Java): the `handler-runtime` world of `wit/lambdabox.wit`,
//! bound with `bindgen!`, instantiated with the WASI preview-2 linker.

use super::engine::{engine, on_guest_thread};
use super::guard::{self, Guard, HasGuard};
use super::limits::{Failure, MemoryGauge};
use super::policy::Policy;
use super::scratch::Scratch;
use super::streams::{GuestOutput, Log, LogSink};
use super::wasi::{build_ctx, GuestStdio};
use super::{clock::Clock, Called, HandlerSpec, HostRuntime, InvokeContext};
use crate::outcome::{FunctionError, Response};
use anyhow::Context as _;
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::Duration;
use wasmtime::component::{Component, HasSelf, Linker, ResourceTable};
use wasmtime::Store;
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

mod bindings {
    wasmtime::component::bindgen!({
        path: "wit/lambdabox.wit",
        world: "handler-runtime",
        imports: { "lambdabox:runtime/host.sleep-ms": trappable },
    });
}

use bindings::lambdabox::runtime::host;
use bindings::lambdabox::runtime::types as wit;
use bindings::HandlerRuntime;

struct State {
    wasi: WasiCtx,
    table: ResourceTable,
    guard: Guard,
    net: super::net::NetPolicy,
}

impl WasiView for State {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl HasGuard for State {
    fn guard(&mut self) -> &mut Guard {
        &mut self.guard
    }
}

impl wit::Host for State {}

impl host::Host for State {
    fn log(&mut self, text: String) {
        super::streams::ByteSink::write(&*self.guard.log, text.as_bytes());
    }

    fn remaining_time_ms(&mut self) -> u64 {
        u64::try_from(self.guard.budget.remaining().as_millis()).unwrap_or(u64::MAX)
    }

    fn sleep_ms(&mut self, ms: u64) -> wasmtime::Result<()> {
        Ok(self.guard.budget.sleep(ms)?)
    }

    fn http_request(
        &mut self,
        method: String,
        url: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> Result<host::HttpResponse, String> {
        let request = super::net::HttpRequest {
            method,
            url,
            headers,
            body,
        };
        let r = super::net::perform(&self.net, request, self.guard.budget.remaining())?;
        Ok(to_wit_response(r))
    }

    fn http_send(
        &mut self,
        method: String,
        url: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        options: host::HttpOptions,
    ) -> Result<host::HttpResponse, String> {
        let request = super::net::HttpRequest {
            method,
            url,
            headers,
            body,
        };
        let redirects = if options.follow_redirects {
            super::net::Redirects::Follow
        } else {
            super::net::Redirects::Manual
        };
        let r = super::net::perform_within(
            &self.net,
            request,
            self.guard.budget.remaining(),
            options.timeout_ms.map(Duration::from_millis),
            redirects,
        )?;
        Ok(to_wit_response(r))
    }
}

fn to_wit_response(r: super::net::HttpResponse) -> host::HttpResponse {
    host::HttpResponse {
        status: r.status,
        headers: r.headers,
        body: r.body,
        url: r.url,
    }
}

/// A live component guest: `init` once, then `invoke` as often as wanted.
pub struct ComponentInstance {
    /// `None` only while a call runs on the guest thread, or after the thread died.
    store: Option<Store<State>>,
    bindings: Arc<HandlerRuntime>,
    policy: Policy,
    crashed: bool,
    memory: MemoryGauge,
    // Kept until the instance is dropped: the guest's /tmp.
    _scratch: Arc<Scratch>,
}

impl ComponentInstance {
    /// Instantiate `component` under `policy`, logging to `log`. A failure while the guest
    /// starts up (a trap in its start function, memory below the cap) is a [`Failure`].
    pub fn new(
        component: &Component,
        policy: &Policy,
        log: Arc<dyn LogSink>,
    ) -> anyhow::Result<Result<Self, Failure>> {
        let engine = engine()?;
        let scratch = Arc::new(Scratch::new(policy.tmp_bytes)?);
        let clock = Clock::new(policy.determinism);
        let log = Log::new(log, policy.max_log_bytes);
        let out = GuestOutput(log.clone());
        let wasi = build_ctx(
            policy,
            scratch.path(),
            &clock,
            GuestStdio {
                stdin: None,
                stdout: out.clone(),
                stderr: out,
            },
        )?
        .build();
        let guard = Guard::new(policy, clock, log, scratch.clone());
        let memory = guard.memory.gauge();
        let mut store = Store::new(
            engine,
            State {
                wasi,
                table: ResourceTable::new(),
                guard,
                net: policy.net.clone(),
            },
        );
        guard::arm(&mut store);

        let mut linker = Linker::<State>::new(engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(wt)?;
        HandlerRuntime::add_to_linker::<State, HasSelf<State>>(&mut linker, |s| s).map_err(wt)?;

        let component = component.clone();
        let (store, instantiated) = run_on_guest_thread(store, policy.timeout, move |store| {
            HandlerRuntime::instantiate(store, &component, &linker)
        })?;
        Ok(match instantiated {
            Ok(bindings) => Ok(Self {
                store,
                bindings: Arc::new(bindings),
                policy: policy.clone(),
                crashed: false,
                memory,
                _scratch: scratch,
            }),
            Err(failure) => Err(failure),
        })
    }
}

/// How long past its deadline a guest stuck in a blocking host call (a long WASI sleep, which
/// epoch interruption cannot stop) is waited for before the host gives up on it.
const GRACE: Duration = Duration::from_secs(1);

/// The store back from the guest thread (`None` if abandoned) and the call's result.
type GuestCall<R> = (Option<Store<State>>, Result<R, Failure>);

/// Run a guest call on a thread with a big enough stack, returning the store with the result.
/// A call that outlives `timeout` + [`GRACE`] is a timeout; its thread is abandoned with the
/// store (`None` comes back) and ends on its own at its next epoch check.
fn run_on_guest_thread<R: Send + 'static>(
    store: Store<State>,
    timeout: Duration,
    f: impl FnOnce(&mut Store<State>) -> wasmtime::Result<R> + Send + 'static,
) -> anyhow::Result<GuestCall<R>> {
    let (tx, rx) = std::sync::mpsc::channel();
    on_guest_thread("lambdabox-guest", move || {
        let mut store = store;
        let result = guard::call(&mut store, f);
        let _ = tx.send((store, result));
    })?;
    match rx.recv_timeout(timeout + GRACE) {
        Ok((store, result)) => Ok((Some(store), result)),
        Err(RecvTimeoutError::Timeout) => Ok((None, Err(Failure::Timeout(timeout)))),
        Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the sandbox thread panicked"),
    }
}

fn wt(e: wasmtime::Error) -> anyhow::Error {
    anyhow::anyhow!("{e:?}")
}

impl ComponentInstance {
    fn call<R: Send + 'static>(
        &mut self,
        f: impl FnOnce(&mut Store<State>, &HandlerRuntime) -> wasmtime::Result<R> + Send + 'static,
    ) -> anyhow::Result<Result<R, Failure>> {
        anyhow::ensure!(
            !self.crashed,
            "this sandbox instance crashed earlier and must be discarded"
        );
        // The store moves to the guest thread for the call and comes back with the result.
        let store = self
            .store
            .take()
            .context("this sandbox instance was lost in an earlier call")?;
        let bindings = self.bindings.clone();
        let (store, result) =
            run_on_guest_thread(store, self.policy.timeout, move |s| f(s, &bindings))?;
        self.store = store;
        if result.is_err() {
            self.crashed = true;
        }
        Ok(result)
    }
}

impl HostRuntime for ComponentInstance {
    fn init(&mut self, spec: &HandlerSpec) -> anyhow::Result<Called<()>> {
        let spec = wit::HandlerSpec {
            handler: spec.handler.clone(),
            task_root: spec.task_root.clone(),
        };
        let result = self.call(move |store, b| b.call_init(store, &spec))?;
        Ok(match result {
            Ok(Ok(())) => Called::Returned(()),
            Ok(Err(e)) => Called::Failed(from_wit(e)),
            Err(failure) => Called::Crashed(failure),
        })
    }

    fn invoke(&mut self, event: &[u8], ctx: &InvokeContext) -> anyhow::Result<Called<Response>> {
        let event = event.to_vec();
        let ctx = ctx.clone();
        let result = self.call(move |store, b| {
            let ctx = wit::Context {
                aws_request_id: ctx.aws_request_id,
                function_name: ctx.function_name,
                function_version: ctx.function_version,
                invoked_function_arn: ctx.invoked_function_arn,
                memory_limit_mb: ctx.memory_limit_mb,
                log_group_name: ctx.log_group_name,
                log_stream_name: ctx.log_stream_name,
                deadline_ms: store.data().guard.budget.deadline_ms(),
                client_context: ctx.client_context,
                identity: ctx.identity,
                user_context: ctx.user_context,
            };
            b.call_invoke(store, &event, &ctx)
        })?;
        Ok(match result {
            Ok(Ok(r)) => super::check_response(
                Response {
                    payload: r.payload,
                    is_json: r.is_json,
                },
                &self.policy,
            ),
            Ok(Err(e)) => Called::Failed(from_wit(e)),
            Err(failure) => Called::Crashed(failure),
        })
    }

    fn peak_memory_bytes(&self) -> Option<u64> {
        Some(self.memory.peak_bytes())
    }
}

fn from_wit(e: wit::FunctionError) -> FunctionError {
    FunctionError {
        error_type: e.error_type,
        error_message: e.error_message,
        stack_trace: e.stack_trace,
    }
}
