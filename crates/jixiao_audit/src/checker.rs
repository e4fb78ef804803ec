//! The per-document context rules run in, and the units (form or table) each rule reports an
//! outcome for.

use jixiao_model::{Document, Form, FormKind};
use jixiao_score::{RuleSet, Scored};

use crate::config::{Config, Lang};
use crate::finding::{Finding, LedgerEntry, Outcome, Related, Severity};
use crate::registry::Meta;

/// Everything a rule may read about one document, and where its results go.
///
/// [`crate::check`] builds one and runs every selected rule; a checker can also run one rule:
///
/// ```
/// use jixiao_audit::{codes, Checker, Config};
/// use jixiao_score::RuleChoice;
///
/// let text = include_str!("../../../examples/self_evaluation.txt");
/// let doc = jixiao_parse::parse_str("self_evaluation.txt", text);
/// let config = Config::default();
/// let scores = RuleChoice::defaults().score_aligned(&doc.forms);
/// let mut cx = Checker::with_scores(&doc, text, &config, scores);
/// codes::rule("S101").unwrap().check(&mut cx);
/// let report = cx.into_report();
/// // The execution rate printed as 0.00% on line 9, column 38.
/// let f = &report.findings[0];
/// assert_eq!((f.rule.as_str(), f.line, f.column), ("S101", 9, Some(38)));
/// ```
pub struct Checker<'a> {
    /// The document being checked.
    pub doc: &'a Document,
    /// The source text's lines (for locating a value's column), index 0 = line 1.
    pub lines: Vec<&'a str>,
    /// Rule selection, severities, tolerances and language.
    pub config: &'a Config,
    /// Scores of each form (`None` for forms that carry none), index-aligned with `doc.forms`.
    pub scored: Vec<Option<Scored>>,
    pub(crate) findings: std::cell::RefCell<Vec<Finding>>,
    pub(crate) ledger: std::cell::RefCell<Vec<LedgerEntry>>,
    /// The prose paragraphs of each final account, segmented once (keyed by the form's first
    /// line) and shared by every rule that reads them.
    pub(crate) paragraphs:
        std::cell::RefCell<Vec<(u32, std::rc::Rc<Vec<jixiao_parse::prose::Paragraph>>)>>,
}

/// One thing a rule applies to (a form, a table, a claim): its findings and its outcome.
///
/// A unit closes itself when it goes out of scope: its findings and its ledger outcome are
/// recorded in the [`Checker`] it came from, on every path out of the rule, early returns and
/// `?` included. [`Checker::close`] closes it explicitly (the same thing, earlier).
pub struct Unit<'c> {
    cx: &'c Checker<'c>,
    meta: &'static Meta,
    label: String,
    line_start: u32,
    line_end: u32,
    findings: Vec<Finding>,
    insufficient: Vec<String>,
    not_applicable: Option<String>,
    checked: usize,
}

/// A finding under construction; [`Unit::report`] completes it.
#[derive(Default)]
pub struct Report {
    /// 1-based line of the offending value.
    pub line: u32,
    /// 1-based column (in characters) of the value, when located.
    pub column: Option<u32>,
    /// Last line the finding spans (default: `line`).
    pub end_line: Option<u32>,
    /// What is wrong, with the arithmetic.
    pub message: String,
    /// The value as the document states it.
    pub stated: Option<String>,
    /// The value the arithmetic gives.
    pub expected: Option<String>,
    /// The indicator path, row or cell within the unit.
    pub path: Option<String>,
    /// Other places the finding involves.
    pub related: Vec<Related>,
    /// Overrides the rule's default severity for this finding (e.g. info inside the rounding
    /// envelope).
    pub severity: Option<Severity>,
}

impl Report {
    /// A report at `line` with `message`.
    pub fn at(line: u32, message: impl Into<String>) -> Report {
        Report {
            line,
            message: message.into(),
            ..Report::default()
        }
    }
}

impl<'a> Checker<'a> {
    /// A checker over `doc` whose source text is `text`; `rules_for` gives the rule set that
    /// scores each self-evaluation and scoresheet.
    pub fn new(
        doc: &'a Document,
        text: &'a str,
        config: &'a Config,
        rules_for: impl Fn(&Form) -> &'a RuleSet,
    ) -> Self {
        let aligned = jixiao_score::score_forms(&doc.forms, rules_for);
        Checker::with_scores(doc, text, config, aligned)
    }

    /// A checker over `doc` whose forms were already scored: `scored` is index-aligned with
    /// `doc.forms` (`None` for forms that carry no scores).
    pub fn with_scores(
        doc: &'a Document,
        text: &'a str,
        config: &'a Config,
        scored: Vec<Option<Scored>>,
    ) -> Self {
        Checker {
            doc,
            lines: text.lines().collect(),
            config,
            scored,
            findings: Default::default(),
            ledger: Default::default(),
            paragraphs: Default::default(),
        }
    }

    /// The findings (ordered by line, column and rule) and the ledger recorded so far.
    pub fn into_report(self) -> crate::Report {
        let mut findings = self.findings.into_inner();
        if !self.doc.pages.is_empty() {
            for f in &mut findings {
                f.page = self.doc.page_of(f.line);
            }
        }
        findings.sort_by(|a, b| (a.line, a.column, &a.rule).cmp(&(b.line, b.column, &b.rule)));
        crate::Report {
            findings,
            ledger: self.ledger.into_inner(),
        }
    }

    /// Picks the Chinese or English text of a message.
    pub fn t(&self, zh: impl Into<String>, en: impl Into<String>) -> String {
        match self.config.lang {
            Lang::Zh => zh.into(),
            Lang::En => en.into(),
        }
    }

    /// Starts a unit of `meta` over a whole form, labelled with [`Checker::form_label`].
    pub fn form_unit(&self, meta: &'static Meta, form: &Form) -> Unit<'_> {
        self.unit(
            meta,
            Checker::form_label(form),
            form.line_start,
            form.line_end,
        )
    }

    /// Starts a unit of `meta` over `label` (lines `start..=end`).
    pub fn unit(
        &self,
        meta: &'static Meta,
        label: impl Into<String>,
        start: u32,
        end: u32,
    ) -> Unit<'_> {
        Unit {
            cx: self,
            meta,
            label: label.into(),
            line_start: start,
            line_end: end.max(start),
            findings: Vec::new(),
            insufficient: Vec::new(),
            not_applicable: None,
            checked: 0,
        }
    }

    /// The 1-based character column of `needle` on `line`, searching from the start of cell
    /// `cell` (tab-separated, 0-based) when given.
    pub fn column_of(&self, line: u32, needle: &str, cell: Option<usize>) -> Option<u32> {
        let text = *self.lines.get(line.checked_sub(1)? as usize)?;
        if needle.is_empty() {
            return None;
        }
        let start = match cell {
            Some(c) => {
                let mut off = 0usize;
                for (i, part) in text.split('\t').enumerate() {
                    if i == c {
                        break;
                    }
                    off += part.len() + 1;
                }
                off.min(text.len())
            }
            None => 0,
        };
        let rel = text[start..]
            .find(needle)
            .or_else(|| text.find(needle).map(|p| p.wrapping_sub(start)))?;
        let byte = start.wrapping_add(rel);
        Some(text[..byte].chars().count() as u32 + 1)
    }

    /// The column of the `k`-th of a row's printed value cells `values` (as stored in a row's
    /// `raw`): the cell on the line whose text equals `values[k]`, counting equal cells before
    /// it, so that the third `0.00` of a row is found and not the first.
    pub fn column_of_value(&self, line: u32, values: &[String], k: usize) -> Option<u32> {
        let target = values.get(k)?.trim();
        if target.is_empty() {
            return None;
        }
        let nth = values[..k].iter().filter(|v| v.trim() == target).count();
        let text = *self.lines.get(line.checked_sub(1)? as usize)?;
        let mut off = 0usize;
        let mut seen = 0usize;
        for cell in text.split('\t') {
            if cell.trim() == target {
                if seen == nth {
                    let lead = cell.len() - cell.trim_start().len();
                    return Some(text[..off + lead].chars().count() as u32 + 1);
                }
                seen += 1;
            }
            off += cell.len() + 1;
        }
        None
    }

    /// The column of the `nth` (0-based) cell on `line` whose trimmed text equals `text`.
    pub fn column_of_cell_text(&self, line: u32, text: &str, nth: usize) -> Option<u32> {
        let values = vec![text.to_string(); nth + 1];
        self.column_of_value(line, &values, nth)
    }

    /// The column of an indicator's printed score (the cell after its weight).
    pub fn column_of_score(&self, ind: &jixiao_model::Indicator) -> Option<u32> {
        let s = ind.score?.to_string();
        let nth = usize::from(ind.weight.map(|w| w.to_string()) == Some(s.clone()));
        self.column_of_cell_text(ind.line, &s, nth)
            .or_else(|| self.column_of(ind.line, &s, None))
    }

    /// Reader warnings inside a form's lines: where there are any, the form's grid may be
    /// incomplete, so rules over its totals and weights report insufficient data rather than
    /// arithmetic on a partial reading.
    pub fn unread_in(&self, form: &Form) -> Vec<&jixiao_model::Warning> {
        self.doc
            .warnings
            .iter()
            .filter(|w| w.line_start >= form.line_start && w.line_end <= form.line_end)
            .collect()
    }

    /// Marks `u` insufficient when `form` has unread regions; returns true if it did.
    pub fn grid_unreliable(&self, form: &Form, u: &mut Unit) -> bool {
        // A scoresheet prints a weight at every level; when its leaf weights do not add up to
        // the 合计 weight, its levels could not be told apart in the extracted text, and sums
        // over them would report the extraction, not the document.
        if form.kind == FormKind::EvaluationScoresheet {
            let leaf: Option<jixiao_model::Decimal> =
                form.indicators.iter().map(|i| i.weight).sum();
            let total = form
                .total
                .as_ref()
                .and_then(|t| t.weight)
                .unwrap_or(jixiao_model::Decimal::ONE_HUNDRED);
            match leaf {
                Some(l) if l == total => {}
                Some(l) => {
                    u.insufficient(self.t(
                        format!("指标评分表末级权重之和为 {l}，与合计权重 {total} 不符：表格层级未能从文本中可靠识别"),
                        format!("the scoresheet's leaf weights add up to {l}, not its total weight {total}: its levels could not be read reliably from the text"),
                    ));
                    return true;
                }
                None => {
                    u.insufficient(self.t(
                        "指标评分表有末级指标未列权重",
                        "a scoresheet leaf has no weight",
                    ));
                    return true;
                }
            }
        }
        let w = self.unread_in(form);
        if w.is_empty() {
            return false;
        }
        let lines: Vec<String> = w
            .iter()
            .map(|w| {
                if w.line_start == w.line_end {
                    format!("{}", w.line_start)
                } else {
                    format!("{}-{}", w.line_start, w.line_end)
                }
            })
            .collect();
        u.insufficient(self.t(
            format!("表内有 {} 处未能识别的区域（第 {} 行），合计与权重无法完整核对", w.len(), lines.join(", ")),
            format!("{} unread region(s) inside the form (lines {}): totals and weights cannot be checked completely", w.len(), lines.join(", ")),
        ));
        true
    }

    /// The label of a form for findings and the ledger: project name, or kind and line.
    pub fn form_label(form: &Form) -> String {
        match &form.project {
            Some(p) => p.clone(),
            None => format!("{} (line {})", form.kind.zh(), form.line_start),
        }
    }

    /// Closes `u` now: records its findings and its ledger outcome. Dropping the unit does the
    /// same, so a path that forgets this call loses nothing.
    pub fn close(&self, u: Unit<'_>) {
        drop(u);
    }

    /// Records the findings and the ledger outcome of a unit being dropped.
    fn record(&self, u: &mut Unit<'_>) {
        let code = u.meta.code;
        let sev_override = self.config.severity.get(code).copied();
        let mut findings = std::mem::take(&mut u.findings);
        for f in &mut findings {
            if let Some(s) = sev_override {
                if f.severity != Severity::Info || s == Severity::Info {
                    f.severity = s;
                }
            }
        }
        let failing = findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .count();
        let (outcome, reason) = if failing > 0 {
            let mut r = self.t(format!("{failing} 处问题"), format!("{failing} finding(s)"));
            if !u.insufficient.is_empty() {
                r.push_str(&format!("; {}", u.insufficient.join("; ")));
            }
            (Outcome::Fail, r)
        } else if !u.insufficient.is_empty() {
            (Outcome::InsufficientData, u.insufficient.join("; "))
        } else if let Some(na) = u.not_applicable.take() {
            (Outcome::NotApplicable, na)
        } else {
            let info = findings.len();
            let r = if info > 0 {
                self.t(
                    format!("检查 {} 项; {info} 处可能为取整误差", u.checked),
                    format!("{} checked; {info} possibly rounding", u.checked),
                )
            } else {
                self.t(
                    format!("检查 {} 项", u.checked),
                    format!("{} checked", u.checked),
                )
            };
            (Outcome::Pass, r)
        };
        self.ledger.borrow_mut().push(LedgerEntry {
            rule: code.to_string(),
            file: self.doc.file.clone(),
            form: std::mem::take(&mut u.label),
            outcome,
            reason,
            line_start: u.line_start,
            line_end: u.line_end,
        });
        self.findings.borrow_mut().extend(findings);
    }
}

impl Drop for Unit<'_> {
    fn drop(&mut self) {
        let cx = self.cx;
        cx.record(self);
    }
}

impl Unit<'_> {
    /// Adds a finding of this unit's rule.
    pub fn report(&mut self, file: &str, r: Report) {
        self.findings.push(Finding {
            rule: self.meta.code.to_string(),
            severity: r.severity.unwrap_or(self.meta.severity),
            file: file.to_string(),
            line: r.line,
            page: None,
            column: r.column,
            end_line: r.end_line.unwrap_or(r.line),
            message: r.message,
            stated: r.stated,
            expected: r.expected,
            form: Some(self.label.clone()),
            path: r.path,
            related: r.related,
        });
    }

    /// Counts one checked item (for the ledger's reason).
    pub fn checked(&mut self) {
        self.checked += 1;
    }

    /// Records that a needed value is missing: the unit cannot pass.
    pub fn insufficient(&mut self, reason: impl Into<String>) {
        self.insufficient.push(reason.into());
    }

    /// Records that the rule does not apply to this unit.
    pub fn not_applicable(&mut self, reason: impl Into<String>) {
        self.not_applicable = Some(reason.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Outcome;
    use crate::rules::self_eval::ExecutionRateMismatch;

    /// A rule body that leaves early: nothing is lost although it never calls `close`.
    fn rule_with_early_return(cx: &Checker, fail: bool) -> Option<()> {
        let mut u = cx.unit(&ExecutionRateMismatch::META, "form", 3, 7);
        u.checked();
        if fail {
            u.report(&cx.doc.file, Report::at(5, "wrong"));
        }
        let missing: Option<u32> = None;
        missing?;
        cx.close(u);
        Some(())
    }

    #[test]
    fn a_unit_closes_itself_on_every_path() {
        let doc = Document {
            file: "d.txt".into(),
            ..Document::default()
        };
        let config = Config::default();
        let cx = Checker::with_scores(&doc, "", &config, Vec::new());
        assert_eq!(rule_with_early_return(&cx, true), None);
        assert_eq!(rule_with_early_return(&cx, false), None);
        let report = cx.into_report();
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].line, 5);
        let outcomes: Vec<(Outcome, u32, u32)> = report
            .ledger
            .iter()
            .map(|e| (e.outcome, e.line_start, e.line_end))
            .collect();
        assert_eq!(outcomes, vec![(Outcome::Fail, 3, 7), (Outcome::Pass, 3, 7)]);
        assert_eq!(report.findings[0].page, None);
    }

    #[test]
    fn findings_on_paged_input_name_their_page() {
        let doc = Document {
            file: "d.pdf".into(),
            pages: vec![1, 4, 9],
            ..Document::default()
        };
        let config = Config::default();
        let cx = Checker::with_scores(&doc, "", &config, Vec::new());
        rule_with_early_return(&cx, true);
        let report = cx.into_report();
        assert_eq!(
            (report.findings[0].line, report.findings[0].page),
            (5, Some(2))
        );
        let text = crate::render::findings_text(&report.findings, |_| None, Lang::Zh);
        assert!(text.starts_with("d.pdf:5 (第2页): "), "{text}");
    }

    #[test]
    fn closing_explicitly_records_once() {
        let doc = Document::default();
        let config = Config::default();
        let cx = Checker::with_scores(&doc, "", &config, Vec::new());
        let u = cx.unit(&ExecutionRateMismatch::META, "form", 1, 1);
        cx.close(u);
        assert_eq!(cx.into_report().ledger.len(), 1);
    }
}
