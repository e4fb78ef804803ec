//! The workbench commands: `serve --demo` answering on a real port, `db migrate`,
//! `org add`, `user add` (password from stdin), `import` — and a batch import killed in the
//! middle leaves no partial document.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn jixiao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
}

fn examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 request; status, headers and body.
fn http(port: u16, method: &str, path: &str, cookie: &str, body: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{}\r\n{body}",
        body.len(),
        if cookie.is_empty() { String::new() } else { format!("Cookie: {cookie}\r\n") }
    );
    s.write_all(req.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let (head, body) = out.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    (status, head.to_string(), body.to_string())
}

/// Kills the server when the test ends, passed or not.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_demo_logs_in_every_account_and_walks_a_document() {
    let port = free_port();
    let mut child = jixiao()
        .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}")])
        .env("RUST_LOG", "warn")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let _server = Server(child);
    let start = Instant::now();
    while !banner.contains("serving on") && start.elapsed() < Duration::from_secs(60) {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap() == 0 {
            break;
        }
        banner.push_str(&line);
    }
    // Keep draining stderr so the server never blocks on it.
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = err.read_to_string(&mut sink);
    });
    assert!(banner.contains("DEMO"), "{banner}");
    for user in ["finance", "dept", "unit1", "unit2", "admin"] {
        assert!(banner.contains(user), "{banner}");
    }
    let login = |user: &str| {
        let (status, head, body) = http(
            port,
            "POST",
            "/api/v1/login",
            "",
            &format!(r#"{{"username":"{user}","password":"jixiao-demo"}}"#),
        );
        assert_eq!(status, 200, "{user}: {body}");
        head.lines()
            .find_map(|l| l.strip_prefix("set-cookie: "))
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string()
    };
    let cookies: Vec<String> = ["unit1", "dept", "finance", "unit2", "admin"]
        .iter()
        .map(|u| login(u))
        .collect();
    // unit1's draft self-evaluation (the demo's first document) through the workflow.
    let (_, _, list) = http(
        port,
        "GET",
        "/api/v1/documents?state=draft&kind=self_evaluation",
        &cookies[0],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    let id = v["items"][0]["id"].as_i64().unwrap();
    let (_, _, doc) = http(
        port,
        "GET",
        &format!("/api/v1/documents/{id}"),
        &cookies[0],
        "",
    );
    let doc: serde_json::Value = serde_json::from_str(&doc).unwrap();
    let ex: Vec<serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| serde_json::json!({"rule": f["rule"], "line": f["line"], "text": "已核实"}))
        .collect();
    let submit = serde_json::json!({"action": "submit", "explanations": ex}).to_string();
    let act = |c: &str, body: &str| {
        http(
            port,
            "POST",
            &format!("/api/v1/documents/{id}/actions"),
            c,
            body,
        )
    };
    assert_eq!(act(&cookies[0], &submit).0, 200);
    assert_eq!(
        act(&cookies[1], r#"{"action":"return","comment":"请补充"}"#).0,
        200
    );
    assert_eq!(act(&cookies[0], &submit).0, 200);
    assert_eq!(act(&cookies[1], r#"{"action":"approve"}"#).0, 200);
    let (status, _, body) = act(&cookies[2], r#"{"action":"approve"}"#);
    assert_eq!((status, body.contains("approved")), (200, true));
    // The other unit and the administrator do not see it.
    assert_eq!(
        http(
            port,
            "GET",
            &format!("/api/v1/documents/{id}"),
            &cookies[3],
            ""
        )
        .0,
        404
    );
    assert_eq!(
        http(
            port,
            "GET",
            &format!("/api/v1/documents/{id}"),
            &cookies[4],
            ""
        )
        .0,
        404
    );
}

/// `jixiao user add` of a unit user of U9, the password written to its stdin.
fn user_add(db: &str, name: &str, password: &[u8]) -> std::process::Output {
    let mut child = jixiao()
        .args([
            "user",
            "add",
            "--db",
            db,
            "--username",
            name,
            "--role",
            "unit",
            "--org",
            "U9",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(password).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn org_user_and_import_commands_build_a_deployment() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("w.db").display());
    let ok = |args: &[&str]| {
        let out = jixiao().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    ok(&["db", "migrate", "--db", &db]);
    ok(&[
        "org",
        "add",
        "--db",
        &db,
        "--code",
        "R9",
        "--name",
        "测试市财政局",
        "--kind",
        "region",
    ]);
    ok(&[
        "org",
        "add",
        "--db",
        &db,
        "--code",
        "D9",
        "--name",
        "测试市水务局",
        "--kind",
        "department",
        "--parent",
        "R9",
    ]);
    ok(&[
        "org",
        "add",
        "--db",
        &db,
        "--code",
        "U9",
        "--name",
        "测试市河道所",
        "--kind",
        "unit",
        "--parent",
        "D9",
    ]);
    // A unit under a region is refused.
    let bad = jixiao()
        .args([
            "org", "add", "--db", &db, "--code", "X", "--name", "x", "--kind", "unit", "--parent",
            "R9",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    // The password comes from stdin, never from an argument.
    let out = user_add(&db, "clerk", b"a-long-secret\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A short password is refused.
    assert!(!user_add(&db, "weak", b"short\n").status.success());
    let out = jixiao()
        .args(["import", "--db", &db, "--unit", "U9"])
        .arg(examples())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("imported"), "{err}");
    // A file that is not a document fails alone, with exit 2.
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, "no form here\n").unwrap();
    let out = jixiao()
        .args(["import", "--db", &db, "--unit", "U9"])
        .arg(&junk)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.txt"));
    // A demo never fills a database that holds data.
    let out = jixiao()
        .args([
            "serve",
            "--demo",
            "--db",
            &db,
            "--addr",
            &format!("127.0.0.1:{}", free_port()),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
}

/// Documents, and documents per source, read through the same store the server uses.
fn documents_and_sources(db: &str) -> (i64, Vec<(i64, i64)>) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = jixiao_web::open_store(db).await.unwrap();
        // Documents per source, over every page: every file imported whole.
        let mut per_source = std::collections::BTreeMap::new();
        let mut n = 0;
        for page in 1.. {
            let (total, items) = store
                .list_documents(
                    jixiao_store::Scope::All,
                    &jixiao_store::ListFilter {
                        per_page: 500,
                        page,
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            n = total;
            if items.is_empty() {
                break;
            }
            for h in items {
                let d = store.document(h.id).await.unwrap().unwrap();
                assert_eq!(d.head.revision, 1);
                assert_eq!(d.head.state, jixiao_store::State::Archived);
                *per_source.entry(d.current.source_id).or_insert(0i64) += 1;
            }
        }
        (n, per_source.into_iter().collect())
    })
}

#[test]
fn a_batch_import_killed_midway_leaves_no_partial_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("k.db").display());
    let files = dir.path().join("batch");
    std::fs::create_dir_all(&files).unwrap();
    // Every example in one file: several forms per file, so a kill can fall between two
    // forms of one file.
    let mut text = String::new();
    for f in [
        "final_accounts.txt",
        "scoresheet_jiangmen.txt",
        "self_evaluation.txt",
        "target_declaration.txt",
    ] {
        text.push_str(&std::fs::read_to_string(examples().join(f)).unwrap());
        text.push('\n');
    }
    let per_file = {
        let doc = jixiao_parse::parse_str("x", &text);
        doc.forms.len() as i64
    };
    assert_eq!(per_file, 4);
    for i in 0..400 {
        std::fs::write(files.join(format!("f{i:03}.txt")), &text).unwrap();
    }
    for o in [
        ["R1", "region", ""],
        ["D1", "department", "R1"],
        ["U1", "unit", "D1"],
    ] {
        let mut c = jixiao();
        c.args([
            "org", "add", "--db", &db, "--code", o[0], "--name", o[0], "--kind", o[1],
        ]);
        if !o[2].is_empty() {
            c.args(["--parent", o[2]]);
        }
        assert!(c.status().unwrap().success());
    }
    let mut child = jixiao()
        .args(["import", "--db", &db, "--unit", "U1"])
        .arg(&files)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some files are in.
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let n = documents_and_sources(&db).0;
        if n >= 3 * per_file || start.elapsed() > Duration::from_secs(120) {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let (n, per_source) = documents_and_sources(&db);
    assert!(n > 0, "nothing was imported before the kill");
    assert!(
        n < 400 * per_file,
        "the import finished before it was killed"
    );
    for (source, count) in &per_source {
        assert_eq!(*count, per_file, "source {source} holds a partial file");
    }
}
