//! `jixiao check`: a linter for fiscal documents.
//!
//! Rules live one per file under `rules/<family>/`, each a struct named for the defect with a
//! code, a default severity and a doc comment with fixed sections (`declare_rule!`). The only
//! registry is [`codes::RULES`]. Every rule reports, for every unit (form or table) it applies
//! to, one [`Outcome`]: pass, fail, not applicable or insufficient data — never a silent pass.
//!
//! [`check`] is pure: it takes a parsed [`Document`] and its source text and returns a
//! [`Report`]; [`render`] turns reports into text, JSON or SARIF.

#![warn(missing_docs)]

pub mod checker;
pub mod codes;
pub mod config;
pub mod finding;
pub mod registry;
pub mod render;
pub mod rules;
pub mod tolerance;

pub use checker::Checker;
pub use config::{Config, Lang};
pub use finding::{Finding, LedgerEntry, Outcome, Related, Severity};
pub use registry::{Family, Meta, Rule};

use jixiao_model::Document;
use jixiao_score::{is_scored, RuleChoice, RuleSetError, Scored};

/// Findings and ledger of one document.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Every finding, ordered by line, column and rule.
    pub findings: Vec<Finding>,
    /// One outcome per rule and unit, in the order the units closed.
    pub ledger: Vec<LedgerEntry>,
}

impl Report {
    /// True when any finding has error severity.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Checks one document. `text` is the decoded source the document was parsed from.
///
/// The forms are scored under the rule set named in `config.ruleset` (the built-in default of
/// each form's kind when `None`; see [`jixiao_score::RuleChoice`]). A named rule set that
/// cannot be loaded is never replaced by a built-in one: [`Config::load`] already rejects it,
/// and [`try_check`] returns the error. Here, with no way to return it, the check fails closed:
/// the rules that need scores record insufficient data for every scored form, with the load
/// error as the reason; every other rule runs as usual.
///
/// ```
/// use jixiao_audit::{check, Config, Outcome};
///
/// let text = "不是任何表格的一行文字\n";
/// let doc = jixiao_parse::parse_str("note.txt", text);
/// let report = check(&doc, text, &Config::default());
/// assert!(!report.has_errors());
/// // The reader did not understand the line: P001 says so instead of passing.
/// assert!(report.ledger.iter().any(|e| e.rule == "P001" && e.outcome != Outcome::Pass));
/// ```
pub fn check(doc: &Document, text: &str, config: &Config) -> Report {
    match RuleChoice::load(config.ruleset.as_deref()) {
        Ok(rules) => score_and_check(doc, text, config, &rules).1,
        Err(e) => {
            let reason = match config.lang {
                Lang::Zh => format!("评分规则集无法加载：{e}"),
                Lang::En => format!("the scoring rule set could not be loaded: {e}"),
            };
            let mut cx = Checker::with_scores(doc, text, config, vec![None; doc.forms.len()]);
            run_rules(&mut cx);
            let mut report = cx.into_report();
            report
                .ledger
                .extend(insufficient_without_scores(doc, config, &report, &reason));
            report
        }
    }
}

/// Like [`check`], but a rule set named in `config.ruleset` that cannot be loaded is an error.
pub fn try_check(doc: &Document, text: &str, config: &Config) -> Result<Report, RuleSetError> {
    let rules = RuleChoice::load(config.ruleset.as_deref())?;
    Ok(score_and_check(doc, text, config, &rules).1)
}

/// Scores the forms of `doc` under `rules` and checks the document; the scores the rules read
/// are the ones returned, so a caller that needs both scores each form once.
/// `config.ruleset` is not consulted: `rules` decides.
pub fn score_and_check(
    doc: &Document,
    text: &str,
    config: &Config,
    rules: &RuleChoice,
) -> (Vec<Scored>, Report) {
    let mut cx = Checker::with_scores(doc, text, config, rules.score_aligned(&doc.forms));
    run_rules(&mut cx);
    let scores = std::mem::take(&mut cx.scored)
        .into_iter()
        .flatten()
        .collect();
    (scores, cx.into_report())
}

/// Runs every selected rule over the document in `cx`.
fn run_rules(cx: &mut Checker) {
    for rule in codes::RULES {
        if cx.config.enabled(rule.meta().code) {
            rule.check(cx);
        }
    }
}

/// Insufficient-data entries for the rules that left no outcome for a scored form (they read
/// its scores, which could not be computed).
fn insufficient_without_scores(
    doc: &Document,
    config: &Config,
    report: &Report,
    reason: &str,
) -> Vec<LedgerEntry> {
    let mut out = Vec::new();
    for rule in codes::RULES {
        let m = rule.meta();
        if m.family != Family::SelfEvaluation || !config.enabled(m.code) {
            continue;
        }
        for form in doc.forms.iter().filter(|f| is_scored(f.kind)) {
            let form_label = Checker::form_label(form);
            let has_outcome = report.ledger.iter().any(|e| {
                e.rule == m.code && e.form == form_label && e.line_start == form.line_start
            });
            if !has_outcome {
                out.push(LedgerEntry {
                    rule: m.code.to_string(),
                    file: doc.file.clone(),
                    form: form_label,
                    outcome: Outcome::InsufficientData,
                    reason: reason.to_string(),
                    line_start: form.line_start,
                    line_end: form.line_end.max(form.line_start),
                });
            }
        }
    }
    out
}
