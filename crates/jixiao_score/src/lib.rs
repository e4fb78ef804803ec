//! Scoring: recompute every score and grade of a self-evaluation or scoresheet under a named,
//! versioned [`RuleSet`], and show the working.
//!
//! ```
//! # use jixiao_score::{score, RuleSet};
//! # let form = jixiao_model::Form::new(jixiao_model::FormKind::SelfEvaluation, 1);
//! let rules = RuleSet::builtin("shanghai").unwrap();
//! let scored = score(&form, &rules);
//! println!("{}", scored.explain());
//! ```
//!
//! No I/O happens here: a [`Scored`] is data; [`Scored::explain`] renders it as text.
//! Published self-scores are typed by hand, so every item reports the stated score beside the
//! recomputed one (or the allowed range, for qualitative items), the formula with the numbers
//! filled in, and a [`Status`].
//!
//! ## Printed scoring standards
//!
//! Guangdong scoresheets print a scoring standard (评分标准) beside many indicators. Where the
//! indicator's target and actual are numbers and the [`standard`] interpreter reads its standard
//! as one unambiguous rule — proportional, share, deduction, tiers or binary — the recomputed
//! score follows the printed standard: the item's `rule` is `standard`, its formula starts with
//! `评分标准 (form):` and [`Item::standard`] keeps the text. A readable standard that does not
//! fit the values (a count in another unit, a value on an edge two tiers share, a part step the
//! text leaves open) is kept on the item with the reason, and the rule set's formula scores it;
//! an unreadable one (judgement wording such as 酌情扣分 or 核定分数, several sub-criteria, terms
//! outside the vocabulary) changes nothing. The rule set's formula is always the fallback.
//!
//! ```
//! # use jixiao_score::{score, RuleSet};
//! # use jixiao_model::{Form, FormKind, Indicator};
//! # use jixiao_text::parse_value;
//! let mut form = Form::new(FormKind::EvaluationScoresheet, 1);
//! form.indicators.push(Indicator {
//!     path: vec!["产出".into(), "质量指标".into(), "验收合格率".into()],
//!     target: parse_value("≥95%"),
//!     actual: parse_value("93%"),
//!     weight: Some(10.into()),
//!     score: Some(8.into()),
//!     note: None,
//!     line: 3,
//!     path_weights: Vec::new(),
//!     standard: Some("≥95%得满分，90%（含）-95%得80%分值，低于90%不得分".into()),
//!     evidence: None,
//! });
//! let scored = score(&form, &RuleSet::builtin("guangdong").unwrap());
//! let item = &scored.items[0];
//! assert_eq!(item.rule, "standard");
//! assert_eq!(item.recomputed_score, Some(8.into()));
//! assert!(item.formula.starts_with("评分标准 (tiers): 93% in [90%, 95%)"));
//! ```

#![warn(missing_docs)]

mod choice;
mod engine;
mod explain;
mod ruleset;
pub mod standard;

pub use choice::{default_ruleset, is_scored, score_forms, RuleChoice};
pub use engine::{score, score_document};
pub use ruleset::{
    Band, Blocks, DateMode, Denominator, Execution, Mode, Order, ReverseMode, RuleSet,
    RuleSetError, Tier, BUILTIN, LAYERS,
};

use jixiao_model::{Decimal, FormKind};
use serde::Serialize;

/// The outcome of one scored item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The stated score equals the recomputed one.
    Match,
    /// The stated score differs from the recomputed one.
    Differs,
    /// A qualitative (range) item whose stated score lies inside its allowed range.
    InRange,
    /// A qualitative (range) item whose stated score lies outside its allowed range.
    OutOfRange,
    /// Dropped from the total (不适用, or an activity stopped).
    NotApplicable,
    /// A needed value is missing or cannot be compared (证据不足); never a pass.
    InsufficientData,
}

/// One scored item: the execution-rate block or an indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The indicator path (`["产出指标", "数量指标", "…"]`), or `["预算执行率"]`.
    pub path: Vec<String>,
    /// 1-based source line of the item.
    pub line: u32,
    /// Points of the item.
    #[serde(with = "opt")]
    pub weight: Option<Decimal>,
    /// The score the form prints.
    #[serde(with = "opt")]
    pub stated_score: Option<Decimal>,
    /// The score under the rule set where one value follows from it (`None` for range items
    /// and when a needed value is missing).
    #[serde(with = "opt")]
    pub recomputed_score: Option<Decimal>,
    /// Allowed range (qualitative items; equals the recomputed score otherwise).
    #[serde(with = "opt")]
    pub min_score: Option<Decimal>,
    /// Upper end of the allowed range (see `min_score`).
    #[serde(with = "opt")]
    pub max_score: Option<Decimal>,
    /// The computation with the numbers filled in (`20.2 / 30.00 × 15.00 = 10.10`).
    pub formula: String,
    /// How the stated score compares with the recomputed one.
    pub status: Status,
    /// Which rule scored the item: `execution`, `positive`, `reverse`, `zero_target`, `date`,
    /// `qualitative`, `satisfaction`, `judgement`, `not_applicable`, `unscorable`, or
    /// `standard` when the printed scoring standard scored it.
    pub rule: String,
    /// Review flags that never change a score: `target_may_be_too_low`,
    /// `possibly_rounding`, `unit_assumed`, `score_above_weight`, `strict_boundary`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// Why the item is not applicable or has insufficient data, or what was assumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The printed scoring standard (评分标准), when it was machine-readable: whether it
    /// scored the item or why the rule set's formula did (see [`standard`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<PrintedStandard>,
}

/// A machine-readable printed standard on a scored item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrintedStandard {
    /// The standard's text as printed.
    pub text: String,
    /// The rule form read: `proportional`, `share`, `deduction`, `tiers` or `binary`.
    pub form: String,
    /// True when the recomputed score follows the standard (the item's `rule` is `standard`).
    pub used: bool,
    /// Why the standard could not score these values, when it did not (the rule set's formula
    /// scored the item instead).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

/// A scored form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scored {
    /// The form kind.
    pub kind: FormKind,
    /// 项目名称.
    pub project: Option<String>,
    /// First line of the form.
    pub line_start: u32,
    /// `name@version` of the rule set.
    pub ruleset: String,
    /// The rounding convention detected for the form (`half-away-from-zero, rate-first`),
    /// or the rule set's default followed by `(default: not detected)`.
    pub rounding: String,
    /// The total the form prints.
    #[serde(with = "opt")]
    pub stated_total: Option<Decimal>,
    /// The total of the recomputed item scores.
    #[serde(with = "opt")]
    pub recomputed_total: Option<Decimal>,
    /// The grade the form prints.
    pub stated_grade: Option<String>,
    /// The grade of the recomputed total.
    pub recomputed_grade: Option<String>,
    /// The band of the *stated* total under the rule set (does the printed grade follow from
    /// the printed total?).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_total_band: Option<String>,
    /// Every scored item: the execution block first, then the indicators in form order.
    pub items: Vec<Item>,
    /// Σ of the stated item scores (execution included): does the printed total add up?
    #[serde(with = "opt")]
    pub stated_sum: Option<Decimal>,
    /// Σ of the item weights (execution included), normally 100.
    #[serde(with = "opt")]
    pub weight_sum: Option<Decimal>,
    /// Every convention that reproduces the stated execution score, in rule-set order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rounding_candidates: Vec<String>,
    /// Notes on the whole form (rescaling, items taken as stated, conventions tried).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Scored {
    /// Items whose status is `status`.
    pub fn items_with(&self, status: Status) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.status == status)
    }
}

mod opt {
    use jixiao_model::Decimal;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::arbitrary_precision_option::serialize(v, s)
    }
}
