//! A loopback HTTP proxy in front of moto that injects network faults the way a real network
//! does: a response that never arrives, a connection dropped after the request was delivered,
//! a slow answer. The client under test sees real sockets.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Forward it and return the answer.
    Pass,
    /// Forward it (the service acts on it), then close the connection without answering.
    DropAnswer,
    /// Wait, then forward it and answer.
    Delay(Duration),
    /// Never forward or answer; the connection stays open until the proxy stops.
    Hang,
    /// Answer with this status and JSON body without forwarding (a service error).
    Respond(u16, &'static str),
}

/// One request as the proxy saw it.
pub struct Request {
    /// The `X-Amz-Target` header (`AWSEvents.PutEvents`), or the path for REST services.
    pub target: String,
    pub body: Vec<u8>,
}

type Rule = dyn Fn(usize, &Request) -> Fault + Send + Sync;

pub struct Proxy {
    pub endpoint: String,
    /// Requests seen, by target, in arrival order.
    seen: Arc<std::sync::Mutex<Vec<String>>>,
    stopped: Arc<AtomicBool>,
}

impl Proxy {
    /// Listens on a free 127.0.0.1 port and forwards to `upstream` (`http://127.0.0.1:PORT`);
    /// `rule(n, request)` decides the fate of the n-th request (from 0).
    pub fn start(upstream: &str, rule: impl Fn(usize, &Request) -> Fault + Send + Sync + 'static) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("proxy bind");
        let endpoint = format!("http://{}", listener.local_addr().expect("the local address"));
        let upstream = upstream.trim_start_matches("http://").to_string();
        let rule: Arc<Rule> = Arc::new(rule);
        let counter = Arc::new(AtomicUsize::new(0));
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let stopped = Arc::new(AtomicBool::new(false));
        let (seen2, stopped2) = (seen.clone(), stopped.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if stopped2.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(client) = client else { continue };
                let (upstream, rule, counter, seen, stopped) =
                    (upstream.clone(), rule.clone(), counter.clone(), seen2.clone(), stopped2.clone());
                std::thread::spawn(move || serve(client, &upstream, &*rule, &counter, &seen, &stopped));
            }
        });
        Proxy { endpoint, seen, stopped }
    }

    /// How many requests with this target arrived so far.
    pub fn count(&self, target: &str) -> usize {
        self.seen.lock().map(|seen| seen.iter().filter(|t| t.as_str() == target).count()).unwrap_or(0)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::Relaxed);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.endpoint.trim_start_matches("http://"));
    }
}

fn serve(
    client: TcpStream,
    upstream: &str,
    rule: &Rule,
    counter: &AtomicUsize,
    seen: &std::sync::Mutex<Vec<String>>,
    stopped: &AtomicBool,
) {
    let _ = client.set_read_timeout(Some(Duration::from_secs(120)));
    let mut reader = BufReader::new(match client.try_clone() {
        Ok(c) => c,
        Err(_) => return,
    });
    let mut writer = client;
    loop {
        let Some((head, body)) = read_request(&mut reader) else { return };
        let target = header(&head, "x-amz-target").unwrap_or_else(|| {
            head.lines().next().unwrap_or_default().split(' ').nth(1).unwrap_or_default().to_string()
        });
        if let Ok(mut seen) = seen.lock() {
            seen.push(target.clone());
        }
        let n = counter.fetch_add(1, Ordering::SeqCst);
        let fault = rule(n, &Request { target, body: body.clone() });
        if let Fault::Delay(pause) = fault {
            std::thread::sleep(pause);
        }
        if fault == Fault::Hang {
            while !stopped.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(50));
            }
            return;
        }
        if let Fault::Respond(status, json) = fault {
            let answer = format!(
                "HTTP/1.1 {status} Error\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n{json}",
                json.len()
            );
            if writer.write_all(answer.as_bytes()).is_err() {
                return;
            }
            continue;
        }
        let Some(answer) = forward(upstream, &head, &body) else { return };
        if fault == Fault::DropAnswer {
            let _ = writer.shutdown(Shutdown::Both);
            return;
        }
        if writer.write_all(&answer).is_err() {
            return;
        }
    }
}

/// One HTTP/1.1 request with a Content-Length body; None at end of stream.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<(String, Vec<u8>)> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let length: usize = header(&head, "content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some((head, body))
}

fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_string())
    })
}

/// Sends the request upstream on a connection of its own and returns the whole answer, with
/// `Connection: close` so the client opens a new connection for its next request.
fn forward(upstream: &str, head: &str, body: &[u8]) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).ok()?;
    let head: String = head
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    server.write_all(format!("{head}Connection: close\r\n\r\n").as_bytes()).ok()?;
    server.write_all(body).ok()?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).ok()?;
    Some(answer)
}
