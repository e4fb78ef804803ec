//! HTML back-end: askama templates compiled into the binary; CSS and SVG inline, so a report
//! is one file that opens offline.

use askama::Template;

use crate::view::{DocView, SummaryView};

const CSS: &str = include_str!("../templates/style.css");

#[derive(Template)]
#[template(path = "report.html")]
struct DocTpl<'a> {
    v: &'a DocView,
    css: &'a str,
}

#[derive(Template)]
#[template(path = "summary.html")]
struct SummaryTpl<'a> {
    v: &'a SummaryView,
    css: &'a str,
}

/// The report of one document as a self-contained HTML page.
pub fn html_document(v: &DocView) -> String {
    DocTpl { v, css: CSS }
        .render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>report error: {e}</p>"))
}

/// The summary as a self-contained HTML page.
pub fn html_summary(v: &SummaryView) -> String {
    SummaryTpl { v, css: CSS }
        .render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>report error: {e}</p>"))
}
