//! `jixiao check`: a linter for fiscal documents.
//!
//! Rules live one per file under `rules/<family>/`, each a struct named for the defect with a
//! code, a default severity and a doc comment with fixed sections (`declare_rule!`). The only
//! registry is [`codes::RULES`]. Every rule reports, for every unit (form or table) it applies
//! to, one [`Outcome`]: pass, fail, not applicable or insufficient data — never a silent pass.
//!
//! [`check`] is pure: it takes a parsed [`Document`] and its source text and returns a
//! [`Report`]; [`render`] turns reports into text, JSON or SARIF.

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

use jixiao_model::{Document, Form, FormKind};
use jixiao_score::RuleSet;

/// Findings and ledger of one document.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub ledger: Vec<LedgerEntry>,
}

impl Report {
    /// True when any finding has error severity.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Checks one document. `text` is the decoded source the document was parsed from.
pub fn check(doc: &Document, text: &str, config: &Config) -> Report {
    let chosen = config
        .ruleset
        .as_deref()
        .and_then(|n| RuleSet::load(n).ok());
    let shanghai = RuleSet::builtin_ref("shanghai").expect("built-in rule set");
    let guangdong = RuleSet::builtin_ref("guangdong").expect("built-in rule set");
    let rules_for = |f: &Form| -> &RuleSet {
        match (&chosen, f.kind) {
            (Some(r), _) => r,
            (None, FormKind::EvaluationScoresheet) => guangdong,
            _ => shanghai,
        }
    };
    let mut cx = Checker::new(doc, text, config, rules_for);
    for rule in codes::RULES {
        if config.enabled(rule.meta().code) {
            rule.check(&mut cx);
        }
    }
    let mut findings = cx.findings.take();
    findings.sort_by(|a, b| (a.line, a.column, &a.rule).cmp(&(b.line, b.column, &b.rule)));
    Report {
        findings,
        ledger: cx.ledger.take(),
    }
}
