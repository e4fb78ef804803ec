//! PDF through poppler: a composed PDF with text and a page without a text layer, a damaged
//! PDF and a password-protected one. Needs Debian's poppler-utils (and qpdf to encrypt), which
//! `.ci/run` installs; elsewhere the tests say they skip.

use std::process::Command;

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

fn require(tool: &str) -> bool {
    if have(tool) {
        return true;
    }
    assert!(
        std::env::var_os("JIXIAO_REQUIRE_PDF_TOOLS").is_none(),
        "{tool} is required (JIXIAO_REQUIRE_PDF_TOOLS is set)"
    );
    eprintln!("skipping: {tool} is not installed");
    false
}

/// A PDF of the given pages; each page is a list of (x, y from the top, text) in Helvetica
/// 10 pt on an A4 page. An empty page has no text layer.
fn pdf(pages: &[Vec<(u32, u32, &str)>]) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    let n = pages.len();
    // 1 catalog, 2 pages, 3 font, then per page: page object, content stream.
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    for (i, words) in pages.iter().enumerate() {
        let mut stream = String::new();
        for (x, y, t) in words {
            stream.push_str(&format!("BT /F1 10 Tf {x} {} Td ({t}) Tj ET\n", 842 - y));
        }
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{stream}endstream",
            stream.len()
        ));
    }
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for off in offsets {
        out.push_str(&format!("{off:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

fn sample() -> Vec<u8> {
    pdf(&[
        vec![
            (60, 60, "Project"),
            (200, 60, "Budget"),
            (300, 60, "Spent"),
            (60, 80, "Total"),
            (200, 80, "120.50"),
            (300, 80, "99.00"),
            (300, 100, "1.00"),
            (280, 820, "Page 1"),
        ],
        Vec::new(),
        vec![(60, 60, "Notes"), (280, 820, "Page 3")],
    ])
}

#[test]
fn text_rows_cells_pages_and_a_scanned_page() {
    if !require("pdftotext") {
        return;
    }
    let bytes = sample();
    let src = jixiao_input::read("sample.pdf", &bytes).unwrap();
    assert_eq!(src.format, jixiao_input::Format::Pdf);
    assert_eq!(
        src.text,
        "Project\tBudget\tSpent\nTotal\t120.50\t99.00\n\t\t1.00\n\nNotes\n"
    );
    // Page 2 has no text layer: one empty line, and a notice naming the page.
    assert_eq!(src.pages, [1, 4, 5]);
    assert_eq!(src.notices.len(), 1);
    assert_eq!(src.notices[0].page, Some(2));
    assert!(src.notices[0].message.contains("第2页"));
}

#[test]
fn damaged_and_protected_pdfs_are_errors_naming_the_file() {
    if !require("pdftotext") {
        return;
    }
    let e = jixiao_input::read("cut.pdf", b"%PDF-1.4\n1 0 obj\n<<").unwrap_err();
    assert!(e.to_string().starts_with("cut.pdf: "), "{e}");
    assert!(e.message.contains("PDF"), "{e}");
    if !require("qpdf") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("jixiao-input-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plain = dir.join("plain.pdf");
    let locked = dir.join("locked.pdf");
    std::fs::write(&plain, sample()).unwrap();
    let status = Command::new("qpdf")
        .args(["--encrypt", "secret", "owner", "256", "--"])
        .arg(&plain)
        .arg(&locked)
        .status()
        .unwrap();
    assert!(status.success());
    let e = jixiao_input::read("locked.pdf", &std::fs::read(&locked).unwrap()).unwrap_err();
    assert!(e.to_string().starts_with("locked.pdf: "), "{e}");
    assert!(e.message.contains("password"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}
