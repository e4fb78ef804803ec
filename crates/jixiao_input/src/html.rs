//! HTML pages (html5ever, through scraper): the tables and the block text of the page in
//! document order. A table row is a line of tab-separated cells; `colspan` is followed by empty
//! cells and a `rowspan` leaves an empty cell in the rows below, so columns line up as printed.
//! Scripts, styles and other non-text elements are dropped; the rest of a government site's
//! page furniture (menus, footers) stays as lines of text the readers pass over, since a form
//! is found by its title and headers wherever it sits on the page.

use std::borrow::Cow;

use scraper::{ElementRef, Html, Node};

use crate::{decode, Format, InputError, Source};

/// True when the first bytes are markup (after a BOM and white space, the text starts with a
/// tag, and an `<html`, `<body`, `<table` or doctype appears).
pub fn looks_like_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    if start.is_none_or(|i| head[i] != b'<') {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<body",
        b"<table",
        b"<head",
    ]
    .iter()
    .any(|m| crate::find(&lower, m).is_some())
}

/// Reads an HTML page.
pub fn read<'a>(file: &str, bytes: &[u8]) -> Result<Source<'a>, InputError> {
    let text = decode(file, bytes)?;
    Ok(Source {
        format: Format::Html,
        text: Cow::Owned(page_text(&text)),
        pages: Vec::new(),
        notices: Vec::new(),
    })
}

/// The tab-separated text of a page.
pub fn page_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut w = Writer::default();
    w.walk(doc.root_element());
    w.flush();
    w.out
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "canvas", "iframe", "object",
    "button", "select", "input", "textarea",
];

const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "form",
    "pre",
    "blockquote",
    "caption",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "body",
];

#[derive(Default)]
struct Writer {
    out: String,
    line: String,
}

impl Writer {
    fn flush(&mut self) {
        let t = self.line.trim();
        if !t.is_empty() {
            self.out.push_str(t);
            self.out.push('\n');
        }
        self.line.clear();
    }

    fn walk(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        if SKIP.contains(&name) {
            return;
        }
        if name == "table" {
            self.flush();
            let rows = table_rows(el);
            crate::rows_to_text(&rows, &mut self.out);
            return;
        }
        if name == "br" {
            self.flush();
            return;
        }
        let block = BLOCK.contains(&name);
        if block {
            self.flush();
        }
        for child in el.children() {
            match child.value() {
                Node::Text(t) => push_text(&mut self.line, t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.walk(e);
                    }
                }
                _ => {}
            }
        }
        if block {
            self.flush();
        }
    }
}

/// Appends text with white space collapsed.
fn push_text(line: &mut String, t: &str) {
    let starts_space = t.starts_with(|c: char| c.is_whitespace());
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() {
        if !t.is_empty() && !line.is_empty() && !line.ends_with(' ') {
            line.push(' ');
        }
        return;
    }
    if starts_space && !line.is_empty() && !line.ends_with(' ') {
        line.push(' ');
    }
    line.push_str(&words.join(" "));
    if t.ends_with(|c: char| c.is_whitespace()) {
        line.push(' ');
    }
}

/// The rows of a table, not descending into nested tables (whose text joins their cell).
fn table_rows(table: ElementRef<'_>) -> Vec<Vec<String>> {
    let mut trs = Vec::new();
    collect_rows(table, &mut trs);
    let mut rows = Vec::with_capacity(trs.len());
    // Rows still covered by a rowspan, per column.
    let mut carry: Vec<usize> = Vec::new();
    for tr in trs {
        let mut row: Vec<String> = Vec::new();
        let mut col = 0usize;
        let take_carried = |row: &mut Vec<String>, col: &mut usize, carry: &mut Vec<usize>| {
            while *col < carry.len() && carry[*col] > 0 {
                carry[*col] -= 1;
                row.push(String::new());
                *col += 1;
            }
        };
        for cell in tr.children().filter_map(ElementRef::wrap) {
            let n = cell.value().name();
            if n != "td" && n != "th" {
                continue;
            }
            take_carried(&mut row, &mut col, &mut carry);
            let span = num_attr(cell, "colspan");
            let down = num_attr(cell, "rowspan");
            let mut text = String::new();
            cell_text(cell, &mut text);
            row.push(text.trim().to_string());
            for k in 0..span {
                if carry.len() <= col + k {
                    carry.resize(col + k + 1, 0);
                }
                carry[col + k] = down - 1;
                if k > 0 {
                    row.push(String::new());
                }
            }
            col += span;
        }
        take_carried(&mut row, &mut col, &mut carry);
        rows.push(row);
    }
    rows
}

fn collect_rows<'a>(el: ElementRef<'a>, out: &mut Vec<ElementRef<'a>>) {
    for child in el.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => collect_rows(child, out),
            _ => {}
        }
    }
}

fn num_attr(el: ElementRef<'_>, name: &str) -> usize {
    el.value()
        .attr(name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1usize)
        .clamp(1, 256)
}

/// A cell's text: every text node, nested tables and blocks flattened with spaces.
fn cell_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => push_text(out, t),
            Node::Element(e) if SKIP.contains(&e.name()) => {}
            Node::Element(e) => {
                let breaks = e.name() == "br" || BLOCK.contains(&e.name()) || e.name() == "td";
                if breaks && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                if let Some(c) = ElementRef::wrap(child) {
                    cell_text(c, out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_text_in_order_with_spans() {
        let html = r#"<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head><body>
<div class="nav">首页 &gt; 信息公开</div>
<h2>项目支出绩效自评表</h2>
<table>
<tr><td colspan="2">项目名称</td><td>示范</td></tr>
<tr><td rowspan="2">产出</td><td>数量</td><td>≥5<br>个</td></tr>
<tr><td>质量</td><td>100%</td></tr>
</table>
<script>var x = "<td>";</script>
<p>说明：  无</p></body></html>"#;
        assert_eq!(
            page_text(html),
            "首页 > 信息公开\n项目支出绩效自评表\n项目名称\t\t示范\n产出\t数量\t≥5 个\n\t质量\t100%\n说明： 无\n"
        );
    }

    #[test]
    fn detection_needs_markup_at_the_start() {
        assert!(looks_like_html(b"  <html><body>"));
        assert!(looks_like_html(b"<table><tr><td>1</td></tr></table>"));
        assert!(!looks_like_html("标题<table>".as_bytes()));
        assert!(!looks_like_html(b"<p>only a paragraph</p>"));
    }
}
