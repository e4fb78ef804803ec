//! Rule sets: named, versioned parameter files (`rulesets/*.toml`), embedded in the binary and
//! accepted from users' files. Code implements mechanisms; every number lives here.
//!
//! A rule set file may be an overlay: `extends = "base"` (a built-in name, or a path relative
//! to the overlay's folder) takes every parameter of that set and changes only the ones the
//! overlay states. Tables merge key by key; an array of tables whose entries are named
//! (`[[qualitative.tiers]]`) merges by `name` (an entry changes the base entry of that name, a
//! new name is added at the end); any other value, arrays included, replaces the base's. The
//! built-in sets are overlays of `rulesets/base.toml`.

use std::path::Path;

use jixiao_model::{Decimal, RoundingMode};
use serde::{Deserialize, Serialize};

/// The rule sets shipped with jixiao, by name: the text of each file (an overlay of a
/// [`LAYERS`] entry; [`RuleSet::builtin`] resolves it).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "central-2020",
        include_str!("../rulesets/central-2020.toml"),
    ),
    ("shanghai", include_str!("../rulesets/shanghai.toml")),
    ("guangdong", include_str!("../rulesets/guangdong.toml")),
];

/// Built-in layers a rule set may extend but that do not score by themselves.
pub const LAYERS: &[(&str, &str)] = &[("base", include_str!("../rulesets/base.toml"))];

/// How many `extends` links a rule set may follow (a longer chain is taken for a cycle).
const MAX_EXTENDS: usize = 8;

/// A scoring rule set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Identifier (`shanghai`); what `--rules` and `jixiao.toml` name.
    pub name: String,
    /// Version of the parameters (`2023.1`); scores print `name@version`.
    pub version: String,
    /// Human-readable title.
    pub title: String,
    /// The regulation or practice the parameters come from.
    pub basis: String,
    /// The execution-rate block.
    pub execution: Execution,
    /// Default first-level block weights.
    pub blocks: Blocks,
    /// Quantitative (numeric) indicators.
    pub quantitative: Quantitative,
    /// Date and timeliness indicators.
    pub dates: Dates,
    /// Qualitative tiers.
    pub qualitative: Qualitative,
    /// Satisfaction indicators.
    pub satisfaction: Satisfaction,
    /// Markers of indicators dropped from the total.
    pub not_applicable: NotApplicable,
    /// Grade bands of the total.
    pub grades: Grades,
    /// Rounding conventions tried and assumed.
    pub rounding: Rounding,
}

/// 预算执行率 / 资金支出率.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Execution {
    /// Points when the form prints none.
    pub points: Decimal,
    /// Denominator of the rate.
    pub denominator: Denominator,
    /// Cap the rate at 100 %.
    pub cap: bool,
    /// Name of the execution indicator row on scoresheets.
    pub indicator: String,
}

/// The denominator of the execution rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Denominator {
    /// 全年预算数 (self-evaluation default).
    AnnualBudget,
    /// 年初预算数.
    InitialBudget,
    /// 实际分配下达 (scoresheets, Jiangmen).
    Allocated,
    /// 预算计划安排 (scoresheets).
    Planned,
}

/// Default block weights.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blocks {
    /// 产出指标 points.
    pub output: Decimal,
    /// 效益指标 points.
    pub benefit: Decimal,
    /// 满意度指标 points.
    pub satisfaction: Decimal,
    /// The block (`benefit` or `output`) that takes the satisfaction points when a form has no
    /// 满意度 indicator.
    pub satisfaction_missing_to: String,
}

/// Quantitative indicators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quantitative {
    /// How a reverse (lower-is-better) indicator above its target is scored.
    pub reverse_mode: ReverseMode,
    /// `true`: meeting a `>` target exactly is not full marks; `false`: `>` is scored like `≥`.
    pub strict_ops: bool,
    /// `actual ≥ ratio × target` flags the target as possibly set too low (never a deduction).
    pub overachieve_ratio: Decimal,
    /// Words in an indicator name that make it lower-is-better even without a `≤` operator.
    pub reverse_keywords: Vec<String>,
}

/// Scoring of a reverse indicator above its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReverseMode {
    /// target / actual × w (填表说明 variant).
    Ratio,
    /// max(0, 1 − (actual − target) / target) × w: 0 at twice the target (vendor variant).
    #[serde(rename = "linear-2x")]
    Linear2x,
}

/// Dates and timeliness.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// How a date or timeliness indicator is scored.
    pub mode: DateMode,
    /// Indicator names or targets that make an indicator a timeliness one.
    pub keywords: Vec<String>,
}

/// How a date or timeliness indicator is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateMode {
    /// Met → full weight; not met → 0.
    Binary,
    /// Scored with the qualitative tiers.
    Qualitative,
}

/// Qualitative tiers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualitative {
    /// The tiers, from the highest share down.
    pub tiers: Vec<Tier>,
}

/// One qualitative tier: a share range of the weight and the words that select it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Tier name (`全部达成`).
    pub name: String,
    /// Lowest share of the weight (%) a score of this tier may have.
    pub min_pct: Decimal,
    /// Highest share of the weight (%) a score of this tier may have.
    pub max_pct: Decimal,
    /// Whether a score of exactly `max_pct` % belongs to this tier.
    pub max_inclusive: bool,
    /// Words of the actual value that select this tier.
    pub words: Vec<String>,
}

/// Satisfaction indicators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Satisfaction {
    /// Indicator names that make an indicator a satisfaction one.
    pub keywords: Vec<String>,
}

/// Not-applicable markers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotApplicable {
    /// Words (in the actual, the target or the note) that drop an indicator from the total.
    pub words: Vec<String>,
}

/// Grade bands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grades {
    /// `printed`: grade the printed (rounded) total; `exact`: the unrounded one.
    pub on: String,
    /// The bands, from the highest `min` down.
    pub bands: Vec<Band>,
}

/// A grade and its lower bound (inclusive); bands are half-open `[min, next min)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Grade name (`优`).
    pub grade: String,
    /// Lowest total (inclusive) of the grade.
    pub min: Decimal,
}

/// Rounding conventions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// Decimals of a printed score.
    pub dp: u32,
    /// Rounding modes tried, in this order, when detecting how a form rounded its execution
    /// score.
    pub modes: Vec<Mode>,
    /// Orders tried (rate first or direct), in this order.
    pub orders: Vec<Order>,
    /// The mode assumed when none reproduces the printed execution score.
    pub default_mode: Mode,
    /// The order assumed when none reproduces the printed execution score.
    pub default_order: Order,
    /// Stated vs recomputed: a difference inside this is reported as possibly rounding.
    pub tolerance: Decimal,
}

/// A rounding mode as named in rule sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Half away from zero (四舍五入).
    HalfAwayFromZero,
    /// Half to even (banker's rounding).
    HalfEven,
    /// Truncation toward zero (截断).
    Truncate,
    /// Rounded half away from zero to whole points.
    Integer,
}

impl Mode {
    /// Rounds `d` to `dp` decimals (whole points for `Integer`).
    pub fn apply(self, d: Decimal, dp: u32) -> Decimal {
        let (mode, dp) = match self {
            Mode::HalfAwayFromZero => (RoundingMode::HalfAwayFromZero, dp),
            Mode::HalfEven => (RoundingMode::HalfEven, dp),
            Mode::Truncate => (RoundingMode::Truncate, dp),
            Mode::Integer => (RoundingMode::HalfAwayFromZero, 0),
        };
        jixiao_model::round(d, mode, dp)
    }

    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::HalfAwayFromZero => "half-away-from-zero",
            Mode::HalfEven => "half-even",
            Mode::Truncate => "truncate",
            Mode::Integer => "integer",
        }
    }
}

/// Whether the execution rate is rounded to its printed percentage before the score is
/// computed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// Round the rate (as a percentage) first, then compute and round the score.
    RateFirst,
    /// Compute the score from the exact rate and round once.
    Direct,
}

impl Order {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Order::RateFirst => "rate-first",
            Order::Direct => "direct",
        }
    }
}

/// A rule set could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RuleSetError {
    /// Neither a built-in name nor a file.
    #[error("unknown rule set {0:?} (built in: central-2020, shanghai, guangdong; a file name ends in .toml)")]
    Unknown(String),
    /// The file was read but is not a valid rule set.
    #[error("{file}: invalid rule set: {message}")]
    Invalid {
        /// The file as named by the user (or a built-in name).
        file: String,
        /// What is wrong with it.
        message: String,
    },
    /// No built-in rule set for a region.
    #[error("no built-in rule set for region {0:?} (known: central, shanghai, guangdong)")]
    UnknownRegion(String),
    /// The rule set file could not be read.
    #[error("{file}: cannot read the rule set: {error}")]
    Io {
        /// The file as named by the user.
        file: String,
        /// Why it could not be read (kept out of `source()` so that the cause is printed once).
        error: std::io::Error,
    },
}

impl RuleSet {
    /// A built-in rule set by name.
    pub fn builtin(name: &str) -> Result<RuleSet, RuleSetError> {
        RuleSet::builtin_ref(name).cloned()
    }

    /// A built-in rule set by name, parsed once per process.
    pub fn builtin_ref(name: &str) -> Result<&'static RuleSet, RuleSetError> {
        static PARSED: std::sync::OnceLock<Vec<RuleSet>> = std::sync::OnceLock::new();
        let all = PARSED.get_or_init(|| {
            BUILTIN
                .iter()
                .map(|(n, text)| RuleSet::from_toml(n, text).expect("built-in rule sets are valid"))
                .collect()
        });
        all.iter()
            .find(|r| r.name == name)
            .ok_or_else(|| RuleSetError::Unknown(name.into()))
    }

    /// Parses a rule set from TOML text, resolving `extends` (a path is taken from the
    /// current folder); `file` names it in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<RuleSet, RuleSetError> {
        RuleSet::from_toml_in(file, text, None)
    }

    /// Like [`RuleSet::from_toml`], an `extends` path taken from `dir`.
    fn from_toml_in(file: &str, text: &str, dir: Option<&Path>) -> Result<RuleSet, RuleSetError> {
        let table = resolve(file, text, dir, 0)?;
        let rs: RuleSet = table
            .try_into()
            .map_err(|e: toml::de::Error| invalid(file, e))?;
        rs.validate().map_err(|message| invalid(file, message))?;
        Ok(rs)
    }

    /// The rule set as TOML, every parameter resolved (what `jixiao rulesets show` prints);
    /// [`RuleSet::from_toml`] reads it back unchanged.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a rule set is representable in TOML")
    }

    /// A built-in name, or a path to a TOML file.
    pub fn load(name_or_path: &str) -> Result<RuleSet, RuleSetError> {
        if BUILTIN.iter().any(|(n, _)| *n == name_or_path) {
            return RuleSet::builtin(name_or_path);
        }
        let p = Path::new(name_or_path);
        if p.extension().is_some_and(|e| e == "toml") || p.exists() {
            let text = std::fs::read_to_string(p).map_err(|error| RuleSetError::Io {
                file: name_or_path.into(),
                error,
            })?;
            return RuleSet::from_toml_in(name_or_path, &text, p.parent());
        }
        Err(RuleSetError::Unknown(name_or_path.into()))
    }

    fn validate(&self) -> Result<(), String> {
        if self.qualitative.tiers.is_empty() {
            return Err("qualitative.tiers is empty".into());
        }
        for t in &self.qualitative.tiers {
            if t.min_pct > t.max_pct
                || t.min_pct < Decimal::ZERO
                || t.max_pct > Decimal::ONE_HUNDRED
            {
                return Err(format!(
                    "tier {:?}: need 0 ≤ min_pct ≤ max_pct ≤ 100",
                    t.name
                ));
            }
        }
        if self.grades.bands.is_empty() {
            return Err("grades.bands is empty".into());
        }
        if self.grades.bands.windows(2).any(|w| w[0].min <= w[1].min) {
            return Err("grades.bands must be listed from the highest min down".into());
        }
        if self.rounding.modes.is_empty() || self.rounding.orders.is_empty() {
            return Err("rounding.modes and rounding.orders must not be empty".into());
        }
        Ok(())
    }

    /// The grade of a total.
    pub fn grade(&self, total: Decimal) -> &str {
        self.grades
            .bands
            .iter()
            .find(|b| total >= b.min)
            .map_or("", |b| b.grade.as_str())
    }
}

fn invalid(file: &str, message: impl ToString) -> RuleSetError {
    RuleSetError::Invalid {
        file: file.into(),
        message: message.to_string(),
    }
}

/// The TOML table of a rule set file with its `extends` chain merged in (base first).
fn resolve(
    file: &str,
    text: &str,
    dir: Option<&Path>,
    depth: usize,
) -> Result<toml::Table, RuleSetError> {
    let mut table: toml::Table = toml::from_str(text).map_err(|e| invalid(file, e))?;
    let Some(base) = table.remove("extends") else {
        return Ok(table);
    };
    let toml::Value::String(base) = base else {
        return Err(invalid(file, "extends must name a rule set (a string)"));
    };
    if depth >= MAX_EXTENDS {
        return Err(invalid(
            file,
            format!("extends {base:?}: more than {MAX_EXTENDS} levels (a cycle?)"),
        ));
    }
    let builtin = LAYERS.iter().chain(BUILTIN).find(|(n, _)| *n == base);
    let mut merged = match builtin {
        Some((name, text)) => resolve(name, text, None, depth + 1)?,
        None => {
            let path = dir.map_or_else(|| Path::new(&base).to_path_buf(), |d| d.join(&base));
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|error| RuleSetError::Io {
                file: shown.clone(),
                error,
            })?;
            resolve(&shown, &text, path.parent(), depth + 1)?
        }
    };
    merge(&mut merged, table);
    Ok(merged)
}

/// Merges `over` into `base`: tables key by key, arrays of named tables by name, anything else
/// replaced.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (Some(toml::Value::Array(b)), toml::Value::Array(o)) if named(b) && named(&o) => {
                for entry in o {
                    let toml::Value::Table(entry) = entry else {
                        continue;
                    };
                    let same = b.iter_mut().find_map(|e| match e {
                        toml::Value::Table(t) if t.get("name") == entry.get("name") => Some(t),
                        _ => None,
                    });
                    match same {
                        Some(t) => merge(t, entry),
                        None => b.push(toml::Value::Table(entry)),
                    }
                }
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// True for a non-empty array of tables that all have a string `name`.
fn named(a: &[toml::Value]) -> bool {
    !a.is_empty()
        && a.iter().all(|v| {
            v.as_table()
                .and_then(|t| t.get("name"))
                .is_some_and(toml::Value::is_str)
        })
}
