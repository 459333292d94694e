//! Byte streams between the host and a guest: the capped log stream every guest writes to
//! (host `log` import, WASI stdout/stderr) and the channel-fed stdin of stdio-transport guests.

use bytes::Bytes;
use std::io::Write as _;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::sync::mpsc;
use wasmtime_wasi::cli::{IsTerminal, StdinStream, StdoutStream};
use wasmtime_wasi::p2::{InputStream, OutputStream, Pollable, StreamError, StreamResult};

/// Where the function's log stream ends up (stderr for `invoke local`, a buffer for tests and
/// for Tail logs).
pub trait LogSink: Send + Sync {
    fn write(&self, bytes: &[u8]);
}

/// Writes logs to the host's stderr, unchanged.
#[derive(Debug, Default)]
pub struct StderrSink;

impl LogSink for StderrSink {
    fn write(&self, bytes: &[u8]) {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(bytes);
        let _ = err.flush();
    }
}

/// Collects logs in memory.
#[derive(Debug, Default)]
pub struct MemorySink(Mutex<Vec<u8>>);

impl MemorySink {
    pub fn contents(&self) -> Vec<u8> {
        self.0.lock().map(|v| v.clone()).unwrap_or_default()
    }
}

impl LogSink for MemorySink {
    fn write(&self, bytes: &[u8]) {
        if let Ok(mut v) = self.0.lock() {
            v.extend_from_slice(bytes);
        }
    }
}

/// Anything guest output bytes can be written to.
pub trait ByteSink: Send + Sync {
    fn write(&self, bytes: &[u8]);
}

/// The function's log stream with its size cap: what goes beyond `limit` is dropped, with one
/// note saying so.
pub struct Log {
    sink: Arc<dyn LogSink>,
    written: AtomicU64,
    limit: u64,
}

impl Log {
    pub fn new(sink: Arc<dyn LogSink>, limit: u64) -> Arc<Self> {
        Arc::new(Self {
            sink,
            written: AtomicU64::new(0),
            limit,
        })
    }
}

impl ByteSink for Log {
    fn write(&self, bytes: &[u8]) {
        let len = bytes.len() as u64;
        let before = self.written.fetch_add(len, Ordering::SeqCst);
        if before >= self.limit {
            return;
        }
        let room = usize::try_from(self.limit - before).unwrap_or(usize::MAX);
        if bytes.len() <= room {
            self.sink.write(bytes);
        } else {
            self.sink.write(&bytes[..room]);
            self.sink.write(
                format!(
                    "\n[lambdabox] log output truncated: the function wrote more than {} bytes\n",
                    self.limit
                )
                .as_bytes(),
            );
        }
    }
}

/// A WASI stdout/stderr that forwards every byte to a [`ByteSink`] synchronously.
#[derive(Clone)]
pub struct GuestOutput(pub Arc<dyn ByteSink>);

impl IsTerminal for GuestOutput {
    fn is_terminal(&self) -> bool {
        false
    }
}

impl StdoutStream for GuestOutput {
    fn async_stream(&self) -> Box<dyn tokio::io::AsyncWrite + Send + Sync> {
        Box::new(self.clone())
    }
    fn p2_stream(&self) -> Box<dyn OutputStream> {
        Box::new(self.clone())
    }
}

#[wasmtime_wasi::async_trait]
impl Pollable for GuestOutput {
    async fn ready(&mut self) {}
}

impl OutputStream for GuestOutput {
    fn write(&mut self, bytes: Bytes) -> StreamResult<()> {
        self.0.write(&bytes);
        Ok(())
    }
    fn flush(&mut self) -> StreamResult<()> {
        Ok(())
    }
    fn check_write(&mut self) -> StreamResult<usize> {
        Ok(1 << 20)
    }
}

impl tokio::io::AsyncWrite for GuestOutput {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.0.write(buf);
        Poll::Ready(Ok(buf.len()))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// A guest stdin fed line by line by the host; dropping every sender is end of input.
#[derive(Clone)]
pub struct ChannelStdin(Arc<StdinState>);

struct StdinState {
    rx: Mutex<mpsc::UnboundedReceiver<Bytes>>,
    pending: Mutex<Option<Bytes>>,
}

impl ChannelStdin {
    pub fn new() -> (mpsc::UnboundedSender<Bytes>, Self) {
        let (tx, rx) = mpsc::unbounded_channel();
        (
            tx,
            Self(Arc::new(StdinState {
                rx: Mutex::new(rx),
                pending: Mutex::new(None),
            })),
        )
    }

    /// Wait until bytes (or the end of input) are available.
    fn poll_fill(&self, cx: &mut Context<'_>) -> Poll<()> {
        let mut pending = self.0.pending.lock().unwrap_or_else(|e| e.into_inner());
        if pending.as_ref().is_some_and(|b| !b.is_empty()) {
            return Poll::Ready(());
        }
        let mut rx = self.0.rx.lock().unwrap_or_else(|e| e.into_inner());
        match rx.poll_recv(cx) {
            Poll::Ready(Some(bytes)) => {
                *pending = Some(bytes);
                Poll::Ready(())
            }
            Poll::Ready(None) => Poll::Ready(()),
            Poll::Pending => Poll::Pending,
        }
    }

    /// Take up to `size` buffered bytes; `None` at end of input.
    fn take(&self, size: usize) -> Option<Bytes> {
        let mut pending = self.0.pending.lock().unwrap_or_else(|e| e.into_inner());
        if pending.as_ref().is_none_or(|b| b.is_empty()) {
            let mut rx = self.0.rx.lock().unwrap_or_else(|e| e.into_inner());
            match rx.try_recv() {
                Ok(bytes) => *pending = Some(bytes),
                Err(mpsc::error::TryRecvError::Empty) => return Some(Bytes::new()),
                Err(mpsc::error::TryRecvError::Disconnected) => return None,
            }
        }
        let buf = pending.as_mut()?;
        let n = size.min(buf.len());
        Some(buf.split_to(n))
    }
}

impl IsTerminal for ChannelStdin {
    fn is_terminal(&self) -> bool {
        false
    }
}

impl StdinStream for ChannelStdin {
    fn async_stream(&self) -> Box<dyn tokio::io::AsyncRead + Send + Sync> {
        Box::new(self.clone())
    }
    fn p2_stream(&self) -> Box<dyn InputStream> {
        Box::new(self.clone())
    }
}

#[wasmtime_wasi::async_trait]
impl Pollable for ChannelStdin {
    async fn ready(&mut self) {
        std::future::poll_fn(|cx| self.poll_fill(cx)).await
    }
}

impl InputStream for ChannelStdin {
    fn read(&mut self, size: usize) -> StreamResult<Bytes> {
        self.take(size).ok_or(StreamError::Closed)
    }
}

impl tokio::io::AsyncRead for ChannelStdin {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.poll_fill(cx).is_pending() {
            return Poll::Pending;
        }
        if let Some(bytes) = self.take(buf.remaining()) {
            buf.put_slice(&bytes);
        }
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_is_capped_with_one_note() {
        let sink = Arc::new(MemorySink::default());
        let log = Log::new(sink.clone(), 10);
        log.write(b"12345678");
        log.write(b"abcdef");
        log.write(b"never");
        let text = String::from_utf8(sink.contents()).unwrap();
        assert!(
            text.starts_with("12345678ab\n[lambdabox] log output truncated"),
            "{text}"
        );
        assert_eq!(text.matches("truncated").count(), 1);
    }

    #[test]
    fn stdin_channel_reads_in_order_then_closes() {
        let (tx, stdin) = ChannelStdin::new();
        tx.send(Bytes::from_static(b"hello ")).unwrap();
        tx.send(Bytes::from_static(b"world")).unwrap();
        drop(tx);
        let mut s = stdin.clone();
        let mut got = Vec::new();
        loop {
            match InputStream::read(&mut s, 4) {
                Ok(b) => got.extend_from_slice(&b),
                Err(StreamError::Closed) => break,
                Err(e) => panic!("{e:?}"),
            }
        }
        assert_eq!(got, b"hello world");
    }
}
