//! `storyline serve` over real HTTP on a loopback port: the API, its errors,
//! the token, and durability of acknowledged writes across `kill -9`.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running server, killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(index: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_storyline"))
            .args(["serve", "--index"])
            .arg(index)
            .args(["--addr", "127.0.0.1:0"])
            .args(extra)
            .env_remove("STORYLINE_TOKEN")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_string();
        Server { child, addr }
    }

    /// One request; returns the status and the body parsed as JSON (or as
    /// a JSON string when it is not JSON).
    fn call(&self, method: &str, path: &str, headers: &[&str], body: &str) -> (u16, Value) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for h in headers {
            request.push_str(h);
            request.push_str("\r\n");
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream.write_all(request.as_bytes()).unwrap();
        let mut reader = BufReader::new(stream);
        let (status, chunked) = read_head(&mut reader);
        let mut text = String::new();
        if chunked {
            while let Some(chunk) = read_chunk(&mut reader) {
                text.push_str(&chunk);
            }
        } else {
            reader.read_to_string(&mut text).unwrap();
        }
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    fn get(&self, path: &str) -> (u16, Value) {
        self.call("GET", path, &[], "")
    }

    fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.call("POST", path, &[], &body.to_string())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Status line and headers; true when the body is chunked.
fn read_head(reader: &mut impl BufRead) -> (u16, bool) {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut chunked = false;
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            return (status, chunked);
        }
        chunked |= line
            .to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked");
    }
}

/// One chunk of a chunked body; `None` at its end.
fn read_chunk(reader: &mut impl BufRead) -> Option<String> {
    let mut size = String::new();
    if reader.read_line(&mut size).ok()? == 0 {
        return None;
    }
    let size = usize::from_str_radix(size.trim(), 16).ok()?;
    if size == 0 {
        return None;
    }
    let mut data = vec![0; size + 2];
    reader.read_exact(&mut data).ok()?;
    data.truncate(size);
    Some(String::from_utf8(data).unwrap())
}

/// An invented word, distinct for each `(n, k)` with `k` below 16.
fn word(n: usize, k: usize) -> String {
    const SYLLABLES: [&str; 10] = [
        "ka", "lo", "mi", "ren", "tas", "vo", "dul", "pe", "sor", "ink",
    ];
    let mut x = n * 16 + k + 11;
    let mut w = String::new();
    while x > 0 {
        w.push_str(SYLLABLES[x % 10]);
        x /= 10;
    }
    w
}

/// An article of invented event `n` (its names and places its own);
/// `copy` makes a near-copy of it. Events share a template, but not most
/// of their content words: in an index of three articles IDF barely tells
/// a name from a word in all three, so a template of twenty shared content
/// words put two events' average link (0.22–0.245) at the index's stopping
/// point itself (`story_threshold`, 0.225).
fn event(n: usize, copy: bool) -> Value {
    let w = |k: usize| word(n, k);
    let cap = |k: usize| {
        let s = word(n, k);
        s[..1].to_uppercase() + &s[1..]
    };
    let id = if copy {
        format!("e{n}-copy")
    } else {
        format!("e{n}")
    };
    let day = if copy { "Tuesday" } else { "Monday" };
    json!({
        "id": id,
        "title": format!("{} council backs {} plan for {}", cap(0), w(1), cap(2)),
        "date": format!("2025-04-{:02}", 1 + n % 28),
        "text": format!(
            "The {} council in {} approved the {} plan on {day}, mayor {} {} said. \
             The {} will cost {} crowns and open near the {} {} next {}. \
             Residents of {} had asked for a {} since the {} closed in {}. \
             Work starts once {} {} signs the {} {}.",
            cap(0), cap(2), w(1), cap(3), cap(4), w(5), 1000 + 37 * n, cap(6),
            w(13), w(14), cap(7), w(8), w(9), 1990 + n, cap(10), cap(11), w(12), w(15)
        )
    })
}

fn enc(id: &str) -> String {
    id.replace('/', "%2F")
}

#[test]
fn the_api_adds_finds_lists_compares_and_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let (status, reply) = server.post(
        "/v1/articles",
        &json!([event(1, false), event(1, true), event(2, false)]),
    );
    assert_eq!(status, 200, "{reply}");
    let results = reply["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[1]["story"], results[0]["story"]);
    assert_ne!(results[2]["story"], results[0]["story"]);
    assert_eq!(results[1]["matches"][0]["id"], "e1");
    assert_eq!(results[1]["matches"][0]["relation"], "near-copy");
    let (status, one) = server.post("/v1/articles", &event(3, false));
    assert_eq!(
        (status, one["results"][0]["created"].clone()),
        (200, json!(true))
    );

    let (status, article) = server.get("/v1/articles/e1-copy");
    assert_eq!(status, 200);
    assert_eq!(article["story"], results[0]["story"]);
    assert!(article["paragraphs"][0]
        .as_str()
        .unwrap()
        .contains("Tuesday"));

    let (_, similar) = server.get("/v1/articles/e1/similar?k=1");
    assert_eq!(similar["matches"].as_array().unwrap().len(), 1);
    assert_eq!(similar["matches"][0]["id"], "e1-copy");

    let (_, page) = server.get("/v1/stories?order=largest&limit=1");
    assert_eq!(page["total"], 3);
    assert_eq!(page["stories"][0]["size"], 2);
    assert_eq!(page["stories"][0]["original"], "e1");
    let (_, next) = server.get("/v1/stories?order=largest&limit=1&offset=1");
    assert_eq!(next["stories"][0]["size"], 1);
    let (_, found) = server.get(&format!("/v1/stories?q={}", word(2, 0)));
    assert_eq!(found["total"], 1);

    let story = results[0]["story"].as_i64().unwrap();
    let (status, detail) = server.get(&format!("/v1/stories/{story}"));
    assert_eq!(status, 200);
    assert_eq!(detail["articles"].as_array().unwrap().len(), 2);
    assert_eq!(detail["relations"][0]["relation"], "near-copy");

    let (status, cmp) = server.get("/v1/compare?a=e1&b=e1-copy");
    assert_eq!(status, 200);
    assert_eq!(cmp["relation"], "near-copy");
    assert!(cmp["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["type"] == "match"));

    let (status, query) = server.post("/v1/query?k=2", &event(2, true));
    assert_eq!(status, 200);
    assert_eq!(query["matches"][0]["id"], "e2");
    let (_, health) = server.get("/health");
    assert_eq!(health["articles"], 4, "a query adds nothing");

    let (status, _) = server.call("DELETE", "/v1/articles/e1-copy", &[], "");
    assert_eq!(status, 200);
    assert_eq!(server.get("/v1/articles/e1-copy").0, 404);
    let (_, detail) = server.get(&format!("/v1/stories/{story}"));
    assert_eq!(detail["size"], 1);

    let (status, metrics) = server.get("/metrics");
    assert_eq!(status, 200);
    let metrics = metrics.as_str().unwrap();
    assert!(metrics.contains("storyline_index_articles 3"), "{metrics}");
    assert!(
        metrics.contains(r#"storyline_http_requests_total{route="/v1/articles",status="200"} 2"#)
    );
}

#[test]
fn openapi_describes_every_route() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let (status, doc) = server.get("/openapi.json");
    assert_eq!(status, 200);
    for (method, path) in storyline_server::openapi::ROUTES {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} is not described"
        );
        // And the route is really served: anything but the fallback's 404 "no such route".
        let (status, body) =
            server.call(&method.to_uppercase(), &path.replace("{id}", "1"), &[], "");
        assert!(
            !(status == 404
                && body["error"]
                    .as_str()
                    .is_some_and(|e| e.contains("no such route"))),
            "{method} {path} is described but not served"
        );
    }
}

#[test]
fn malformed_requests_get_a_json_error_that_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--max-body", "2000"]);
    let cases: Vec<(u16, (u16, Value), &str)> = vec![
        (
            400,
            server.call("POST", "/v1/articles", &[], "{not json"),
            "malformed JSON",
        ),
        (
            400,
            server.post("/v1/articles", &json!({"id": "a"})),
            "missing field \"text\"",
        ),
        (
            400,
            server.post(
                "/v1/articles",
                &json!([event(1, false), {"id": "b", "text": "too short"}]),
            ),
            "article 2",
        ),
        (
            400,
            server.post("/v1/articles", &json!(42)),
            "expected an article",
        ),
        (
            413,
            server.post(
                "/v1/articles",
                &json!({"id": "big", "text": "word ".repeat(1000)}),
            ),
            "over 2000 bytes",
        ),
        (
            404,
            server.get("/v1/articles/nope"),
            "no article with id 'nope'",
        ),
        (404, server.get("/v1/stories/77"), "no story 77"),
        (
            400,
            server.get("/v1/stories/seven"),
            "story ids are numbers",
        ),
        (400, server.get("/v1/stories?order=oldest"), "order must be"),
        (
            400,
            server.get("/v1/articles/a/similar?k=many"),
            "'k' must be a whole number",
        ),
        (
            400,
            server.get("/v1/compare?a=x"),
            "missing query parameter 'b'",
        ),
        (404, server.get("/v2/nothing"), "no such route"),
        (
            405,
            server.call("PUT", "/v1/stories", &[], ""),
            "Method Not Allowed",
        ),
    ];
    for (expected, (status, body), says) in cases {
        assert_eq!(status, expected, "{body}");
        let error = body["error"]
            .as_str()
            .unwrap_or_else(|| panic!("not a JSON error: {body}"));
        assert!(error.contains(says), "{error:?} should say {says:?}");
    }
    let (_, health) = server.get("/health");
    assert_eq!(health["articles"], 0, "a rejected batch adds nothing");
}

#[test]
fn writes_need_the_token_when_one_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--token", "s3cret"]);
    let body = json!(event(4, false)).to_string();
    let (status, err) = server.call("POST", "/v1/articles", &[], &body);
    assert_eq!(status, 401);
    assert!(err["error"].as_str().unwrap().contains("Bearer"));
    let wrong = server.call(
        "POST",
        "/v1/articles",
        &["Authorization: Bearer nope"],
        &body,
    );
    assert_eq!(wrong.0, 401);
    assert_eq!(server.call("DELETE", "/v1/articles/e4", &[], "").0, 401);
    let (status, _) = server.call(
        "POST",
        "/v1/articles",
        &["Authorization: Bearer s3cret"],
        &body,
    );
    assert_eq!(status, 200);
    assert_eq!(server.get("/v1/articles/e4").0, 200, "reads need no token");
}

#[test]
fn every_acknowledged_article_of_a_stream_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path(), &[]);
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    write!(
        stream,
        "POST /v1/articles/stream HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut acknowledged: Vec<(String, i64)> = Vec::new();
    let mut head_read = false;
    for n in 0..40 {
        let line = format!("{}\n", event(n / 2, n % 2 == 1));
        write!(stream, "{:x}\r\n{line}\r\n", line.len()).unwrap();
        stream.flush().unwrap();
        if !head_read {
            assert_eq!(read_head(&mut reader).0, 200);
            head_read = true;
        }
        let reply: Value = serde_json::from_str(&read_chunk(&mut reader).unwrap()).unwrap();
        assert_eq!(reply["line"], n + 1, "{reply}");
        acknowledged.push((
            reply["id"].as_str().unwrap().to_string(),
            reply["story"].as_i64().unwrap(),
        ));
        if n == 24 {
            // Mid-stream: the next lines are on their way, and the server dies.
            let more = format!("{}\n", event(30, false));
            write!(stream, "{:x}\r\n{more}\r\n", more.len()).unwrap();
            server.child.kill().unwrap(); // SIGKILL
            server.child.wait().unwrap();
            break;
        }
    }
    assert_eq!(acknowledged.len(), 25);
    let server = Server::start(dir.path(), &[]);
    for (id, story) in &acknowledged {
        let (status, article) = server.get(&format!("/v1/articles/{}", enc(id)));
        assert_eq!(status, 200, "acknowledged {id} was lost");
        assert_eq!(article["story"], *story, "{id} changed story");
        let (status, detail) = server.get(&format!("/v1/stories/{story}"));
        assert_eq!(status, 200);
        assert!(detail["articles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == *id));
    }
    // The index still works after the crash.
    let (status, reply) = server.post("/v1/articles", &event(31, true));
    assert_eq!(status, 200, "{reply}");
}

#[test]
fn readers_are_answered_while_a_writer_streams() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let body: String = (0..60).map(|n| format!("{}\n", event(n, false))).collect();
    let addr = server.addr.clone();
    let writer = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(&addr).unwrap();
        write!(
            stream,
            "POST /v1/articles/stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        assert_eq!(read_head(&mut reader).0, 200);
        let mut acks = 0;
        while let Some(chunk) = read_chunk(&mut reader) {
            acks += chunk.lines().filter(|l| l.contains("\"story\"")).count();
        }
        acks
    });
    let mut seen = Vec::new();
    while !writer.is_finished() {
        let (status, health) = server.get("/health");
        assert_eq!(status, 200);
        assert_eq!(server.get("/v1/stories?limit=5").0, 200);
        seen.push(health["articles"].as_i64().unwrap());
    }
    assert_eq!(writer.join().unwrap(), 60);
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "counts only grow: {seen:?}"
    );
    assert_eq!(server.get("/health").1["articles"], 60);
}

#[test]
fn a_stream_answers_every_line_and_stops_at_one_over_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--max-body", "3000"]);
    let body = format!(
        "{}\n{{\"id\": \"short\", \"text\": \"two words\"}}\n{}\n{}",
        event(1, false),
        event(2, false),
        "x".repeat(4000)
    );
    let (status, reply) = server.call("POST", "/v1/articles/stream", &[], &body);
    assert_eq!(status, 200);
    let lines: Vec<Value> = reply
        .as_str()
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(
        (lines[0]["line"].clone(), lines[0]["id"].clone()),
        (json!(1), json!("e1"))
    );
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("line 2: article 'short': article too short (2 words"));
    assert_eq!(lines[2]["id"], "e2");
    assert_eq!(lines[3]["line"], 4);
    assert!(lines[3]["error"]
        .as_str()
        .unwrap()
        .contains("longer than 3000 bytes"));
    assert_eq!(server.get("/health").1["articles"], 2);
}
