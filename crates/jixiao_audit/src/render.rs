//! Rendering findings: compiler-style text with the source line and a caret under the
//! offending number, JSON (the contract), SARIF 2.1.0, and the Markdown doc of a rule.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::json;
use unicode_width::UnicodeWidthStr;

use crate::config::Lang;
use crate::finding::{Finding, LedgerEntry, Outcome, Severity};
use crate::registry::Meta;

/// The char range of `chars` to show: the whole line when it fits in `max` display columns,
/// else a window of about `max` columns that keeps `col` in view.
fn window(chars: &[char], col: usize, max: usize) -> (usize, usize) {
    let w = |c: &char| {
        if *c == '\t' {
            2
        } else {
            unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0)
        }
    };
    if chars.iter().map(w).sum::<usize>() <= max {
        return (0, chars.len());
    }
    // Start a third of the window before the column, then extend to the right.
    let mut from = col;
    let mut used = 0;
    while from > 0 && used + w(&chars[from - 1]) <= max / 3 {
        from -= 1;
        used += w(&chars[from]);
    }
    let mut to = from;
    let mut width = 0;
    while to < chars.len() && width + w(&chars[to]) <= max {
        width += w(&chars[to]);
        to += 1;
    }
    (from, to.max((col + 1).min(chars.len())))
}

/// Tabs become two spaces in displayed source lines.
fn expand(s: &str) -> String {
    s.replace('\t', "  ")
}

/// Text report: every finding, then the summary. `source` gives a file's text (for quoting
/// lines).
pub fn text<'a>(
    findings: &[Finding],
    ledger: &[LedgerEntry],
    source: impl Fn(&str) -> Option<&'a str>,
    lang: Lang,
) -> String {
    let mut out = findings_text(findings, source, lang);
    out.push_str(&summary_text(findings, ledger, lang));
    out
}

/// The findings, compiler-style, each with its source line and a caret under the value.
pub fn findings_text<'a>(
    findings: &[Finding],
    source: impl Fn(&str) -> Option<&'a str>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let zh = lang == Lang::Zh;
    let mut lines: Option<(&str, Vec<&str>)> = None;
    for f in findings {
        let sev = if zh {
            f.severity.zh()
        } else {
            f.severity.as_str()
        };
        let col = f.column.map(|c| format!(":{c}")).unwrap_or_default();
        let page = match (f.page, zh) {
            (Some(p), true) => format!(" (第{p}页)"),
            (Some(p), false) => format!(" (page {p})"),
            (None, _) => String::new(),
        };
        let _ = writeln!(
            out,
            "{}:{}{col}{page}: {sev}[{}] {}",
            f.file, f.line, f.rule, f.message
        );
        if lines.as_ref().is_none_or(|(file, _)| *file != f.file) {
            lines = source(&f.file).map(|t| (f.file.as_str(), t.lines().collect()));
        }
        let quoted = lines
            .as_ref()
            .and_then(|(_, l)| l.get((f.line as usize).wrapping_sub(1)).copied());
        if let Some(line) = quoted {
            let no = f.line.to_string();
            let pad = " ".repeat(no.len());
            // Long prose lines are shown as a window around the offending value.
            let chars: Vec<char> = line.chars().collect();
            let col = f
                .column
                .map_or(0, |c| c.saturating_sub(1) as usize)
                .min(chars.len());
            let (from, to) = window(&chars, col, 100);
            let head = if from > 0 { "…" } else { "" };
            let tail = if to < chars.len() { "…" } else { "" };
            let shown = expand(&chars[from..to].iter().collect::<String>());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{no} | {head}{}{tail}", shown.trim_end());
            if f.column.is_some() {
                let prefix: String = chars[from..col].iter().collect();
                let at = head.width() + expand(&prefix).width();
                let len = f.stated.as_deref().map_or(1, |s| expand(s).width().max(1));
                let _ = writeln!(out, "{pad} | {}{}", " ".repeat(at), "^".repeat(len));
            }
            if f.end_line > f.line {
                let _ = writeln!(
                    out,
                    "{pad} | … {} {}",
                    if zh { "至第" } else { "through line" },
                    f.end_line
                );
            }
        }
        let mut context: Vec<String> = Vec::new();
        if let Some(form) = &f.form {
            context.push(form.clone());
        }
        if let Some(p) = &f.path {
            context.push(p.clone());
        }
        if !context.is_empty() {
            let _ = writeln!(out, "  = {}", context.join(" › "));
        }
        for r in &f.related {
            let _ = writeln!(
                out,
                "  = {}: {}:{} {}",
                if zh { "相关" } else { "related" },
                r.file,
                r.line,
                r.message
            );
        }
        out.push('\n');
    }
    out
}

/// The closing counts: findings per severity and rule outcomes.
pub fn summary_text(findings: &[Finding], ledger: &[LedgerEntry], lang: Lang) -> String {
    let mut c = Counts::default();
    c.add(findings, ledger);
    c.text(lang)
}

/// Findings per severity and outcomes per kind, accumulated over many documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// error, warning, info.
    pub severity: [usize; 3],
    /// pass, fail, not applicable, insufficient data.
    pub outcome: [usize; 4],
}

impl Counts {
    /// Adds one document's findings and ledger.
    pub fn add(&mut self, findings: &[Finding], ledger: &[LedgerEntry]) {
        for f in findings {
            self.severity[match f.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            }] += 1;
        }
        for e in ledger {
            self.outcome[match e.outcome {
                Outcome::Pass => 0,
                Outcome::Fail => 1,
                Outcome::NotApplicable => 2,
                Outcome::InsufficientData => 3,
            }] += 1;
        }
    }

    /// The closing lines of the text report.
    pub fn text(&self, lang: Lang) -> String {
        let [e, w, i] = self.severity;
        let [p, f, n, d] = self.outcome;
        let total = p + f + n + d;
        if lang == Lang::Zh {
            format!("共 {e} 个错误，{w} 个警告，{i} 个提示。\n规则结果 {total} 项：通过 {p}，不通过 {f}，不适用 {n}，证据不足 {d}。\n")
        } else {
            format!("{e} errors, {w} warnings, {i} info.\n{total} rule outcomes: {p} pass, {f} fail, {n} not applicable, {d} insufficient data.\n")
        }
    }
}

/// The ledger as text, one line per (rule, unit).
pub fn ledger_text(ledger: &[LedgerEntry], lang: Lang) -> String {
    let mut out = String::new();
    for e in ledger {
        let o = if lang == Lang::Zh {
            e.outcome.zh().to_string()
        } else {
            format!("{:?}", e.outcome)
        };
        let _ = writeln!(
            out,
            "{}:{}-{} {} {} {} — {}",
            e.file, e.line_start, e.line_end, e.rule, o, e.form, e.reason
        );
    }
    out
}

/// JSON: the findings array, or `{findings, ledger}`.
pub fn json<'a>(findings: &'a [Finding], ledger: Option<&'a [LedgerEntry]>) -> Json<'a> {
    Json { findings, ledger }
}

/// The JSON output, serialised directly (no intermediate `serde_json::Value`).
pub struct Json<'a> {
    findings: &'a [Finding],
    ledger: Option<&'a [LedgerEntry]>,
}

impl serde::Serialize for Json<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self.ledger {
            None => self.findings.serialize(s),
            Some(l) => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("findings", self.findings)?;
                m.serialize_entry("ledger", l)?;
                m.end()
            }
        }
    }
}

/// SARIF 2.1.0 for code-scanning tools.
pub fn sarif(findings: &[Finding], rules: &[&Meta], version: &str) -> serde_json::Value {
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let index: BTreeMap<&str, usize> = rules.iter().enumerate().map(|(i, m)| (m.code, i)).collect();
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let mut region = json!({ "startLine": f.line, "endLine": f.end_line });
            if let Some(c) = f.column {
                region["startColumn"] = json!(c);
            }
            json!({
                "ruleId": f.rule,
                "ruleIndex": index.get(f.rule.as_str()),
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": f.file }, "region": region } }],
                "relatedLocations": f.related.iter().enumerate().map(|(i, r)| json!({
                    "id": i,
                    "message": { "text": r.message },
                    "physicalLocation": { "artifactLocation": { "uri": r.file }, "region": { "startLine": r.line } }
                })).collect::<Vec<_>>(),
                "properties": { "stated": f.stated, "expected": f.expected, "form": f.form, "path": f.path },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "jixiao",
                "version": version,
                "informationUri": "https://github.com/jixiao-project/jixiao",
                "rules": rules.iter().map(|m| json!({
                    "id": m.code,
                    "name": m.name,
                    "shortDescription": { "text": m.summary_en },
                    "fullDescription": { "text": m.summary },
                    "help": { "text": m.doc, "markdown": m.doc },
                    "defaultConfiguration": { "level": level(m.severity) },
                })).collect::<Vec<_>>(),
            }},
            "results": results,
        }],
    })
}

/// The Markdown page of a rule (`docs/rules/CODE.md`).
pub fn rule_doc(m: &Meta) -> String {
    let doc: String = m
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "# {} {} ({})\n\n{} — {}\n\nFamily: {} · Default severity: {} · Since: {}\n\n{}\n",
        m.code,
        m.name,
        m.summary,
        m.summary,
        m.summary_en,
        m.family.zh(),
        m.severity.as_str(),
        m.since,
        doc.trim_end()
    )
}

/// The index page of all rules (`docs/rules/README.md`).
pub fn rules_index(rules: &[&Meta]) -> String {
    let mut index = String::from(
        "# jixiao check rules\n\n| code | name | severity | summary |\n|---|---|---|---|\n",
    );
    for m in rules {
        let _ = writeln!(
            index,
            "| [{}]({}.md) | {} | {} | {} — {} |",
            m.code,
            m.code,
            m.name,
            m.severity.as_str(),
            m.summary,
            m.summary_en
        );
    }
    index
}
