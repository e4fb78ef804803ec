//! Findings and outcomes: what a check produces, as data. Rendering lives in `render`.

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A number or statement of the document is wrong.
    Error,
    /// A deviation from practice (原则上), a heuristic, or something a reviewer should look at.
    Warning,
    /// For the record: e.g. a difference inside the rounding envelope (可能为取整误差).
    Info,
}

impl Severity {
    /// 错误 / 警告 / 提示.
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    /// error / warning / info.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Another place a finding involves (the table cell a prose claim contradicts, the rows of a
/// sum).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// The file of the other place.
    pub file: String,
    /// 1-based line of the other place.
    pub line: u32,
    /// 1-based column, when located.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// What the other place is (`表中数 1,234.56`).
    pub message: String,
}

/// One finding. The JSON form is a contract:
/// `{rule, severity, file, line, column, end_line, message, stated, expected, form, path, related}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule code (`S101`).
    pub rule: String,
    /// Error, warning or info (after `jixiao.toml` overrides).
    pub severity: Severity,
    /// The input file.
    pub file: String,
    /// 1-based line of the offending value.
    pub line: u32,
    /// 1-based page of `line`, for paged input (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based column (in characters) of the offending value on its line, when located.
    pub column: Option<u32>,
    /// Last line the finding spans.
    pub end_line: u32,
    /// What is wrong, with the arithmetic (`394.86 / 500.00 = 78.97%, stated 100%`).
    pub message: String,
    /// The value as the document states it.
    pub stated: Option<String>,
    /// The value the arithmetic gives.
    pub expected: Option<String>,
    /// The form or table (project name, table title).
    pub form: Option<String>,
    /// The indicator path, row or cell within the form.
    pub path: Option<String>,
    /// Other places the finding involves (related locations in SARIF).
    pub related: Vec<Related>,
}

/// How a rule ended for one unit (form or table) it applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 通过.
    Pass,
    /// 不通过: at least one error or warning finding.
    Fail,
    /// 不适用: the rule's precondition is absent.
    NotApplicable,
    /// 证据不足: a needed value is missing or unparsed. Never a pass.
    InsufficientData,
}

impl Outcome {
    /// 通过 / 不通过 / 不适用 / 证据不足.
    pub fn zh(self) -> &'static str {
        match self {
            Outcome::Pass => "通过",
            Outcome::Fail => "不通过",
            Outcome::NotApplicable => "不适用",
            Outcome::InsufficientData => "证据不足",
        }
    }
}

/// One ledger entry: `{rule, file, form, outcome, reason, line_start, line_end}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// Rule code.
    pub rule: String,
    /// The input file.
    pub file: String,
    /// The unit: project name or table title.
    pub form: String,
    /// How the rule ended for the unit.
    pub outcome: Outcome,
    /// Why: the count of findings or checks, or what was missing or not applicable.
    pub reason: String,
    /// First line of the unit.
    pub line_start: u32,
    /// Last line of the unit.
    pub line_end: u32,
}
