//! Workbench benchmarks over real loopback HTTP (`cargo bench -p jixiao_web --bench api`).
//!
//! 1. Import: the four bundled examples × N uploaded one after another through
//!    `POST /api/v1/documents` (read, score, check, store), against reading and checking the
//!    same files in process on one thread (what `jixiao check` does per file).
//! 2. List: `GET /api/v1/documents` (a page of 50) by 64 concurrent keep-alive clients, with
//!    100 and with 10,000 documents in the region; p50 and p99 latency.
//! 3. Pages: every workbench page at 10,000 documents, median and p95.
//! 4. Dashboard: `GET /api/v1/dashboard` (every figure over every document of the region) and
//!    the `/dashboard` page, as finance, with 10,000 documents of 50 units and 300 project
//!    names; p50 and p99 latency of one client, and of 8 concurrent clients.
//!
//! The store is a temporary SQLite file. `JIXIAO_BENCH_N`: copies of the examples (default 100).
//! `JIXIAO_BENCH_ONLY`: a comma-separated subset of `import,list,pages,dashboard` (default all).

use std::sync::Arc;
use std::time::{Duration, Instant};

use jixiao_store::{ListFilter, NewDocument, Scope, State, Store};
use jixiao_web::{demo, AppState, Config};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const EXAMPLES: [(&str, &str); 4] = [
    (
        "self_evaluation.txt",
        include_str!("../../../examples/self_evaluation.txt"),
    ),
    (
        "target_declaration.txt",
        include_str!("../../../examples/target_declaration.txt"),
    ),
    (
        "scoresheet_jiangmen.txt",
        include_str!("../../../examples/scoresheet_jiangmen.txt"),
    ),
    (
        "final_accounts.txt",
        include_str!("../../../examples/final_accounts.txt"),
    ),
];

/// A keep-alive HTTP/1.1 connection.
struct Conn {
    s: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    async fn open(port: u16) -> Conn {
        let s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        s.set_nodelay(true).unwrap();
        Conn { s, buf: Vec::new() }
    }

    /// Sends a request; status, headers, body.
    async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &str,
        body: &[u8],
    ) -> (u16, String, Vec<u8>) {
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n{headers}\r\n",
            body.len()
        );
        self.s.write_all(head.as_bytes()).await.unwrap();
        self.s.write_all(body).await.unwrap();
        loop {
            if let Some(end) = find(&self.buf, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&self.buf[..end]).to_string();
                let len: usize = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length: ")
                            .map(|v| v.trim().parse().unwrap())
                    })
                    .unwrap_or(0);
                while self.buf.len() < end + 4 + len {
                    self.read_more().await;
                }
                let body = self.buf[end + 4..end + 4 + len].to_vec();
                self.buf.drain(..end + 4 + len);
                let status = head[9..12].parse().unwrap();
                return (status, head, body);
            }
            self.read_more().await;
        }
    }

    async fn read_more(&mut self) {
        let mut chunk = [0u8; 65536];
        let n = self.s.read(&mut chunk).await.unwrap();
        assert!(n > 0, "connection closed");
        self.buf.extend_from_slice(&chunk[..n]);
    }
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

async fn login(port: u16, user: &str) -> String {
    let mut c = Conn::open(port).await;
    let body = format!(r#"{{"username":"{user}","password":"{}"}}"#, demo::PASSWORD);
    let (status, head, _) = c
        .send(
            "POST",
            "/api/v1/login",
            "Content-Type: application/json\r\n",
            body.as_bytes(),
        )
        .await;
    assert_eq!(status, 200);
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .unwrap();
    cookie.split(';').next().unwrap().to_string()
}

async fn start(store: Arc<dyn Store>) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let state = AppState::new(store, Config::default());
    tokio::spawn(jixiao_web::serve_on(state, listener));
    port
}

async fn fresh_store(tmp: &std::path::Path, name: &str) -> Arc<dyn Store> {
    let url = format!("sqlite://{}", tmp.join(name).display());
    let store = jixiao_web::open_store(&url).await.unwrap();
    demo::seed(&*store).await.unwrap();
    store
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

async fn import_bench(tmp: &std::path::Path, n: usize) {
    // In process, one thread: decode, parse and check every file (as `jixiao check` does);
    // once to warm up (rule sets parsed, allocator primed), once timed.
    let check_all = |n: usize| {
        let mut findings = 0;
        for _ in 0..n {
            for (name, text) in EXAMPLES {
                let doc = jixiao_parse::parse_bytes(name, text.as_bytes()).unwrap();
                findings += jixiao_audit::check(&doc, text, &jixiao_audit::Config::default())
                    .findings
                    .len();
            }
        }
        findings
    };
    check_all(1);
    let t = Instant::now();
    let findings = check_all(n);
    let check = t.elapsed();
    // The parts of an import, in process: read + score + check + serialise, then the store.
    let t = Instant::now();
    let mut prepared = Vec::new();
    for _ in 0..n {
        for (name, text) in EXAMPLES {
            let read =
                jixiao_store::analyse::read(name, "text/plain", text.as_bytes().to_vec()).unwrap();
            let a = jixiao_store::analyse::analyse(&read, &|f| {
                jixiao_store::analyse::default_ruleset(f.kind).to_string()
            });
            prepared.push((read.source, a));
        }
    }
    let analyse = t.elapsed();
    let side = fresh_store(tmp, "parts.db").await;
    let unit = side.org_by_code("U01").await.unwrap().unwrap();
    let t = Instant::now();
    for (source, a) in prepared {
        let docs: Vec<NewDocument> = a
            .into_iter()
            .map(|x| NewDocument {
                unit_id: unit.id,
                state: State::Draft,
                parent_id: None,
                ruleset_override: None,
                analysis: x.analysis,
            })
            .collect();
        side.create_documents(&source, &docs, 0, 0).await.unwrap();
    }
    let stored = t.elapsed();
    let store = fresh_store(tmp, "import.db").await;
    let port = start(store.clone()).await;
    let cookie = login(port, "unit1").await;
    let mut c = Conn::open(port).await;
    let t = Instant::now();
    let mut docs = 0;
    for _ in 0..n {
        for (name, text) in EXAMPLES {
            let headers = format!("Cookie: {cookie}\r\nContent-Type: text/plain\r\n");
            let (status, _, body) = c
                .send(
                    "POST",
                    &format!("/api/v1/documents?name={name}"),
                    &headers,
                    text.as_bytes(),
                )
                .await;
            assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
            let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
            docs += v["documents"].as_array().unwrap().len();
        }
    }
    let import = t.elapsed();
    let files = n * EXAMPLES.len();
    println!(
        "import parts in process: read + score + check + JSON {:.1} ms/file, store {:.1} ms/file",
        analyse.as_secs_f64() * 1e3 / files as f64,
        stored.as_secs_f64() * 1e3 / files as f64
    );
    println!(
        "import: {files} files ({docs} documents) through the API in {:.2} s ({:.1} ms/file); \
         read + check in process {:.2} s ({:.1} ms/file, {findings} findings); ratio {:.2}",
        import.as_secs_f64(),
        import.as_secs_f64() * 1e3 / files as f64,
        check.as_secs_f64(),
        check.as_secs_f64() * 1e3 / files as f64,
        import.as_secs_f64() / check.as_secs_f64()
    );
}

async fn list_bench(tmp: &std::path::Path, total: usize) -> u16 {
    let store = fresh_store(tmp, &format!("list{total}.db")).await;
    // Fill to `total` documents spread over the two demo units, copies of real analyses.
    let (have, _) = store
        .list_documents(Scope::All, &ListFilter::default())
        .await
        .unwrap();
    let unit_ids: Vec<i64> = store
        .orgs()
        .await
        .unwrap()
        .iter()
        .filter(|o| o.kind == jixiao_store::OrgKind::Unit)
        .map(|o| o.id)
        .collect();
    let (_, sample) = store
        .list_documents(
            Scope::All,
            &ListFilter {
                per_page: 500,
                ..ListFilter::default()
            },
        )
        .await
        .unwrap();
    let mut templates = Vec::new();
    for h in &sample {
        let d = store.document(h.id).await.unwrap().unwrap();
        templates.push((
            d.current.analysis,
            store.source(d.current.source_id).await.unwrap().unwrap(),
        ));
    }
    let mut left = total.saturating_sub(have as usize);
    let mut i = 0;
    while left > 0 {
        let batch = left.min(200);
        let (a, src) = &templates[i % templates.len()];
        let docs: Vec<NewDocument> = (0..batch)
            .map(|k| NewDocument {
                unit_id: unit_ids[(i + k) % unit_ids.len()],
                state: State::Draft,
                parent_id: None,
                ruleset_override: None,
                analysis: a.clone(),
            })
            .collect();
        store
            .create_documents(src, &docs, 0, jixiao_web::now_ms())
            .await
            .unwrap();
        left -= batch;
        i += 1;
    }
    let port = start(store.clone()).await;
    let cookie = login(port, "finance").await;
    let clients = 64;
    let per_client = 40;
    let mut tasks = Vec::new();
    let t = Instant::now();
    for _ in 0..clients {
        let cookie = cookie.clone();
        tasks.push(tokio::spawn(async move {
            let mut c = Conn::open(port).await;
            let headers = format!("Cookie: {cookie}\r\n");
            let mut lat = Vec::with_capacity(per_client);
            for _ in 0..per_client {
                let t = Instant::now();
                let (status, _, _) = c.send("GET", "/api/v1/documents", &headers, b"").await;
                assert_eq!(status, 200);
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let wall = t.elapsed();
    all.sort();
    println!(
        "list: {total} documents, {clients} clients × {per_client} requests: p50 {:.1} ms, p99 {:.1} ms, {:.0} requests/s",
        percentile(&all, 0.50).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3,
        all.len() as f64 / wall.as_secs_f64()
    );
    port
}

/// 3. Pages: each page rendered by the server (one client, sequential requests), median and
///    p95 of the whole request over loopback, with the region's documents already stored.
async fn pages_bench(port: u16, total: usize) {
    let finance = login(port, "finance").await;
    let dept = login(port, "dept").await;
    let unit = login(port, "unit1").await;
    let mut c = Conn::open(port).await;
    let (_, _, body) = c
        .send(
            "GET",
            "/api/v1/documents?per_page=1&kind=self_evaluation",
            &format!("Cookie: {unit}\r\n"),
            b"",
        )
        .await;
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let id = v["items"][0]["id"].as_i64().expect("a self-evaluation");
    let pages = [
        (
            "workbench (finance)",
            finance.clone(),
            "/workbench".to_string(),
        ),
        (
            "workbench (department)",
            dept.clone(),
            "/workbench".to_string(),
        ),
        ("workbench (unit)", unit.clone(), "/workbench".to_string()),
        (
            "workbench, filtered page 3",
            finance.clone(),
            "/workbench?kind=self_evaluation&page=3".to_string(),
        ),
        ("document page", unit.clone(), format!("/documents/{id}")),
        (
            "document JSON the page loads",
            unit.clone(),
            format!("/api/v1/documents/{id}"),
        ),
        (
            "history page",
            unit.clone(),
            format!("/documents/{id}/history"),
        ),
        (
            "HTML report",
            unit.clone(),
            format!("/documents/{id}/report.html"),
        ),
        ("upload page", unit.clone(), "/upload".to_string()),
        ("dashboard page", finance.clone(), "/dashboard".to_string()),
        ("rules page", finance.clone(), "/rules".to_string()),
    ];
    for (name, cookie, path) in pages {
        let headers = format!("Cookie: {cookie}\r\n");
        let mut lat = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            let (status, _, _) = c.send("GET", &path, &headers, b"").await;
            assert_eq!(status, 200, "{path}");
            lat.push(t.elapsed());
        }
        lat.sort();
        println!(
            "page at {total} documents: {name} ({path}): median {:.1} ms, p95 {:.1} ms",
            percentile(&lat, 0.50).as_secs_f64() * 1e3,
            percentile(&lat, 0.95).as_secs_f64() * 1e3,
        );
    }
}

/// Fills a fresh demo store with 48 more units (three more departments) and `total`
/// documents over all units, copies of the demo's analyses under 300 project names.
async fn dashboard_store(tmp: &std::path::Path, total: usize) -> Arc<dyn Store> {
    let store = fresh_store(tmp, &format!("dashboard{total}.db")).await;
    let region = store.org_by_code("F01").await.unwrap().unwrap();
    for d in 0..3 {
        let dept = store
            .create_org(&jixiao_store::NewOrg {
                code: format!("BD{d}"),
                name: format!("基准部门{d}"),
                kind: jixiao_store::OrgKind::Department,
                parent_id: Some(region.id),
            })
            .await
            .unwrap();
        for u in 0..16 {
            store
                .create_org(&jixiao_store::NewOrg {
                    code: format!("BU{d}{u:02}"),
                    name: format!("基准单位{d}-{u:02}"),
                    kind: jixiao_store::OrgKind::Unit,
                    parent_id: Some(dept.id),
                })
                .await
                .unwrap();
        }
    }
    let unit_ids: Vec<i64> = store
        .orgs()
        .await
        .unwrap()
        .iter()
        .filter(|o| o.kind == jixiao_store::OrgKind::Unit)
        .map(|o| o.id)
        .collect();
    let (have, sample) = store
        .list_documents(
            Scope::All,
            &ListFilter {
                per_page: 500,
                ..ListFilter::default()
            },
        )
        .await
        .unwrap();
    let mut templates = Vec::new();
    for h in &sample {
        let d = store.document(h.id).await.unwrap().unwrap();
        templates.push((
            d.current.analysis,
            store.source(d.current.source_id).await.unwrap().unwrap(),
        ));
    }
    let mut made = have as usize;
    let mut i = 0;
    while made < total {
        let batch = (total - made).min(200);
        let (a, src) = &templates[i % templates.len()];
        let docs: Vec<NewDocument> = (0..batch)
            .map(|k| {
                let n = made + k;
                let mut a = a.clone();
                a.project = Some(format!(
                    "{}·{}",
                    a.project.as_deref().unwrap_or("项目"),
                    n % 300
                ));
                NewDocument {
                    unit_id: unit_ids[n % unit_ids.len()],
                    state: State::Draft,
                    parent_id: None,
                    ruleset_override: None,
                    analysis: a,
                }
            })
            .collect();
        store
            .create_documents(src, &docs, 0, jixiao_web::now_ms())
            .await
            .unwrap();
        made += batch;
        i += 1;
    }
    store
}

async fn dashboard_bench(tmp: &std::path::Path, total: usize) {
    let store = dashboard_store(tmp, total).await;
    // The parts in process: the store's rows, then the figures over them.
    let region = store.org_by_code("F01").await.unwrap().unwrap();
    let scope = Scope::Region(region.id);
    let filter = jixiao_store::DashboardFilter::default();
    store.dashboard(scope, &filter).await.unwrap();
    let (mut rows_t, mut fig_t) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..20 {
        let t = Instant::now();
        let d = store.dashboard(scope, &filter).await.unwrap();
        rows_t += t.elapsed();
        let t = Instant::now();
        let v = jixiao_web::dashboard::figures(&d.rows);
        std::hint::black_box(serde_json::to_vec(&v).unwrap());
        fig_t += t.elapsed();
    }
    println!(
        "dashboard parts in process: store rows {:.1} ms, figures + JSON {:.1} ms",
        rows_t.as_secs_f64() * 1e3 / 20.0,
        fig_t.as_secs_f64() * 1e3 / 20.0
    );
    let port = start(store).await;
    let cookie = login(port, "finance").await;
    let headers = format!("Cookie: {cookie}\r\n");
    let mut c = Conn::open(port).await;
    // Warm up (the first read also fills any summary not yet stored: none here).
    let (status, _, body) = c.send("GET", "/api/v1/dashboard", &headers, b"").await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["total"].as_u64(), Some(total as u64));
    let bytes = body.len();
    for (what, path) in [("API", "/api/v1/dashboard"), ("page", "/dashboard")] {
        let mut lat = Vec::new();
        for _ in 0..40 {
            let t = Instant::now();
            let (status, _, _) = c.send("GET", path, &headers, b"").await;
            assert_eq!(status, 200);
            lat.push(t.elapsed());
        }
        lat.sort();
        println!(
            "dashboard {what} ({path}): {total} documents, one client × 40: p50 {:.1} ms, p99 {:.1} ms{}",
            percentile(&lat, 0.50).as_secs_f64() * 1e3,
            percentile(&lat, 0.99).as_secs_f64() * 1e3,
            if what == "API" { format!(", {:.0} KB of JSON", bytes as f64 / 1024.0) } else { String::new() }
        );
    }
    let clients = 8;
    let per_client = 10;
    let mut tasks = Vec::new();
    let t = Instant::now();
    for _ in 0..clients {
        let headers = headers.clone();
        tasks.push(tokio::spawn(async move {
            let mut c = Conn::open(port).await;
            let mut lat = Vec::with_capacity(per_client);
            for _ in 0..per_client {
                let t = Instant::now();
                let (status, _, _) = c.send("GET", "/api/v1/dashboard", &headers, b"").await;
                assert_eq!(status, 200);
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let wall = t.elapsed();
    all.sort();
    println!(
        "dashboard API: {total} documents, {clients} clients × {per_client}: p50 {:.1} ms, p99 {:.1} ms, {:.1} requests/s",
        percentile(&all, 0.50).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3,
        all.len() as f64 / wall.as_secs_f64()
    );
}

fn main() {
    // `cargo test --benches` runs this binary with `--bench` absent: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let n: usize = std::env::var("JIXIAO_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let only = std::env::var("JIXIAO_BENCH_ONLY").unwrap_or_default();
    let run = |case: &str| only.is_empty() || only.split(',').any(|c| c.trim() == case);
    rt.block_on(async {
        if run("import") {
            import_bench(tmp.path(), n).await;
        }
        if run("list") || run("pages") {
            list_bench(tmp.path(), 100).await;
            let port = list_bench(tmp.path(), 10_000).await;
            if run("pages") {
                pages_bench(port, 10_000).await;
            }
        }
        if run("dashboard") {
            dashboard_bench(tmp.path(), 10_000).await;
        }
    });
}
