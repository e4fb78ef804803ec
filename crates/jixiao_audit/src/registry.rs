//! The rule trait, rule metadata, and the `declare_rule!` macro that turns a rule's doc comment
//! into the documentation `jixiao rule CODE` prints and `docs/rules/CODE.md` holds.

use crate::checker::Checker;
use crate::finding::Severity;

/// Rule families, one letter each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// S: self-evaluation arithmetic and scoring.
    SelfEvaluation,
    /// T: performance-target quality (完整性/合理性/可衡量性).
    Targets,
    /// F: final-accounts table identities.
    FinalAccounts,
    /// C: numeric claims in prose.
    Claims,
    /// D: completeness and format of a 决算 disclosure.
    Disclosure,
    /// P: structure (regions the reader did not understand).
    Structure,
}

impl Family {
    /// Every family, in the order of the code table.
    pub const ALL: [Family; 6] = [
        Family::Structure,
        Family::SelfEvaluation,
        Family::Targets,
        Family::FinalAccounts,
        Family::Claims,
        Family::Disclosure,
    ];

    /// The letter that starts the family's codes.
    pub fn letter(self) -> char {
        match self {
            Family::SelfEvaluation => 'S',
            Family::Targets => 'T',
            Family::FinalAccounts => 'F',
            Family::Claims => 'C',
            Family::Disclosure => 'D',
            Family::Structure => 'P',
        }
    }

    /// The hundreds digit of the family's codes (`S1xx`, `T2xx`, … `P0xx`).
    pub fn series(self) -> u32 {
        match self {
            Family::Structure => 0,
            Family::SelfEvaluation => 1,
            Family::Targets => 2,
            Family::FinalAccounts => 3,
            Family::Claims => 4,
            Family::Disclosure => 5,
        }
    }

    /// Family name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Family::SelfEvaluation => "自评表算术与评分",
            Family::Targets => "绩效目标质量",
            Family::FinalAccounts => "决算表勾稽",
            Family::Claims => "文字说明数字",
            Family::Disclosure => "公开完整性与格式",
            Family::Structure => "结构",
        }
    }
}

/// What a rule is: code, names, default severity, one-line summaries and the full doc.
#[derive(Debug)]
pub struct Meta {
    /// Family letter + three digits.
    pub code: &'static str,
    /// The struct name, naming the defect (`ExecutionRateMismatch`).
    pub name: &'static str,
    /// Default severity of the rule's findings.
    pub severity: Severity,
    /// The family; its letter starts the code.
    pub family: Family,
    /// One line, Chinese.
    pub summary: &'static str,
    /// One line, English.
    pub summary_en: &'static str,
    /// The rule's doc comment (Markdown with fixed sections).
    pub doc: &'static str,
    /// The version the rule appeared in.
    pub since: &'static str,
    /// The module that declares the rule (`jixiao_audit::rules::claims::share_mismatch`): its
    /// directory is its family's (checked by a test of the code table).
    pub module: &'static str,
}

/// A rule: metadata plus a check over one document.
pub trait Rule: Sync {
    /// The rule's code, names, severity and documentation.
    fn meta(&self) -> &'static Meta;
    /// Checks the document in `cx`, reporting findings and one ledger outcome per unit.
    fn check(&self, cx: &mut Checker);
}

/// Declares a rule struct whose doc comment becomes its [`Meta::doc`].
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            severity: $sev:ident,
            family: $fam:ident,
            summary: $summary:literal,
            summary_en: $summary_en:literal,
            since: $since:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            /// The rule's code, names, severity and documentation (its doc comment).
            pub const META: $crate::registry::Meta = $crate::registry::Meta {
                code: $code,
                name: stringify!($name),
                severity: $crate::finding::Severity::$sev,
                family: $crate::registry::Family::$fam,
                summary: $summary,
                summary_en: $summary_en,
                doc: concat!($($doc, "\n"),*),
                since: $since,
                module: module_path!(),
            };
        }
    };
}
