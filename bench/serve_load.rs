//! Load test for `lambdabox serve`: N concurrent keep-alive clients send a fixed number of
//! Invoke requests; every response is checked (status 200, body `{"i":<n>}` for request n);
//! reports throughput and latency percentiles.
//!
//! `cargo run --example serve_load -- ADDR FUNCTION CLIENTS REQUESTS`
//! (bench/serve_load.sh starts the server and runs this.)

use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, addr, function, clients, requests] = args.as_slice() else {
        eprintln!("usage: serve_load ADDR FUNCTION CLIENTS REQUESTS");
        std::process::exit(2);
    };
    let clients: usize = clients.parse()?;
    let requests: usize = requests.parse()?;
    let path = format!("/2015-03-31/functions/{function}/invocations");

    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (addr, path) = (addr.clone(), path.clone());
        // Client c sends requests c, c + clients, c + 2·clients, …
        let mine: Vec<usize> = (c..requests).step_by(clients).collect();
        tasks.push(tokio::spawn(
            async move { client(&addr, &path, mine).await },
        ));
    }
    let mut latencies = Vec::with_capacity(requests);
    let mut failures = 0usize;
    for t in tasks {
        let (lat, failed) = t.await??;
        latencies.extend(lat);
        failures += failed;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| {
        latencies[((latencies.len() as f64 * p).ceil() as usize)
            .saturating_sub(1)
            .min(latencies.len() - 1)]
    };
    println!(
        "clients={clients} requests={requests} ok={} failed={failures} time={:.2}s throughput={:.0} req/s p50={:.2}ms p99={:.2}ms max={:.2}ms",
        latencies.len() - failures,
        elapsed.as_secs_f64(),
        requests as f64 / elapsed.as_secs_f64(),
        ms(pct(0.50)),
        ms(pct(0.99)),
        ms(*latencies.last().unwrap()),
    );
    if failures > 0 || latencies.len() != requests {
        std::process::exit(1);
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One keep-alive connection sending `ids` one after another; returns latencies and failures.
async fn client(
    addr: &str,
    path: &str,
    ids: Vec<usize>,
) -> std::io::Result<(Vec<Duration>, usize)> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let mut buf = Vec::with_capacity(4096);
    let mut latencies = Vec::with_capacity(ids.len());
    let mut failures = 0;
    for i in ids {
        let body = format!("{{\"i\":{i}}}");
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let sent = Instant::now();
        stream.write_all(request.as_bytes()).await?;
        let (status, reply) = read_response(&mut stream, &mut buf).await?;
        latencies.push(sent.elapsed());
        if status != 200 || reply != body.as_bytes() {
            failures += 1;
            eprintln!(
                "request {i}: status {status}, body {}",
                String::from_utf8_lossy(&reply)
            );
        }
    }
    Ok((latencies, failures))
}

/// Read one HTTP/1.1 response with a Content-Length body.
async fn read_response(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
) -> std::io::Result<(u16, Vec<u8>)> {
    let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_owned());
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
            let status = head
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| bad("status line"))?;
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.split_once(':')
                        .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                })
                .and_then(|(_, v)| v.trim().parse().ok())
                .ok_or_else(|| bad("no content-length"))?;
            while buf.len() < end + 4 + length {
                read_more(stream, buf).await?;
            }
            let body = buf[end + 4..end + 4 + length].to_vec();
            buf.drain(..end + 4 + length);
            return Ok((status, body));
        }
        read_more(stream, buf).await?;
    }
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<()> {
    let mut chunk = [0u8; 4096];
    let n = stream.read(&mut chunk).await?;
    if n == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    buf.extend_from_slice(&chunk[..n]);
    Ok(())
}
