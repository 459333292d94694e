//! The listener: HTTP/1.1 connections served by hyper; on shutdown it stops accepting, lets
//! in-flight requests finish, then waits for background (`Event`) invocations.

use super::http::App;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long shutdown waits for in-flight work before giving up on it.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Server {
    listener: TcpListener,
    app: Arc<App>,
}

impl Server {
    pub async fn bind(addr: SocketAddr, app: Arc<App>) -> std::io::Result<Self> {
        Ok(Self {
            listener: TcpListener::bind(addr).await?,
            app,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serve until `shutdown` completes, then drain.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> std::io::Result<()> {
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        tokio::pin!(shutdown);
        loop {
            let stream = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    // Out of file descriptors and the like: keep serving the open connections.
                    Err(err) => {
                        eprintln!("warning: accepting a connection failed: {err}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let _ = stream.set_nodelay(true);
            let app = Arc::clone(&self.app);
            let service = service_fn(move |req| {
                let app = Arc::clone(&app);
                async move { Ok::<_, std::convert::Infallible>(app.handle(req).await) }
            });
            let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            let conn = graceful.watch(conn);
            tokio::spawn(async move {
                if let Err(err) = conn.await {
                    if !err.is_incomplete_message() {
                        eprintln!("warning: connection error: {err}");
                    }
                }
            });
        }
        drop(self.listener);
        if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
            .await
            .is_err()
        {
            eprintln!(
                "warning: some requests were still running after {}s; stopping anyway",
                DRAIN_TIMEOUT.as_secs()
            );
        }
        if tokio::time::timeout(DRAIN_TIMEOUT, self.app.drain_background())
            .await
            .is_err()
        {
            eprintln!(
                "warning: some Event invocations were still running after {}s; stopping anyway",
                DRAIN_TIMEOUT.as_secs()
            );
        }
        Ok(())
    }
}
