//! Warm instances: per function, a bounded pool of live sandboxes reused across invocations
//! (module-level state persists, as in Lambda). A sandbox that failed is discarded, and so is
//! one left idle longer than the idle timeout (Lambda reaps idle instances the same way).
//!
//! The sandbox itself stays behind two small traits so the HTTP layer and the pool are
//! testable without it: [`Runtime`] starts an instance of a function, [`Instance`] runs one
//! invocation on it.

use super::functions::FunctionEntry;
use crate::outcome::{FunctionError, InvokeResult};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// One invocation, as the HTTP layer decoded it.
#[derive(Debug, Clone)]
pub struct Call {
    pub request_id: String,
    /// The event, JSON text (`{}` for an empty body).
    pub payload: String,
    /// `X-Amz-Client-Context`, decoded: JSON text.
    pub client_context: Option<String>,
}

/// What one invocation on an instance produced.
#[derive(Debug, Clone)]
pub struct Execution {
    pub result: InvokeResult,
    /// The function's log lines written during the invocation (what Lambda sends to CloudWatch).
    pub log: String,
    pub duration: Duration,
    /// The instance's peak memory, when the sandbox measures it.
    pub max_memory_used_mb: Option<u32>,
    /// false: the sandbox failed (trap, timeout, out of memory) and must not be reused.
    pub reusable: bool,
}

/// Why an instance could not be started.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The handler failed to load (import error, error thrown at module level): the invocation
    /// fails like Lambda's init errors, as a function error.
    #[error("{}: {}", .error.error_type, .error.error_message)]
    Function {
        error: FunctionError,
        log: String,
        /// How long the failed start took (the invocation's duration).
        duration: Duration,
        /// The sandbox's peak memory, when it got far enough to have one.
        max_memory_used_mb: Option<u32>,
    },
    /// lambdabox itself failed.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Starts live instances of a function (the sandbox).
pub trait Runtime: Send + Sync + 'static {
    /// Create an instance with the handler loaded. Called on a blocking thread.
    fn start(&self, function: &FunctionEntry) -> Result<Box<dyn Instance>, StartError>;
}

/// A live instance: runs invocations one at a time. Called on a blocking thread.
pub trait Instance: Send + 'static {
    fn invoke(&mut self, call: &Call) -> anyhow::Result<Execution>;
}

/// One function's pool.
pub struct Pool {
    function: Arc<FunctionEntry>,
    runtime: Arc<dyn Runtime>,
    permits: Semaphore,
    /// Warm instances, the most recently used last.
    idle: Mutex<Vec<Idle>>,
    idle_timeout: Duration,
}

/// A warm instance and when its last invocation ended.
struct Idle {
    instance: Box<dyn Instance>,
    since: Instant,
}

/// An invocation's execution, with the init time when it started a new instance.
#[derive(Debug)]
pub struct Served {
    pub execution: Execution,
    pub init_duration: Option<Duration>,
}

impl Pool {
    pub fn new(
        function: FunctionEntry,
        runtime: Arc<dyn Runtime>,
        max_concurrency: usize,
        idle_timeout: Duration,
    ) -> Self {
        Self {
            function: Arc::new(function),
            runtime,
            permits: Semaphore::new(max_concurrency.max(1)),
            idle: Mutex::new(Vec::new()),
            idle_timeout,
        }
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Idle>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn function(&self) -> &FunctionEntry {
        &self.function
    }

    /// Idle instances kept warm.
    pub fn idle_count(&self) -> usize {
        self.idle().len()
    }

    /// Drop the warm instances idle for longer than the idle timeout, on this thread; returns
    /// how many.
    pub fn reap_idle(&self) -> usize {
        self.expire().len()
    }

    /// Take the warm instances idle for longer than the idle timeout out of the pool.
    fn expire(&self) -> Vec<Idle> {
        let mut idle = self.idle();
        let now = Instant::now();
        let (expired, kept) = std::mem::take(&mut *idle)
            .into_iter()
            .partition(|i| now.duration_since(i.since) > self.idle_timeout);
        *idle = kept;
        expired
    }

    /// Run `call` on a warm instance, or on a new one when none is idle; waits while the
    /// function's concurrency is exhausted.
    pub async fn invoke(&self, call: Call) -> Result<Served, StartError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| StartError::Internal(e.into()))?;
        // The most recently used warm instance that has not idled out; expired ones are dropped
        // on the blocking thread (tearing a sandbox down is not for an async worker).
        let expired = self.expire();
        let warm = self.idle().pop().map(|i| i.instance);
        let runtime = Arc::clone(&self.runtime);
        let function = Arc::clone(&self.function);
        let (instance, served) = tokio::task::spawn_blocking(move || -> Result<_, StartError> {
            drop(expired);
            let (mut instance, init_duration) = match warm {
                Some(instance) => (instance, None),
                None => {
                    let started = Instant::now();
                    (runtime.start(&function)?, Some(started.elapsed()))
                }
            };
            let execution = instance.invoke(&call)?;
            Ok((
                instance,
                Served {
                    execution,
                    init_duration,
                },
            ))
        })
        .await
        .map_err(|e| StartError::Internal(anyhow::anyhow!("the sandbox thread panicked: {e}")))??;
        if served.execution.reusable {
            self.idle().push(Idle {
                instance,
                since: Instant::now(),
            });
        }
        Ok(served)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Response;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Counts calls per instance; fails (unusable) when the payload is `"crash"`.
    struct Counter {
        started: AtomicUsize,
    }

    struct CounterInstance {
        calls: u32,
    }

    impl Runtime for Counter {
        fn start(&self, _: &FunctionEntry) -> Result<Box<dyn Instance>, StartError> {
            self.started.fetch_add(1, Ordering::SeqCst);
            Ok(Box::new(CounterInstance { calls: 0 }))
        }
    }

    impl Instance for CounterInstance {
        fn invoke(&mut self, call: &Call) -> anyhow::Result<Execution> {
            self.calls += 1;
            let crash = call.payload == "\"crash\"";
            Ok(Execution {
                result: if crash {
                    InvokeResult::Err(FunctionError::new("Runtime.Crash", "wasm trap"))
                } else {
                    InvokeResult::Ok(Response {
                        payload: self.calls.to_string().into_bytes(),
                        is_json: true,
                    })
                },
                log: String::new(),
                duration: Duration::from_millis(1),
                max_memory_used_mb: Some(1),
                reusable: !crash,
            })
        }
    }

    fn entry() -> FunctionEntry {
        FunctionEntry {
            key: "f".into(),
            name: "s-dev-f".into(),
            region: "us-east-1".into(),
            memory_size_mb: 128,
            timeout: Duration::from_secs(3),
        }
    }

    fn call(payload: &str) -> Call {
        Call {
            request_id: "r".into(),
            payload: payload.into(),
            client_context: None,
        }
    }

    fn payload(s: &Served) -> String {
        match &s.execution.result {
            InvokeResult::Ok(r) => String::from_utf8(r.payload.clone()).unwrap(),
            InvokeResult::Err(e) => e.error_type.clone(),
        }
    }

    #[tokio::test]
    async fn warm_instance_is_reused_and_failed_one_replaced() {
        let runtime = Arc::new(Counter {
            started: AtomicUsize::new(0),
        });
        let pool = Pool::new(entry(), runtime.clone(), 2, Duration::from_secs(60));
        let first = pool.invoke(call("{}")).await.unwrap();
        assert_eq!(payload(&first), "1");
        assert!(first.init_duration.is_some());
        let second = pool.invoke(call("{}")).await.unwrap();
        assert_eq!(
            payload(&second),
            "2",
            "module state persists on the warm instance"
        );
        assert!(second.init_duration.is_none());
        assert_eq!(
            payload(&pool.invoke(call("\"crash\"")).await.unwrap()),
            "Runtime.Crash"
        );
        assert_eq!(pool.idle_count(), 0, "the failed instance is discarded");
        assert_eq!(
            payload(&pool.invoke(call("{}")).await.unwrap()),
            "1",
            "a fresh instance replaced it"
        );
        assert_eq!(runtime.started.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrency_is_bounded_per_function() {
        let runtime = Arc::new(Counter {
            started: AtomicUsize::new(0),
        });
        let pool = Arc::new(Pool::new(
            entry(),
            runtime.clone(),
            3,
            Duration::from_secs(60),
        ));
        let calls: Vec<_> = (0..50)
            .map(|_| {
                let pool = Arc::clone(&pool);
                tokio::spawn(async move { pool.invoke(call("{}")).await.unwrap() })
            })
            .collect();
        for c in calls {
            c.await.unwrap();
        }
        assert!(runtime.started.load(Ordering::SeqCst) <= 3);
        assert!(pool.idle_count() <= 3);
    }

    #[tokio::test]
    async fn an_instance_idle_past_the_timeout_is_dropped() {
        let runtime = Arc::new(Counter {
            started: AtomicUsize::new(0),
        });
        let pool = Pool::new(entry(), runtime.clone(), 2, Duration::from_millis(50));
        assert_eq!(payload(&pool.invoke(call("{}")).await.unwrap()), "1");
        assert_eq!(
            payload(&pool.invoke(call("{}")).await.unwrap()),
            "2",
            "within the timeout the warm instance serves"
        );
        assert_eq!(pool.reap_idle(), 0);
        tokio::time::sleep(Duration::from_millis(120)).await;
        assert_eq!(pool.reap_idle(), 1, "the idle instance is reaped");
        assert_eq!(pool.idle_count(), 0);
        let fresh = pool.invoke(call("{}")).await.unwrap();
        assert_eq!(payload(&fresh), "1", "module state starts over");
        assert!(fresh.init_duration.is_some(), "a cold start");
        tokio::time::sleep(Duration::from_millis(120)).await;
        assert_eq!(
            payload(&pool.invoke(call("{}")).await.unwrap()),
            "1",
            "an expired instance is never used, even before the reaper ran"
        );
        assert_eq!(runtime.started.load(Ordering::SeqCst), 3);
    }
}
