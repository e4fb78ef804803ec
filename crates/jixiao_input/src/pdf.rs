//! PDF with a text layer, through Debian's poppler (`pdftotext -bbox`, run as a subprocess;
//! no PDF parser is written here).
//!
//! poppler gives every word with its box. Words are grouped into rows by their vertical
//! centre, a row is cut into cells where the gap between two words is wider than a space
//! ([`CELL_GAP`] × the text height), and runs of rows that have cells are aligned into columns
//! by position ([`crate::grid::align`]): merged header cells land in their first column, blank
//! cells stay blank, and a table continued over pages comes out as rows of one grid (the
//! readers join the pages, as they do for any extraction). Pages are kept: [`Source::pages`]
//! gives the first line of each page. A page without a text layer (a scan) gives a
//! [`Notice`] naming the page; there is no OCR.

use std::borrow::Cow;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use quick_xml::events::Event;

use crate::grid::{self, Cell};
use crate::{Format, InputError, Notice, Source};

/// A gap between two words wider than this many text heights separates two cells (a space is
/// about a quarter of the height).
pub const CELL_GAP: f32 = 0.8;

/// How long poppler may take on one file before it is stopped.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// One word of a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// Left, top, right, bottom, in points from the top-left corner of the page.
    pub bbox: [f32; 4],
    /// The word.
    pub text: String,
}

/// Reads a PDF with poppler.
pub fn read<'a>(file: &str, bytes: &[u8]) -> Result<Source<'a>, InputError> {
    let xml = run_pdftotext(file, bytes)?;
    let pages = words_by_page(file, &xml)?;
    Ok(from_pages(&pages))
}

/// Builds the text from the words of each page (public for tests and fuzzing: no poppler
/// needed).
pub fn from_pages<'a>(pages: &[Vec<Word>]) -> Source<'a> {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(pages.len());
    let mut notices = Vec::new();
    let mut line = 1u32;
    let mut page_rows: Vec<Vec<Vec<Cell>>> = pages.iter().map(|w| rows_of(w)).collect();
    strip_running_lines(&mut page_rows);
    for (p, words) in pages.iter().enumerate() {
        starts.push(line);
        if words.is_empty() {
            notices.push(Notice {
                page: Some(p as u32 + 1),
                line,
                message: format!(
                    "第{}页没有文字层（可能是扫描件），未能读取；jixiao 不做文字识别",
                    p + 1
                ),
                message_en: format!(
                    "page {} has no text layer (a scan?) and was not read; jixiao does no OCR",
                    p + 1
                ),
            });
            text.push('\n');
            line += 1;
            continue;
        }
        for row in page_grid(&page_rows[p]) {
            crate::rows_to_text(std::slice::from_ref(&row), &mut text);
            line += 1;
        }
    }
    Source {
        format: Format::Pdf,
        text: Cow::Owned(text),
        pages: starts,
        notices,
    }
}

/// Drops running headers and footers: the first or last row of a page when, with its digits
/// masked, it is the first (last) row of at least two pages and of half the pages with text
/// (`示例局 · 3 / 12`, `第 3 页`), and a last row that is a bare page number (`- 3 -`, `3/12`).
/// They would otherwise be read into the form that runs across the page break.
fn strip_running_lines(pages: &mut [Vec<Vec<Cell>>]) {
    fn mask(row: &[Cell]) -> String {
        let mut s = String::new();
        for c in row {
            for ch in c.text.chars().filter(|c| !c.is_whitespace()) {
                s.push(if ch.is_ascii_digit() { '#' } else { ch });
            }
        }
        s.split('#')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("#")
            + if s.ends_with('#') { "#" } else { "" }
    }
    fn page_number_only(row: &[Cell]) -> bool {
        let [cell] = row else { return false };
        let t = &cell.text;
        t.chars().any(|c| c.is_ascii_digit())
            && t.chars().all(|c| {
                c.is_ascii_digit() || c.is_whitespace() || "-—–/·第页共Pagepof".contains(c)
            })
    }
    let with_text = pages.iter().filter(|p| !p.is_empty()).count();
    let mut counts: std::collections::HashMap<(bool, String), usize> = Default::default();
    for p in pages.iter().filter(|p| !p.is_empty()) {
        *counts.entry((true, mask(&p[0]))).or_default() += 1;
        *counts.entry((false, mask(&p[p.len() - 1]))).or_default() += 1;
    }
    let running = |top: bool, row: &[Cell]| {
        let n = counts.get(&(top, mask(row))).copied().unwrap_or(0);
        n >= 2 && n * 2 >= with_text && mask(row).contains('#')
    };
    for p in pages.iter_mut() {
        if p.len() > 1 && (running(false, &p[p.len() - 1]) || page_number_only(&p[p.len() - 1])) {
            p.pop();
        }
        if p.len() > 1 && running(true, &p[0]) {
            p.remove(0);
        }
    }
}

/// Groups a page's words into rows (by vertical centre) and each row into cells.
fn rows_of(words: &[Word]) -> Vec<Vec<Cell>> {
    let mut words: Vec<&Word> = words.iter().collect();
    words.sort_by(|a, b| centre(a).total_cmp(&centre(b)));
    let mut rows: Vec<Vec<&Word>> = Vec::new();
    let mut row_centre = f32::MIN;
    let mut row_height = 0f32;
    for w in words {
        let h = height(w);
        if let Some(row) = rows.last_mut() {
            if (centre(w) - row_centre).abs() <= 0.5 * row_height.max(h) {
                row.push(w);
                continue;
            }
        }
        rows.push(vec![w]);
        row_centre = centre(w);
        row_height = h;
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.bbox[0].total_cmp(&b.bbox[0]));
            let mut cells: Vec<Cell> = Vec::new();
            for w in row {
                let gap_limit = CELL_GAP * height(w);
                match cells.last_mut() {
                    Some(c) if w.bbox[0] - c.x1 <= gap_limit => {
                        if w.bbox[0] - c.x1 > 0.1 * height(w) {
                            c.text.push(' ');
                        }
                        c.text.push_str(&w.text);
                        c.x1 = c.x1.max(w.bbox[2]);
                    }
                    _ => cells.push(Cell {
                        x0: w.bbox[0],
                        x1: w.bbox[2],
                        text: w.text.clone(),
                    }),
                }
            }
            cells
        })
        .collect()
}

/// Aligns each run of rows that have two or more cells (a table) into columns; rows of prose
/// stay one cell.
fn page_grid(rows: &[Vec<Cell>]) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        if rows[i].len() < 2 {
            out.push(rows[i].iter().map(|c| c.text.clone()).collect());
            i += 1;
            continue;
        }
        let start = i;
        while i < rows.len() && (rows[i].len() >= 2 || continues_table(rows, i)) {
            i += 1;
        }
        out.extend(grid::align(&rows[start..i]));
    }
    out
}

/// A single-cell row inside a table: indented past the table's left edge, and either followed
/// by a table row (a wrapped cell's next line) or a lone figure (a row whose other cells are
/// blank).
fn continues_table(rows: &[Vec<Cell>], i: usize) -> bool {
    if rows[i].len() != 1 || i == 0 {
        return false;
    }
    let cell = &rows[i][0];
    let left = rows[i - 1].first().map_or(f32::MAX, |c| c.x0);
    if cell.x0 <= left + 1.0 {
        return false;
    }
    let next_is_table = rows.get(i + 1).is_some_and(|n| n.len() >= 2);
    next_is_table || is_figure(&cell.text)
}

/// A printed amount, count or rate: digits with separators, sign, decimal point or `%`.
fn is_figure(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%' | '+'))
}

fn centre(w: &Word) -> f32 {
    (w.bbox[1] + w.bbox[3]) / 2.0
}

fn height(w: &Word) -> f32 {
    (w.bbox[3] - w.bbox[1]).max(1.0)
}

static SEQ: AtomicU64 = AtomicU64::new(0);

/// Runs `pdftotext -bbox` on the bytes (written to a temporary file) with a time limit.
fn run_pdftotext(file: &str, bytes: &[u8]) -> Result<String, InputError> {
    let path: PathBuf = std::env::temp_dir().join(format!(
        "jixiao-{}-{}.pdf",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let written = std::fs::File::create(&path).and_then(|mut f| f.write_all(bytes));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&path);
        return Err(InputError::new(
            file,
            format!("cannot write a temporary copy for poppler: {e}"),
        ));
    }
    let result = run_with_timeout(file, &path);
    let _ = std::fs::remove_file(&path);
    result
}

fn run_with_timeout(file: &str, path: &std::path::Path) -> Result<String, InputError> {
    let out_path = path.with_extension("html");
    let child = Command::new("pdftotext")
        .arg("-q")
        .arg("-bbox")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg(&out_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child =
        match child {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(InputError::new(
                file,
                "reading a PDF needs poppler's pdftotext (Debian: apt-get install poppler-utils)",
            )),
            Err(e) => return Err(InputError::new(file, format!("cannot run pdftotext: {e}"))),
        };
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = std::fs::remove_file(&out_path);
                return Err(InputError::new(
                    file,
                    format!("poppler took longer than {} s: stopped", TIMEOUT.as_secs()),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(InputError::new(file, format!("pdftotext failed: {e}"))),
        }
    };
    let xml = std::fs::read(&out_path);
    let _ = std::fs::remove_file(&out_path);
    if !status.success() {
        // pdftotext -q prints nothing; ask pdfinfo why (encryption is the usual reason).
        return Err(InputError::new(file, why_unreadable(path)));
    }
    let xml = xml.map_err(|e| InputError::new(file, format!("pdftotext wrote nothing: {e}")))?;
    String::from_utf8(xml)
        .map_err(|_| InputError::new(file, "pdftotext wrote text that is not UTF-8"))
}

fn why_unreadable(path: &std::path::Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(path)
        .stdin(Stdio::null())
        .output();
    let detail = match out {
        Ok(o) => String::from_utf8_lossy(&o.stderr).to_string(),
        Err(_) => String::new(),
    };
    if detail.to_lowercase().contains("password") || detail.contains("ncrypt") {
        "受密码保护的 PDF，无法读取 / password-protected PDF: cannot be read without its password"
            .to_string()
    } else {
        let first = detail
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("poppler could not read it");
        format!("损坏的 PDF / malformed PDF: {}", first.trim())
    }
}

/// The words of each page of `pdftotext -bbox` output.
pub fn words_by_page(file: &str, xml: &str) -> Result<Vec<Vec<Word>>, InputError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut pages: Vec<Vec<Word>> = Vec::new();
    let mut current: Option<[f32; 4]> = None;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"page" => pages.push(Vec::new()),
                b"word" => {
                    let mut bbox = [0f32; 4];
                    for a in e.attributes().flatten() {
                        let v: f32 = std::str::from_utf8(&a.value)
                            .ok()
                            .and_then(|s| s.parse().ok())
                            .unwrap_or(0.0);
                        match a.key.as_ref() {
                            b"xMin" => bbox[0] = v,
                            b"yMin" => bbox[1] = v,
                            b"xMax" => bbox[2] = v,
                            b"yMax" => bbox[3] = v,
                            _ => {}
                        }
                    }
                    current = Some(bbox);
                    text.clear();
                }
                _ => {}
            },
            Ok(Event::Text(t)) if current.is_some() => {
                if let Ok(s) = t.decode() {
                    text.push_str(&s);
                }
            }
            Ok(Event::GeneralRef(r)) if current.is_some() => {
                let name = String::from_utf8_lossy(&r);
                text.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                });
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"word" => {
                if let (Some(bbox), Some(page)) = (current.take(), pages.last_mut()) {
                    if !text.trim().is_empty() {
                        page.push(Word {
                            bbox,
                            text: text.trim().to_string(),
                        });
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(InputError::new(
                    file,
                    format!("poppler's output could not be read: {e}"),
                ))
            }
            _ => {}
        }
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(x0: f32, y0: f32, x1: f32, t: &str) -> Word {
        Word {
            bbox: [x0, y0, x1, y0 + 10.0],
            text: t.into(),
        }
    }

    #[test]
    fn words_become_rows_cells_and_pages() {
        let page1 = vec![
            w(100.0, 20.0, 200.0, "项目支出绩效自评表"),
            w(10.0, 50.0, 50.0, "项目名称"),
            w(80.0, 50.0, 120.0, "示范"),
            w(123.0, 50.5, 150.0, "项目"),
            w(10.0, 70.0, 50.0, "年度预算"),
            w(80.0, 70.0, 110.0, "10.00"),
            w(140.0, 70.0, 170.0, "9.50"),
            w(140.0, 90.0, 170.0, "1.00"),
        ];
        let src = from_pages(&[page1, Vec::new(), vec![w(10.0, 10.0, 40.0, "续表")]]);
        assert_eq!(
            src.text,
            "项目支出绩效自评表\n项目名称\t示范 项目\n年度预算\t10.00\t9.50\n\t\t1.00\n\n续表\n"
        );
        assert_eq!(src.pages, [1, 5, 6]);
        assert_eq!(src.notices.len(), 1);
        assert_eq!(src.notices[0].page, Some(2));
    }

    #[test]
    fn running_footers_and_page_numbers_are_dropped() {
        let page = |n: u32| {
            vec![
                w(10.0, 10.0, 60.0, "示例市财政局"),
                w(10.0, 30.0, 40.0, "指标"),
                w(60.0, 30.0, 80.0, &format!("{n}.00")),
                w(200.0, 800.0, 260.0, &format!("第{n}页")),
            ]
        };
        let src = from_pages(&[
            page(1),
            page(2),
            vec![w(10.0, 10.0, 40.0, "正文"), w(90.0, 800.0, 110.0, "- 3 -")],
        ]);
        assert_eq!(
            src.text,
            "示例市财政局\n指标\t1.00\n示例市财政局\n指标\t2.00\n正文\n"
        );
        assert_eq!(src.pages, [1, 3, 5]);
    }

    #[test]
    fn bbox_output_is_read() {
        let xml = r#"<html><body><doc><page width="595" height="842">
<word xMin="10.0" yMin="20.0" xMax="30.0" yMax="30.0">A&amp;B</word>
<word xMin="60.0" yMin="20.0" xMax="80.0" yMax="30.0">1.00</word>
</page><page width="595" height="842"></page></doc></body></html>"#;
        let pages = words_by_page("x.pdf", xml).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0][0].text, "A&B");
        assert_eq!(pages[0][1].bbox, [60.0, 20.0, 80.0, 30.0]);
    }
}
