//! Printed scoring standards (评分标准): a Guangdong 指标评分表 prints, beside many indicators,
//! the rule its self-score follows. [`read`] interprets that text and, where it states one rule
//! unambiguously, returns it as a [`StandardRule`]; [`StandardRule::apply`] then scores an
//! indicator's numeric target and actual value by it. Anything that cannot be read with
//! certainty is [`Reading::NotReadable`] with the reason, and the rule set's formula stays the
//! fallback: the interpreter never guesses.
//!
//! ```
//! use jixiao_score::standard::{read, Inputs, Reading};
//! use jixiao_model::Decimal;
//!
//! let Reading::Rule(rule) = read("自评分数=实现值/预期值×权重") else { panic!() };
//! let x = Inputs::new(Decimal::from(20), Decimal::from(18), Decimal::from(10));
//! assert_eq!(rule.apply(&x).unwrap().score, Decimal::from(9));
//! assert!(matches!(read("根据实际情况核定分数"), Reading::NotReadable(_)));
//! ```
//!
//! **What is read** (five rule forms, see [`StandardRule`]):
//! - proportional: `实现值/预期值×权重`, `得分=完成率×分值`, `按完成比例得分`
//!   (`预期值/实现值×权重` for a lower-is-better indicator);
//! - share: `表示满意的服务对象数/接受调查的对象总数×指标分值` (the achieved rate × weight);
//! - deduction: `达到目标值得满分，每低于目标1%扣0.1分，扣完为止`, `未完成的每项扣1分`;
//! - tiers: `≥95%得满分，90%（含）-95%得80%分值，低于90%不得分`;
//! - binary: `达到目标值得满分，未达到不得分`.
//!
//! **What is refused**: discretionary wording ([`DISCRETIONARY`]: 酌情, 核定, 根据实际情况 …),
//! bonus points, several numbered sub-criteria, a standard for worded (定性) values only, a
//! formula with terms outside the vocabulary, a full-marks clause that does not say what a
//! shortfall earns, two rule forms mixed, and any clause the grammar does not cover.
//!
//! **Conventions** (stated, not guessed):
//! - A score never exceeds the weight (proportional ratios are capped at 1) and never falls
//!   below 0 (`扣完为止` is implied).
//! - A factor `100` or `100%` in a formula converts a percentage (the 权重(%) column prints the
//!   weight as a number of points out of 100) and does not scale the score.
//! - Thresholds and steps in `%` measure the value itself when target and actual are
//!   percentages (`每低于1%` = one percentage point), the completion rate
//!   (实现值 / 预期值 × 100 %) when they are counted in a unit (`场`, `万人次`), and nothing
//!   when they print no unit at all (not scored by the standard). A subject word decides where
//!   one is printed: 完成率 → the completion rate, 实现值 or a rate name (`合格率`, `满意度`)
//!   → the value.
//! - A step whose shortfall is not a whole number of steps is scored only when the standard
//!   says how a part step counts (`不足1%的按比例扣分`, `不足1%的不扣分`, `不足1%的按1%计`).
//! - A completion rate (`完成率×分值`, `完成率≥95%`) on percentages is scored only when the target
//!   is 100 %: otherwise the rate could be the value itself. A bare number (`100%得满分`) is no
//!   bound: exactly or at least is not said.
//! - At a tier edge printed without `（含）`, a tier that includes the value explicitly wins
//!   (`≥95%` over `90%-95%` at 95 %); where none does and the tiers disagree, the value is
//!   not scored by the standard.

use jixiao_model::{Decimal, Op};
use jixiao_text::{fold_label, parse_number_prefix};

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Words that leave a score to the evaluator's judgement: a standard containing one is not
/// machine-readable.
pub const DISCRETIONARY: &[&str] = &[
    "酌情",
    "视情况",
    "视情节",
    "视具体",
    "根据实际",
    "根据情况",
    "综合考虑",
    "综合评定",
    "综合评价",
    "适当调整",
    "核定",
    "核分",
    "判断",
    "判定",
    "据此",
    "专家",
    "评议",
    "自行",
    "研究确定",
    "分为三档",
    "分档",
];

/// Words for the achieved value, longest first.
pub const ACTUAL_WORDS: &[&str] = &[
    "评价年度实现值",
    "评价年度实际值",
    "年度实际完成值",
    "实际完成值",
    "实际完成数",
    "实际完成量",
    "实际实现值",
    "实现值",
    "实际值",
    "完成值",
    "完成数",
];

/// Words for the expected value (the target), longest first.
pub const TARGET_WORDS: &[&str] = &[
    "评价年度预期值",
    "年度指标值",
    "年度目标值",
    "指标目标值",
    "预期目标值",
    "计划完成数",
    "预期值",
    "目标值",
    "指标值",
    "计划值",
    "计划数",
    "目标数",
];

/// Further words that name the target in a condition (`达到目标`, `完成年度目标`).
pub const TARGET_REFS: &[&str] = &[
    "年度绩效目标",
    "年度目标任务",
    "预期目标",
    "年度目标",
    "绩效目标",
    "目标任务",
    "目标要求",
    "计划目标",
    "目标",
    "预期",
    "计划",
];

/// Words for the indicator's points.
pub const WEIGHT_WORDS: &[&str] = &[
    "该指标分值",
    "该指标权重",
    "指标权重",
    "指标分值",
    "该项分值",
    "本项分值",
    "权重分值",
    "权重",
    "分值",
];

/// Words for the completion rate (实现值 / 预期值).
pub const RATE_WORDS: &[&str] = &[
    "实际完成率",
    "指标完成率",
    "目标完成率",
    "完成比例",
    "完成比率",
    "完成率",
    "实现率",
    "达成率",
];

/// Words for the score on the left of `=`.
pub const SCORE_WORDS: &[&str] = &[
    "自评分数",
    "自评得分",
    "指标得分",
    "该项得分",
    "本项得分",
    "该指标得分",
    "得分",
    "分数",
    "评分",
];

/// Numerator words of a satisfaction share (`表示满意的服务对象数`).
pub const SATISFIED_WORDS: &[&str] = &["表示满意的", "满意的", "满意人数", "满意数"];

/// Denominator words of a satisfaction share (`接受调查的对象总数`).
pub const SURVEYED_WORDS: &[&str] = &[
    "调查的对象总数",
    "调查对象总数",
    "调查总人数",
    "调查总数",
    "调查人数",
    "有效问卷数",
    "有效样本数",
    "样本总数",
];

/// Outcome: full marks.
pub const FULL_WORDS: &[&str] = &[
    "得该项全部分值",
    "得全部分值",
    "按满分计",
    "得满分",
    "计满分",
    "给满分",
    "得全分",
];

/// Outcome: no points.
pub const ZERO_WORDS: &[&str] = &[
    "该项不得分",
    "不得分",
    "不计分",
    "不给分",
    "得0分",
    "计0分",
    "记0分",
    "得分为0",
];

/// Clauses that bound the deductions at zero (implied anyway).
pub const FLOOR_WORDS: &[&str] = &[
    "扣完该项分值为止",
    "扣完本项分值为止",
    "直至扣到0分",
    "直至扣完",
    "扣至0分为止",
    "扣到0分为止",
    "最低得0分",
    "最低为0分",
    "扣完为止",
    "扣满为止",
    "不得负分",
];

/// Clauses that cap the score at the weight (implied anyway).
pub const CAP_WORDS: &[&str] = &[
    "最高不超过该项分值",
    "最高不超过该指标分值",
    "最高不超过分值",
    "最高不超过权重",
    "最高不超过满分",
    "得分不超过分值",
    "最高得满分",
    "最高为满分",
    "以满分为限",
    "超过的按满分计",
    "超额完成的不加分",
    "超额完成不加分",
    "超过目标值的不加分",
    "超过100%的按100%计",
    "超过100%按100%计",
];

/// Verbs that say the target was met.
pub const MET_VERBS: &[&str] = &[
    "达到或超过",
    "达到或超出",
    "达到",
    "完成",
    "实现",
    "达成",
    "满足",
];

/// Verbs that say the target was missed (checked before [`MET_VERBS`]: `未达到` holds `达到`).
pub const MISSED_VERBS: &[&str] = &[
    "没有达到",
    "没有完成",
    "不能达到",
    "未能达到",
    "未能完成",
    "未达到",
    "未完成",
    "未实现",
    "未达成",
    "达不到",
    "未达标",
    "不达标",
];

/// Words for "in any other case".
pub const OTHERWISE_WORDS: &[&str] = &["其他情况", "其余情况", "否则", "反之", "其他", "其余"];

/// Comparison words and symbols with the operator they mean, in a standard's conditions.
/// Deliberately apart from the value-cell operators of `jixiao_text` (those read `约`, `以前`;
/// a condition reads `不足`, `未达到`, `超过` as comparisons).
pub const COMPARISONS: &[(&str, Op)] = &[
    ("大于或等于", Op::Ge),
    ("小于或等于", Op::Le),
    ("大于等于", Op::Ge),
    ("小于等于", Op::Le),
    ("不低于", Op::Ge),
    ("不少于", Op::Ge),
    ("不小于", Op::Ge),
    ("不高于", Op::Le),
    ("不超过", Op::Le),
    ("不大于", Op::Le),
    ("不多于", Op::Le),
    ("未达到", Op::Lt),
    ("达到", Op::Ge),
    ("高于", Op::Gt),
    ("大于", Op::Gt),
    ("超过", Op::Gt),
    ("多于", Op::Gt),
    ("低于", Op::Lt),
    ("小于", Op::Lt),
    ("少于", Op::Lt),
    ("不足", Op::Lt),
    ("不到", Op::Lt),
    ("等于", Op::Eq),
    ("≥", Op::Ge),
    ("≤", Op::Le),
    (">", Op::Gt),
    ("<", Op::Lt),
    ("=", Op::Eq),
];

/// Words after a number that bound it: `95%以上` (≥), `80%以下` (≤), `5天以内` (≤). By
/// Chinese legal usage 以上 / 以下 / 以内 include the number.
pub const POSTFIX_BOUNDS: &[(&str, Op)] = &[
    ("及以上", Op::Ge),
    ("以上", Op::Ge),
    ("及以下", Op::Le),
    ("以下", Op::Le),
    ("以内", Op::Le),
];

/// Directions of a deduction step: shortfall below the threshold.
pub const BELOW_WORDS: &[&str] = &["低于", "少于", "减少", "下降", "降低", "不足", "少", "差"];

/// Directions of a deduction step: excess above the threshold.
pub const ABOVE_WORDS: &[&str] = &["超过", "超出", "高于", "多于", "增加", "多", "超"];

/// What a score is proportional to in `按完成比例得分` (after `按` and an optional `实际`).
pub const PROPORTION_WORDS: &[&str] = &["完成比例", "完成率", "完成比率", "比例"];

/// Verbs that end `按完成比例得分`.
pub const SCORE_VERBS: &[&str] = &["得分", "计分", "计算得分", "折算得分", "给分", "计算分数"];

/// How a part step counts: in proportion (`不足1%的按比例扣分`).
pub const PART_PROPORTIONAL: &[&str] = &[
    "按比例扣分",
    "按比例扣减",
    "按比例计算",
    "按比例计扣",
    "按比例",
];

/// How a part step counts: not at all (`不足1%的不扣分`).
pub const PART_IGNORED: &[&str] = &["不扣分", "不计", "不予扣分", "不计扣"];

/// Words that may open a met / missed condition before its verb (`全部完成`, `均达到目标值`).
pub const SUBJECT_WORDS: &[&str] = &["该指标", "指标", "全部", "均", "已"];

/// Range separators (`90%-95%`, `90%至95%`).
const RANGE_SEPARATORS: &[&str] = &["-", "至", "到"];

/// Labels that may open a standard or one of its clauses.
const LABELS: &[&str] = &[
    "评分标准",
    "评分方法",
    "评分规则",
    "评分办法",
    "计分方法",
    "计分规则",
    "计算方法",
    "计算公式",
];

/// The result of reading a printed standard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// One rule, stated unambiguously.
    Rule(StandardRule),
    /// Not machine-readable; why.
    NotReadable(String),
}

/// A scoring rule read from a printed standard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StandardRule {
    /// `min(实现值 / 预期值, 1) × 权重`; `inverse`: `预期值 / 实现值` (lower is better).
    Proportional {
        /// The ratio is target / actual.
        inverse: bool,
        /// Written as a completion rate (`完成率×分值`, `按完成比例得分`) rather than as
        /// 实现值 / 预期值: on percentages the rate could be the value itself, so only a 100 %
        /// target (where both readings agree) is scored.
        rate: bool,
    },
    /// The achieved rate (a percentage, e.g. the share of satisfied respondents) × weight.
    Share,
    /// Full marks up to a threshold, a fixed deduction per step of shortfall (or excess).
    Deduction(Deduction),
    /// Ranges of the measured value, each with its outcome.
    Tiers(Tiers),
    /// Full marks when the target is met, none otherwise.
    Binary,
}

/// A deduction rule: `达到目标值得满分，每低于目标1%扣0.1分，扣完为止`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deduction {
    /// Where full marks end: the target, or a printed threshold (in `unit`).
    pub threshold: Option<Decimal>,
    /// Deductions for falling below (`低于`, `少`) or rising above (`超过`) the threshold.
    pub below: bool,
    /// Size of one step (`1` of `每低于1%`).
    pub step: Decimal,
    /// Unit of the step and threshold.
    pub unit: Unit,
    /// Points deducted per step.
    pub points: Decimal,
    /// How a part step counts.
    pub partial: Partial,
    /// What a `%` step measures, when the standard names it.
    pub measure: Option<Measure>,
}

/// Ranges of the measured value with their outcomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tiers {
    /// The ranges in printed order.
    pub tiers: Vec<Tier>,
    /// Outcome of a value in no range (`否则不得分`), if printed.
    pub otherwise: Option<Outcome>,
    /// Unit of every bound.
    pub unit: Unit,
    /// What `%` bounds measure, when the standard names it.
    pub measure: Option<Measure>,
}

/// One range: `90%（含）-95%得80%分值`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tier {
    /// Lower bound, if any.
    pub lo: Option<Edge>,
    /// Upper bound, if any.
    pub hi: Option<Edge>,
    /// What a value in the range earns.
    pub outcome: Outcome,
}

/// A range bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The bound.
    pub value: Decimal,
    /// Whether the bound belongs to the range: `Some` when printed (`（含）`, `≥`, `<`,
    /// `以上`), `None` when the text does not say (`90%-95%`).
    pub inclusive: Option<bool>,
}

/// What a tier earns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 得满分.
    Full,
    /// 不得分.
    Zero,
    /// 得 X 分.
    Points(Decimal),
    /// 得 X % 分值 (X in percent).
    ShareOfWeight(Decimal),
    /// 扣 X 分 (once).
    Deduct(Decimal),
}

/// Unit of thresholds, bounds and steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unit {
    /// `%` or `个百分点`.
    Percent,
    /// A unit word of the value (`项`, `场`, `人次`).
    Word(String),
}

/// What a percentage threshold measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// The value itself (a percentage).
    Value,
    /// The completion rate, 实现值 / 预期值 × 100 %.
    Completion,
}

/// How a part step of a deduction counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Partial {
    /// Not said: only whole steps can be scored.
    Unstated,
    /// `不足1%的按比例扣分`.
    Proportional,
    /// `不足1%的不扣分`.
    WholeSteps,
    /// `不足1%的按1%计`.
    RoundUp,
}

/// The numbers a rule is applied to. Target and actual are in one unit (the caller converts
/// magnitude words first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inputs {
    /// The expected value.
    pub target: Decimal,
    /// The achieved value.
    pub actual: Decimal,
    /// The target's operator, if printed.
    pub op: Option<Op>,
    /// Both values are percentages.
    pub percent: bool,
    /// The common unit word, if printed (`场`).
    pub unit: Option<String>,
    /// Points of the indicator.
    pub weight: Decimal,
}

impl Inputs {
    /// Inputs with no operator, no unit, not percentages.
    pub fn new(target: Decimal, actual: Decimal, weight: Decimal) -> Inputs {
        Inputs {
            target,
            actual,
            op: None,
            percent: false,
            unit: None,
            weight,
        }
    }
}

/// A rule applied to one indicator's values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The score before rounding.
    pub score: Decimal,
    /// The computation with the numbers filled in, without its result.
    pub working: String,
}

/// Reads a printed standard. See the module docs for what is read and what is refused.
pub fn read(text: &str) -> Reading {
    match read_inner(text) {
        Ok(r) => Reading::Rule(r),
        Err(e) => Reading::NotReadable(e),
    }
}

impl StandardRule {
    /// The rule form: `proportional`, `share`, `deduction`, `tiers` or `binary`.
    pub fn form(&self) -> &'static str {
        match self {
            StandardRule::Proportional { .. } => "proportional",
            StandardRule::Share => "share",
            StandardRule::Deduction(_) => "deduction",
            StandardRule::Tiers(_) => "tiers",
            StandardRule::Binary => "binary",
        }
    }

    /// Scores `x` by the rule, or says why these values cannot be scored by it (units that do
    /// not fit, a value on an undecided tier edge, a part step the standard does not cover).
    pub fn apply(&self, x: &Inputs) -> Result<Applied, String> {
        let w = x.weight;
        let lower_better = matches!(x.op, Some(Op::Le | Op::Lt));
        match self {
            StandardRule::Proportional { inverse, rate } => {
                if *rate && x.percent && x.target != HUNDRED {
                    return Err(
                        "完成率 on percentages could be the value itself or 实现值/预期值".into(),
                    );
                }
                if *inverse && matches!(x.op, Some(Op::Ge | Op::Gt)) {
                    return Err("the printed ratio 预期值/实现值 rewards a smaller value, but the target is a lower bound".into());
                }
                if !*inverse && lower_better {
                    return Err("the printed ratio 实现值/预期值 rewards a larger value, but the target is an upper bound".into());
                }
                let (num, den) = if *inverse {
                    (x.target, x.actual)
                } else {
                    (x.actual, x.target)
                };
                if den.is_zero() {
                    return Err("the ratio's denominator is 0".into());
                }
                let ratio = num / den;
                let working = if ratio >= Decimal::ONE {
                    format!("min({num} / {den}, 1) × {w}")
                } else {
                    format!("{num} / {den} × {w}")
                };
                Ok(Applied {
                    score: ratio.min(Decimal::ONE) * w,
                    working,
                })
            }
            StandardRule::Share => {
                if !x.percent {
                    return Err("a share standard needs the achieved value as a percentage".into());
                }
                let share = (x.actual / HUNDRED).min(Decimal::ONE);
                Ok(Applied {
                    score: share.max(Decimal::ZERO) * w,
                    working: format!("{}% × {w}", x.actual),
                })
            }
            StandardRule::Binary => {
                let met = match x.op {
                    Some(Op::Le) => x.actual <= x.target,
                    Some(Op::Lt) => x.actual < x.target,
                    Some(Op::Gt) => x.actual > x.target,
                    _ => x.actual >= x.target,
                };
                let sign = match (x.op, met) {
                    (Some(Op::Le), _) => "≤",
                    (Some(Op::Lt), _) => "<",
                    (Some(Op::Gt), _) => ">",
                    _ => "≥",
                };
                let (score, what) = if met {
                    (w, "met")
                } else {
                    (Decimal::ZERO, "not met")
                };
                let p = if x.percent { "%" } else { "" };
                Ok(Applied {
                    score,
                    working: format!("{}{p} {sign} {}{p}: {what} → {score}", x.actual, x.target),
                })
            }
            StandardRule::Deduction(d) => d.apply(x),
            StandardRule::Tiers(t) => t.apply(x),
        }
    }
}

/// The measured value and the target on the scale of `unit`, with a label for the working.
fn measured(
    unit: &Unit,
    measure: Option<Measure>,
    x: &Inputs,
) -> Result<(Decimal, Decimal, String), String> {
    match unit {
        Unit::Percent => {
            if measure.is_none() && !x.percent && x.unit.is_none() {
                return Err(
                    "the values print no unit: a % bound could be the value or the completion rate"
                        .into(),
                );
            }
            let m = measure.unwrap_or(if x.percent {
                Measure::Value
            } else {
                Measure::Completion
            });
            match m {
                Measure::Value if !x.percent => Err(
                    "the standard's % bounds measure the value, but the values are not percentages"
                        .into(),
                ),
                Measure::Value => Ok((x.actual, x.target, format!("{}%", x.actual))),
                Measure::Completion if x.percent && x.target != HUNDRED => Err(
                    "the standard names 完成率 and the values are percentages: the rate could be the value itself"
                        .into(),
                ),
                Measure::Completion => {
                    if x.target <= Decimal::ZERO {
                        return Err("the completion rate needs a target above 0".into());
                    }
                    let rate = x.actual / x.target * HUNDRED;
                    Ok((
                        rate,
                        HUNDRED,
                        format!("完成率 {} / {} = {}%", x.actual, x.target, rate.normalize()),
                    ))
                }
            }
        }
        Unit::Word(u) => {
            if measure == Some(Measure::Completion) {
                return Err("the standard names the completion rate but counts in a unit".into());
            }
            if x.unit.as_deref() != Some(u.as_str()) {
                return Err(format!(
                    "the standard counts in {u:?}, the values in {:?}",
                    x.unit.as_deref().unwrap_or("")
                ));
            }
            Ok((x.actual, x.target, format!("{}{u}", x.actual)))
        }
    }
}

fn unit_str(u: &Unit) -> &str {
    match u {
        Unit::Percent => "%",
        Unit::Word(w) => w,
    }
}

impl Deduction {
    fn apply(&self, x: &Inputs) -> Result<Applied, String> {
        let lower_better = matches!(x.op, Some(Op::Le | Op::Lt));
        if self.below && lower_better {
            return Err(
                "the standard deducts for falling short, but the target is an upper bound".into(),
            );
        }
        if !self.below && matches!(x.op, Some(Op::Ge | Op::Gt)) {
            return Err(
                "the standard deducts for exceeding, but the target is a lower bound".into(),
            );
        }
        let (m, target, label) = measured(&self.unit, self.measure, x)?;
        let th = self.threshold.unwrap_or(target);
        let u = unit_str(&self.unit);
        let gap = if self.below { th - m } else { m - th };
        let w = x.weight;
        if gap <= Decimal::ZERO {
            let sign = if self.below { "≥" } else { "≤" };
            return Ok(Applied {
                score: w,
                working: format!("{label} {sign} {}{u}: full marks {w}", th.normalize()),
            });
        }
        let steps = gap / self.step;
        let counted = match self.partial {
            Partial::Proportional => steps,
            Partial::WholeSteps => steps.floor(),
            Partial::RoundUp => steps.ceil(),
            Partial::Unstated if steps.fract().is_zero() => steps,
            Partial::Unstated => {
                return Err(format!(
                    "{} is not a whole number of {}{u} steps and the standard does not say how a part step counts",
                    gap.normalize(),
                    self.step
                ))
            }
        };
        let deducted = counted * self.points;
        let score = (w - deducted).max(Decimal::ZERO);
        Ok(Applied {
            score,
            working: format!(
                "{label} is {}{u} {} {}{u} → {} step(s) × {} = {}; max(0, {w} − {})",
                gap.normalize(),
                if self.below { "below" } else { "above" },
                th.normalize(),
                counted.normalize(),
                self.points,
                deducted.normalize(),
                deducted.normalize()
            ),
        })
    }
}

impl Tier {
    /// Whether `m` lies in the range: `Some(true)` explicitly, `Some(false)` only on an edge
    /// whose inclusion is not printed, `None` outside.
    fn holds(&self, m: Decimal) -> Option<bool> {
        let mut explicit = true;
        if let Some(lo) = self.lo {
            if m < lo.value || (m == lo.value && lo.inclusive == Some(false)) {
                return None;
            }
            if m == lo.value && lo.inclusive.is_none() {
                explicit = false;
            }
        }
        if let Some(hi) = self.hi {
            if m > hi.value || (m == hi.value && hi.inclusive == Some(false)) {
                return None;
            }
            if m == hi.value && hi.inclusive.is_none() {
                explicit = false;
            }
        }
        Some(explicit)
    }

    fn show(&self, u: &str) -> String {
        let edge = |e: &Edge| format!("{}{u}", e.value.normalize());
        match (self.lo, self.hi) {
            (Some(lo), Some(hi)) if lo.value == hi.value => format!("= {}", edge(&lo)),
            (Some(lo), Some(hi)) => format!(
                "{}{}, {}{}",
                if lo.inclusive == Some(false) {
                    "("
                } else {
                    "["
                },
                edge(&lo),
                edge(&hi),
                if hi.inclusive == Some(true) { "]" } else { ")" }
            ),
            (Some(lo), None) => format!(
                "{} {}",
                if lo.inclusive == Some(false) {
                    ">"
                } else {
                    "≥"
                },
                edge(&lo)
            ),
            (None, Some(hi)) => format!(
                "{} {}",
                if hi.inclusive == Some(false) {
                    "<"
                } else {
                    "≤"
                },
                edge(&hi)
            ),
            (None, None) => "any".into(),
        }
    }
}

impl Outcome {
    fn score(self, w: Decimal) -> Result<(Decimal, String), String> {
        Ok(match self {
            Outcome::Full => (w, format!("full marks {w}")),
            Outcome::Zero => (Decimal::ZERO, "0".into()),
            Outcome::Points(p) if p > w => {
                return Err(format!(
                    "the standard awards {p} points, above the weight {w}"
                ))
            }
            Outcome::Points(p) => (p, format!("{p} points")),
            Outcome::ShareOfWeight(p) => (w * p / HUNDRED, format!("{p}% × {w}")),
            Outcome::Deduct(p) => ((w - p).max(Decimal::ZERO), format!("max(0, {w} − {p})")),
        })
    }
}

impl Tiers {
    fn apply(&self, x: &Inputs) -> Result<Applied, String> {
        let (m, _, label) = measured(&self.unit, self.measure, x)?;
        let u = unit_str(&self.unit);
        let hits: Vec<(usize, bool)> = self
            .tiers
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.holds(m).map(|e| (i, e)))
            .collect();
        let explicit: Vec<usize> = hits.iter().filter(|h| h.1).map(|h| h.0).collect();
        let chosen: Vec<usize> = if explicit.is_empty() {
            hits.iter().map(|h| h.0).collect()
        } else {
            explicit
        };
        let outcomes: Vec<Outcome> = chosen.iter().map(|&i| self.tiers[i].outcome).collect();
        if outcomes.windows(2).any(|p| p[0] != p[1]) {
            let ranges: Vec<String> = chosen.iter().map(|&i| self.tiers[i].show(u)).collect();
            return Err(format!(
                "{label} lies in more than one tier ({}) and the standard does not say which includes it",
                ranges.join("; ")
            ));
        }
        let (outcome, range) = match chosen.first() {
            Some(&i) => (self.tiers[i].outcome, self.tiers[i].show(u)),
            None => match self.otherwise {
                Some(o) => (o, "otherwise".into()),
                None => return Err(format!("{label} lies in no tier of the standard")),
            },
        };
        let (score, how) = outcome.score(x.weight)?;
        Ok(Applied {
            score,
            working: format!("{label} in {range} → {how}"),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// Folds the text for matching: full-width forms, spaces and HTML removed, `*` → `×`,
/// quotation marks dropped, dashes unified.
fn normalize(text: &str) -> String {
    let f = fold_label(text);
    let mut out = String::with_capacity(f.len());
    for c in f.chars() {
        match c {
            '*' | '×' | '✕' | '✖' => out.push('×'),
            '÷' => out.push('/'),
            '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '《' | '》' => {}
            '—' | '–' | '~' | '～' | '－' => out.push('-'),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out.replace(">=", "≥")
        .replace("<=", "≤")
        .replace("（", "(")
        .replace("）", ")")
}

/// Splits at numbered items (`1.`, `2、`, `(3)`, `①`) that open the text or follow a clause
/// end.
fn numbered_parts(t: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut starts = Vec::new();
    for (k, &(pos, c)) in chars.iter().enumerate() {
        let after_break = k == 0 || matches!(chars[k - 1].1, '。' | '；' | ';' | '，' | ',');
        if !after_break {
            continue;
        }
        let is_marker = if ('①'..='⑩').contains(&c) {
            true
        } else if c.is_ascii_digit() {
            let mut j = k;
            while j < chars.len() && chars[j].1.is_ascii_digit() {
                j += 1;
            }
            j < chars.len()
                && matches!(chars[j].1, '.' | '、' | ')')
                && !chars
                    .get(j + 1)
                    .is_some_and(|x| x.1.is_ascii_digit() || x.1 == '%')
        } else if c == '(' {
            chars.get(k + 1).is_some_and(|x| x.1.is_ascii_digit())
                && chars.get(k + 2).is_some_and(|x| x.1 == ')')
        } else {
            false
        };
        if is_marker {
            starts.push(pos);
        }
    }
    if starts.len() < 2 {
        return vec![t];
    }
    let mut parts = Vec::new();
    if starts[0] > 0
        && !t[..starts[0]]
            .trim_matches(['。', '，', ',', ';', '；'])
            .is_empty()
    {
        parts.push(&t[..starts[0]]);
    }
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(t.len());
        parts.push(&t[s..e]);
    }
    parts
}

/// Removes a leading item marker (`1.`, `(2)`, `③`).
fn strip_marker(p: &str) -> &str {
    let mut it = p.char_indices();
    match it.next() {
        Some((_, c)) if ('①'..='⑩').contains(&c) => &p[c.len_utf8()..],
        Some((_, '('))
            if p[1..].starts_with(|x: char| x.is_ascii_digit()) && p[2..].starts_with(')') =>
        {
            &p[3..]
        }
        Some((_, c)) if c.is_ascii_digit() => {
            let end = p.find(|c: char| !c.is_ascii_digit()).unwrap_or(p.len());
            let rest = &p[end..];
            let next = rest.chars().nth(1);
            if rest.starts_with(['.', '、', ')'])
                && !next.is_some_and(|x| x.is_ascii_digit() || x == '%')
            {
                rest.char_indices().nth(1).map_or("", |(i, _)| &rest[i..])
            } else {
                p
            }
        }
        _ => p,
    }
}

/// Strips `定量指标:` / `定性指标:` / `评分标准:`; returns the kind word found.
fn strip_label(p: &str) -> (Option<&'static str>, &str) {
    let mut p = p;
    let mut kind = None;
    loop {
        let before = p;
        for k in ["定量指标", "定性指标"] {
            if let Some(r) = p.strip_prefix(k) {
                kind = Some(k);
                p = r;
            }
        }
        for l in LABELS {
            if let Some(r) = p.strip_prefix(l) {
                p = r;
            }
        }
        p = p.trim_start_matches([':', '：', '为', '的', ',', '，']);
        if p == before {
            return (kind, p);
        }
    }
}

fn read_inner(text: &str) -> Result<StandardRule, String> {
    let t = normalize(text);
    if t.is_empty() {
        return Err("empty".into());
    }
    let parts = numbered_parts(&t);
    let body: String = if parts.len() > 1 {
        let labelled: Vec<(Option<&str>, &str)> =
            parts.iter().map(|p| strip_label(strip_marker(p))).collect();
        if labelled.iter().all(|l| l.0.is_some()) {
            let quantitative: Vec<&str> = labelled
                .iter()
                .filter(|l| l.0 == Some("定量指标"))
                .map(|l| l.1)
                .collect();
            match quantitative.as_slice() {
                [one] => one.to_string(),
                [] => return Err("a standard for worded (定性) indicators only".into()),
                _ => return Err("several parts for 定量 indicators".into()),
            }
        } else {
            return Err("several numbered sub-criteria: a judgement over parts".into());
        }
    } else {
        let (kind, rest) = strip_label(strip_marker(parts[0]));
        if kind == Some("定性指标") {
            return Err("a standard for worded (定性) indicators only".into());
        }
        rest.to_string()
    };
    if let Some(w) = DISCRETIONARY.iter().find(|w| body.contains(*w)) {
        return Err(format!("discretionary wording {w:?}"));
    }
    if body.contains("加分") && !body.contains("不加分") {
        return Err("bonus points (加分)".into());
    }
    let clauses = split_clauses(&body);
    let mut parsed: Vec<Clause> = Vec::new();
    for c in &clauses {
        parsed.push(clause(c)?);
    }
    assemble(merge(parsed)?)
}

fn split_clauses(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in t.split(['，', ',', '；', ';', '。']) {
        let (_, piece) = strip_label(piece);
        // `否则不得分`: keep together; `否则，不得分` becomes a condition then an outcome.
        if !piece.is_empty() {
            out.push(piece.to_string());
        }
    }
    out
}

/// A condition of a clause.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Cond {
    /// The target is met (`达到目标值`).
    Met,
    /// The target is missed (`未达到目标值`).
    Missed,
    /// `否则`.
    Otherwise,
    /// A numeric range.
    Range {
        lo: Option<Edge>,
        hi: Option<Edge>,
        unit: Unit,
        measure: Option<Measure>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Clause {
    Formula(StandardRule, Option<Cond>),
    Outcome(Option<Cond>, Outcome),
    Step {
        cond: Option<Cond>,
        below: Option<bool>,
        step: Decimal,
        unit: Unit,
        points: Decimal,
        measure: Option<Measure>,
    },
    Partial(Partial),
    Cond(Cond),
    /// A cap or floor: implied anyway.
    Bound,
}

/// Longest word of `words` that `s` starts with.
fn prefix_of<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words
        .iter()
        .filter(|w| s.starts_with(*w))
        .max_by_key(|w| w.len())
        .copied()
}

/// Longest word of `words` that `s` ends with.
fn suffix_of<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words
        .iter()
        .filter(|w| s.ends_with(*w))
        .max_by_key(|w| w.len())
        .copied()
}

fn clause(c: &str) -> Result<Clause, String> {
    let mut c = c;
    // A floor or cap said in the clause itself (`…扣0.1分扣完为止`).
    while let Some(f) = suffix_of(c, FLOOR_WORDS).or_else(|| suffix_of(c, CAP_WORDS)) {
        c = &c[..c.len() - f.len()];
    }
    if c.is_empty() {
        return Ok(Clause::Bound);
    }
    if let Some(p) = partial(c) {
        return Ok(Clause::Partial(p));
    }
    if c.contains('每') {
        return step(c);
    }
    let scored_lhs = c
        .split_once('=')
        .is_some_and(|(l, _)| SCORE_WORDS.contains(&l.trim_end_matches(['(', ')'])));
    if scored_lhs || c.contains('×') || c.contains('/') {
        return formula(c);
    }
    if let Some(r) = proportion_phrase(c) {
        return Ok(r);
    }
    if let Some((cond, o)) = outcome(c) {
        let cond = condition(cond)?;
        return Ok(Clause::Outcome(cond, o));
    }
    match condition(c)? {
        Some(k) => Ok(Clause::Cond(k)),
        None => Err(format!("clause {c:?} not understood")),
    }
}

/// `不足1%的按比例扣分`, `不足1个百分点的不扣分`, `不足一项的按一项计`.
fn partial(c: &str) -> Option<Partial> {
    if PART_PROPORTIONAL.contains(&c) {
        return Some(Partial::Proportional);
    }
    let r = c.strip_prefix("不足")?;
    let (_, n) = parse_number_prefix(r).unwrap_or((Decimal::ONE, 0));
    let r = &r[n..];
    let end = r.find(['的', '按', '不']).unwrap_or(r.len());
    let r = r[end..].trim_start_matches('的');
    if PART_PROPORTIONAL.contains(&r) {
        Some(Partial::Proportional)
    } else if PART_IGNORED.contains(&r) {
        Some(Partial::WholeSteps)
    } else if r.starts_with('按')
        && (r.ends_with('计') || r.ends_with("计算") || r.ends_with("扣分"))
    {
        Some(Partial::RoundUp)
    } else {
        None
    }
}

/// `按完成比例得分`, `未达到的按完成比例计分`.
fn proportion_phrase(c: &str) -> Option<Clause> {
    let i = c.find('按')?;
    let (cond, rest) = c.split_at(i);
    let rest = &rest['按'.len_utf8()..];
    let rest = rest.strip_prefix("实际").unwrap_or(rest);
    let rest = prefix_of(rest, PROPORTION_WORDS).map(|p| &rest[p.len()..])?;
    if !SCORE_VERBS.contains(&rest) {
        return None;
    }
    let cond = condition(cond).ok()?;
    if matches!(cond, Some(Cond::Range { .. })) {
        return None;
    }
    Some(Clause::Formula(
        StandardRule::Proportional {
            inverse: false,
            rate: true,
        },
        cond,
    ))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Term {
    Actual,
    Target,
    Weight,
    Rate,
    Hundred,
    Satisfied,
    Surveyed,
}

fn term(f: &str) -> Option<Term> {
    let f = f.trim_matches(['(', ')']);
    if matches!(f, "100" | "100%") {
        return Some(Term::Hundred);
    }
    let is = |words: &[&str]| words.contains(&f);
    if is(ACTUAL_WORDS) {
        Some(Term::Actual)
    } else if is(TARGET_WORDS) {
        Some(Term::Target)
    } else if is(WEIGHT_WORDS) {
        Some(Term::Weight)
    } else if is(RATE_WORDS) {
        Some(Term::Rate)
    } else if SATISFIED_WORDS.iter().any(|w| f.contains(w)) && f.ends_with('数') {
        Some(Term::Satisfied)
    } else if SURVEYED_WORDS.iter().any(|w| f.ends_with(w)) {
        Some(Term::Surveyed)
    } else {
        None
    }
}

/// `自评分数=实现值/预期值×权重×100`, `得分=完成率×分值`, `实现值/预期值×权重`.
fn formula(c: &str) -> Result<Clause, String> {
    let expr = match c.rsplit_once('=') {
        Some((lhs, rhs)) => {
            let lhs = lhs.trim_end_matches(['(', ')']);
            if !SCORE_WORDS.contains(&lhs) {
                return Err(format!("formula {c:?}: {lhs:?} is not a score"));
            }
            rhs
        }
        None => c,
    };
    if expr.contains("/(") {
        return Err(format!("formula {c:?}: a bracketed divisor"));
    }
    let mut terms: Vec<(Term, i32)> = Vec::new();
    let mut sign = 1;
    let mut start = 0;
    let bytes: Vec<(usize, char)> = expr.char_indices().collect();
    let mut push = |s: &str, sign: i32| -> Result<(), String> {
        let t = term(s).ok_or_else(|| format!("formula term {s:?} not in the vocabulary"))?;
        terms.push((t, sign));
        Ok(())
    };
    for &(i, ch) in &bytes {
        if ch == '×' || ch == '/' {
            push(&expr[start..i], sign)?;
            sign = if ch == '/' { -1 } else { 1 };
            start = i + ch.len_utf8();
        }
    }
    push(&expr[start..], sign)?;
    let hundreds = terms.iter().filter(|t| t.0 == Term::Hundred).count();
    if hundreds > 1 || terms.contains(&(Term::Hundred, -1)) {
        return Err(format!(
            "formula {c:?}: a factor 100 that is not a percentage"
        ));
    }
    let mut core: Vec<(Term, i32)> = terms.into_iter().filter(|t| t.0 != Term::Hundred).collect();
    core.sort_by_key(|t| t.0 as u8);
    use Term::*;
    let rule = match core.as_slice() {
        [(Actual, 1), (Target, -1), (Weight, 1)] => StandardRule::Proportional {
            inverse: false,
            rate: false,
        },
        [(Actual, -1), (Target, 1), (Weight, 1)] => StandardRule::Proportional {
            inverse: true,
            rate: false,
        },
        [(Weight, 1), (Rate, 1)] => StandardRule::Proportional {
            inverse: false,
            rate: true,
        },
        [(Weight, 1), (Satisfied, 1), (Surveyed, -1)] => StandardRule::Share,
        _ => return Err(format!("formula {c:?} is not a known form")),
    };
    Ok(Clause::Formula(rule, None))
}

/// The outcome at the end of a clause, and the condition before it.
fn outcome(c: &str) -> Option<(&str, Outcome)> {
    if let Some(w) = suffix_of(c, ZERO_WORDS) {
        return Some((&c[..c.len() - w.len()], Outcome::Zero));
    }
    if let Some(w) = suffix_of(c, FULL_WORDS) {
        return Some((&c[..c.len() - w.len()], Outcome::Full));
    }
    // 得6分 / 计6分 / 扣2分
    if let Some(body) = c.strip_suffix('分') {
        let k = body
            .char_indices()
            .rev()
            .find(|(_, ch)| !(ch.is_ascii_digit() || *ch == '.'))
            .map(|(i, ch)| i + ch.len_utf8())
            .unwrap_or(0);
        if k < body.len() {
            let n: Decimal = body[k..].parse().ok()?;
            let head = &body[..k];
            if let Some(h) = head.strip_suffix('扣') {
                return Some((h, Outcome::Deduct(n)));
            }
            if let Some(h) = head.strip_suffix('得').or_else(|| head.strip_suffix('计')) {
                return Some((h, Outcome::Points(n)));
            }
        }
    }
    share_outcome(c)
}

/// `得80%分值`, `得分值的80%`, `按分值的80%计分`, `按80%计分`, `得80%的权重分`.
fn share_outcome(c: &str) -> Option<(&str, Outcome)> {
    let i = c.rfind(['得', '计', '按'])?;
    let (head, tail) = c.split_at(i);
    let verb = tail.chars().next()?;
    let mut r = &tail[verb.len_utf8()..];
    for p in ["该项", "本项", "该指标", "指标"] {
        r = r.strip_prefix(p).unwrap_or(r);
    }
    let pct = |s: &str| -> Option<Decimal> {
        let s = s.strip_suffix('%')?;
        s.parse().ok()
    };
    let n = if let Some(x) = ["分值的", "权重的", "权重分的", "分值×", "权重×"]
        .iter()
        .find_map(|p| r.strip_prefix(p))
    {
        let x = ["计分", "得分", "计"]
            .iter()
            .find_map(|s| x.strip_suffix(s))
            .filter(|_| verb == '按')
            .unwrap_or(x);
        pct(x)?
    } else {
        let x = ["的分值", "的权重分", "的权重", "分值", "权重分", "权重"]
            .iter()
            .find_map(|s| r.strip_suffix(s))
            .or_else(|| {
                (verb == '按')
                    .then(|| ["计分", "得分"].iter().find_map(|s| r.strip_suffix(s)))
                    .flatten()
            })?;
        pct(x)?
    };
    if n > HUNDRED || n < Decimal::ZERO {
        return None;
    }
    Some((head, Outcome::ShareOfWeight(n)))
}

fn trim_cond(c: &str) -> &str {
    let mut c = c;
    loop {
        let before = c;
        for p in ["如果", "如", "若", "凡"] {
            c = c.strip_prefix(p).unwrap_or(c);
        }
        for s in ["的", "时", "者", "则", "即", "可"] {
            c = c.strip_suffix(s).unwrap_or(c);
        }
        if c == before {
            return c;
        }
    }
}

/// The basis a subject names: 完成率 → completion; 实现值, a rate or degree name → the value.
fn subject(s: &str) -> Result<Option<Measure>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    if suffix_of(s, RATE_WORDS).is_some() {
        Ok(Some(Measure::Completion))
    } else if ACTUAL_WORDS.contains(&s) || s.ends_with('率') || s.ends_with('度') {
        Ok(Some(Measure::Value))
    } else {
        Err(format!("subject {s:?} not understood"))
    }
}

/// Reads a condition; `Ok(None)` for an empty one.
fn condition(c: &str) -> Result<Option<Cond>, String> {
    if OTHERWISE_WORDS.contains(&c.trim_end_matches('的')) {
        return Ok(Some(Cond::Otherwise));
    }
    let c = trim_cond(c);
    if c.is_empty() {
        return Ok(None);
    }
    if OTHERWISE_WORDS.contains(&c) {
        return Ok(Some(Cond::Otherwise));
    }
    if let Some(k) = target_condition(c) {
        return Ok(Some(k));
    }
    if c.contains(|ch: char| ch.is_ascii_digit()) {
        return numeric_condition(c).map(Some);
    }
    Err(format!("condition {c:?} not understood"))
}

/// `实现值达到目标值`, `完成年度目标`, `未达到预期值`, `低于目标值`, `≥预期值`.
fn target_condition(c: &str) -> Option<Cond> {
    let mut s = c;
    if let Some(p) = prefix_of(s, ACTUAL_WORDS)
        .or_else(|| prefix_of(s, RATE_WORDS))
        .or_else(|| prefix_of(s, SUBJECT_WORDS))
    {
        s = &s[p.len()..];
    }
    let (kind, rest) = if let Some(v) = prefix_of(s, MISSED_VERBS) {
        (Cond::Missed, &s[v.len()..])
    } else if let Some(v) = prefix_of(s, MET_VERBS) {
        (Cond::Met, &s[v.len()..])
    } else if let Some((w, op)) = COMPARISONS
        .iter()
        .filter(|(w, _)| s.starts_with(w))
        .max_by_key(|(w, _)| w.len())
    {
        let k = match op {
            Op::Ge => Cond::Met,
            Op::Lt => Cond::Missed,
            _ => return None,
        };
        let r = &s[w.len()..];
        // A comparison needs its reference: `低于目标值`, not `低于90%`.
        prefix_of(r, TARGET_WORDS).or_else(|| prefix_of(r, TARGET_REFS))?;
        (k, r)
    } else {
        return None;
    };
    let rest = rest.trim_end_matches("要求");
    if rest.is_empty() || TARGET_WORDS.contains(&rest) || TARGET_REFS.contains(&rest) {
        Some(kind)
    } else {
        None
    }
}

/// A number and its unit at the start of `s`: `95%`, `1个百分点`, `30场`.
fn number_unit(s: &str) -> Option<(Decimal, Option<Unit>, usize)> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (v, n) = parse_number_prefix(s)?;
    let r = &s[n..];
    if r.starts_with('%') {
        return Some((v, Some(Unit::Percent), n + 1));
    }
    for p in ["个百分点", "百分点"] {
        if r.starts_with(p) {
            return Some((v, Some(Unit::Percent), n + p.len()));
        }
    }
    // A unit word: CJK characters up to a bound word, separator, bracket or the end.
    let mut end = 0;
    for (i, ch) in r.char_indices() {
        let rest = &r[i..];
        let stop = !jixiao_text::is_cjk(ch)
            || matches!(ch, '的' | '时' | '扣' | '得' | '计' | '按' | '每')
            || POSTFIX_BOUNDS.iter().any(|(w, _)| rest.starts_with(w))
            || RANGE_SEPARATORS.iter().any(|w| rest.starts_with(w))
            || COMPARISONS.iter().any(|(w, _)| rest.starts_with(w))
            || rest.starts_with("之间");
        if stop {
            break;
        }
        end = i + ch.len_utf8();
    }
    let unit = (end > 0).then(|| Unit::Word(r[..end].to_string()));
    Some((v, unit, n + end))
}

/// `(含)` / `(不含)` after a number.
fn inclusion(s: &str) -> (Option<bool>, usize) {
    for (w, v) in [
        ("(含)", true),
        ("(包含)", true),
        ("(不含)", false),
        ("(不包含)", false),
    ] {
        if s.starts_with(w) {
            return (Some(v), w.len());
        }
    }
    (None, 0)
}

fn edge_for(op: Op, v: Decimal) -> (Option<Edge>, Option<Edge>) {
    let e = |inc| {
        Some(Edge {
            value: v,
            inclusive: Some(inc),
        })
    };
    match op {
        Op::Ge => (e(true), None),
        Op::Gt => (e(false), None),
        Op::Le => (None, e(true)),
        Op::Lt => (None, e(false)),
        _ => (e(true), e(true)),
    }
}

/// `≥95%`, `完成率达到95%以上`, `90%(含)-95%`, `低于80%`, `90%≤完成率<95%`, `30场以上`.
fn numeric_condition(c: &str) -> Result<Cond, String> {
    let bad = || format!("condition {c:?} not understood");
    let first = c.find(|ch: char| ch.is_ascii_digit()).ok_or_else(bad)?;
    let pre = &c[..first];
    let (op, subj) = match COMPARISONS
        .iter()
        .filter(|(w, _)| pre.ends_with(w))
        .max_by_key(|(w, _)| w.len())
    {
        Some((w, op)) => (Some(*op), &pre[..pre.len() - w.len()]),
        None => (None, pre),
    };
    let subj = subj.trim_start_matches('在').trim_end_matches('在');
    let mut measure = subject(subj)?;
    let s = &c[first..];
    let (v1, u1, n1) = number_unit(s).ok_or_else(bad)?;
    let (inc1, k1) = inclusion(&s[n1..]);
    let mut r = &s[n1 + k1..];
    let (lo, hi, unit);
    if let Some(sep) = prefix_of(r, RANGE_SEPARATORS).filter(|_| op.is_none()) {
        r = &r[sep.len()..];
        let (v2, u2, n2) = number_unit(r).ok_or_else(bad)?;
        let (inc2, k2) = inclusion(&r[n2..]);
        r = &r[n2 + k2..];
        unit = match (u1, u2) {
            (Some(a), Some(b)) if a == b => a,
            (None, Some(b)) => b,
            (Some(a), None) => a,
            _ => return Err(bad()),
        };
        if v2 < v1 {
            return Err(bad());
        }
        lo = Some(Edge {
            value: v1,
            inclusive: inc1,
        });
        hi = Some(Edge {
            value: v2,
            inclusive: inc2,
        });
    } else if op.is_none() && subj.is_empty() && prefix_of(r, &["≤", "<"]).is_some() {
        // 90%≤完成率<95%
        let op1 = r.starts_with('≤');
        r = &r[if op1 { '≤'.len_utf8() } else { 1 }..];
        let j = r.find(|ch: char| ch.is_ascii_digit()).ok_or_else(bad)?;
        let mid = &r[..j];
        let (inc2, name) = if let Some(m) = mid.strip_suffix('≤') {
            (true, m)
        } else if let Some(m) = mid.strip_suffix('<') {
            (false, m)
        } else {
            return Err(bad());
        };
        measure = subject(name)?;
        let (v2, u2, n2) = number_unit(&r[j..]).ok_or_else(bad)?;
        r = &r[j + n2..];
        unit = match (u1, u2) {
            (Some(a), Some(b)) if a == b => a,
            _ => return Err(bad()),
        };
        lo = Some(Edge {
            value: v1,
            inclusive: Some(op1),
        });
        hi = Some(Edge {
            value: v2,
            inclusive: Some(inc2),
        });
    } else {
        unit = u1.ok_or_else(bad)?;
        let post = POSTFIX_BOUNDS
            .iter()
            .filter(|(w, _)| r.starts_with(w))
            .max_by_key(|(w, _)| w.len());
        let op = match (op, post) {
            (_, Some((w, p))) => {
                r = &r[w.len()..];
                if op.is_some_and(|o| o != *p) {
                    return Err(bad());
                }
                *p
            }
            (Some(o), None) => o,
            // `100%得满分`: exactly or at least? Not said.
            (None, None) => return Err(format!("condition {c:?}: a bare number, no comparison")),
        };
        let (l, h) = edge_for(op, v1);
        // `95%(不含)以上`: the printed inclusion wins over the word's default.
        let fix = |e: Option<Edge>| {
            e.map(|e| Edge {
                inclusive: inc1.or(e.inclusive),
                ..e
            })
        };
        lo = fix(l);
        hi = fix(h);
    }
    let r = r.trim_end_matches(['的', '时']);
    if !(r.is_empty() || r == "之间" || r == "区间") {
        return Err(bad());
    }
    Ok(Cond::Range {
        lo,
        hi,
        unit,
        measure,
    })
}

/// `每低于目标1%扣0.1分`, `未完成的每项扣1分`, `实际值每少1场扣1分`.
fn step(c: &str) -> Result<Clause, String> {
    let bad = || format!("deduction {c:?} not understood");
    let i = c.find('每').ok_or_else(bad)?;
    let (prefix, rest) = c.split_at(i);
    let mut r = &rest['每'.len_utf8()..];
    let prefix = trim_cond(prefix);
    let (mut cond, mut measure) = (None, None);
    if !prefix.is_empty() {
        match target_condition(prefix) {
            Some(k) => cond = Some(k),
            None => measure = subject(prefix)?,
        }
    }
    let below = if let Some(w) = prefix_of(r, BELOW_WORDS) {
        r = &r[w.len()..];
        Some(true)
    } else if let Some(w) = prefix_of(r, ABOVE_WORDS) {
        r = &r[w.len()..];
        Some(false)
    } else {
        None
    };
    if let Some(t) = prefix_of(r, TARGET_WORDS).or_else(|| prefix_of(r, TARGET_REFS)) {
        r = &r[t.len()..];
    }
    let (step, unit, n) = match number_unit(r) {
        Some((v, Some(u), n)) => (v, u, n),
        Some((_, None, _)) => return Err(bad()),
        None => {
            // `每项`, `每一项`
            let (v, n) = parse_number_prefix(r).unwrap_or((Decimal::ONE, 0));
            let u: String = r[n..]
                .chars()
                .take_while(|ch| *ch != '扣' && *ch != '的')
                .collect();
            if u.is_empty() || u.chars().count() > 3 {
                return Err(bad());
            }
            (v, Unit::Word(u.clone()), n + u.len())
        }
    };
    if step <= Decimal::ZERO {
        return Err(bad());
    }
    let r = r[n..].trim_start_matches('的');
    let r = r.strip_prefix('扣').ok_or_else(bad)?;
    let r = r.strip_prefix("除").unwrap_or(r);
    let r = r.strip_suffix('分').ok_or_else(bad)?;
    let points: Decimal = r.parse().map_err(|_| bad())?;
    Ok(Clause::Step {
        cond,
        below,
        step,
        unit,
        points,
        measure,
    })
}

/// Joins a bare condition with the outcome, formula or step that follows it
/// (`实际值达到目标值的，得满分`).
fn merge(parsed: Vec<Clause>) -> Result<Vec<Clause>, String> {
    let mut out: Vec<Clause> = Vec::new();
    let mut pending: Option<Cond> = None;
    for c in parsed {
        let c = match (pending.take(), c) {
            (Some(k), Clause::Outcome(None, o)) => Clause::Outcome(Some(k), o),
            (Some(k), Clause::Formula(r, None)) => Clause::Formula(r, Some(k)),
            (
                Some(k),
                Clause::Step {
                    cond: None,
                    below,
                    step,
                    unit,
                    points,
                    measure,
                },
            ) => Clause::Step {
                cond: Some(k),
                below,
                step,
                unit,
                points,
                measure,
            },
            (Some(_), _) => return Err("a condition without an outcome".into()),
            (None, Clause::Cond(k)) => {
                pending = Some(k);
                continue;
            }
            (None, c) => c,
        };
        out.push(c);
    }
    if pending.is_some() {
        return Err("a condition without an outcome".into());
    }
    Ok(out)
}

fn assemble(clauses: Vec<Clause>) -> Result<StandardRule, String> {
    let mut formulas = Vec::new();
    let mut outcomes = Vec::new();
    let mut steps = Vec::new();
    let mut partials = Vec::new();
    for c in clauses {
        match c {
            Clause::Formula(r, k) => formulas.push((r, k)),
            Clause::Outcome(k, o) => outcomes.push((k, o)),
            s @ Clause::Step { .. } => steps.push(s),
            Clause::Partial(p) => partials.push(p),
            Clause::Bound => {}
            Clause::Cond(_) => return Err("a condition without an outcome".into()),
        }
    }
    if !partials.is_empty() && steps.is_empty() {
        return Err("a part-step rule without a step".into());
    }
    // A formula, alone or with `达到目标得满分` (the same as its cap).
    if !formulas.is_empty() {
        if formulas.len() > 1 || !steps.is_empty() {
            return Err("several rules mixed".into());
        }
        let (rule, k) = formulas.remove(0);
        if !matches!(k, None | Some(Cond::Missed)) {
            return Err("a formula under a condition other than a missed target".into());
        }
        if outcomes
            .iter()
            .any(|(k, o)| !(*o == Outcome::Full && *k == Some(Cond::Met)))
        {
            return Err("a formula mixed with other outcomes".into());
        }
        if !outcomes.is_empty() && k.is_none() && rule == StandardRule::Share {
            return Err("a share mixed with other outcomes".into());
        }
        return Ok(rule);
    }
    if let Some(s) = steps.first() {
        if steps.len() > 1 || partials.len() > 1 {
            return Err("several deduction steps".into());
        }
        let Clause::Step {
            cond,
            below,
            step,
            unit,
            points,
            measure,
        } = s.clone()
        else {
            unreachable!("steps holds steps")
        };
        let below = match (cond, below) {
            (Some(Cond::Missed), None | Some(true)) | (None, Some(true)) => true,
            (None, Some(false)) => false,
            _ => return Err("the direction of the deduction is unclear".into()),
        };
        let mut threshold = None;
        let mut measure = measure;
        for (k, o) in &outcomes {
            match (k, o) {
                (Some(Cond::Met), Outcome::Full) => {}
                (
                    Some(Cond::Range {
                        lo: Some(lo),
                        hi: None,
                        unit: u,
                        measure: m,
                    }),
                    Outcome::Full,
                ) if below && *u == unit && threshold.is_none() => {
                    threshold = Some(lo.value);
                    if m.is_some() {
                        if measure.is_some() && measure != *m {
                            return Err(
                                "the threshold and the step measure different things".into()
                            );
                        }
                        measure = *m;
                    }
                }
                (
                    Some(Cond::Range {
                        lo: None,
                        hi: Some(hi),
                        unit: u,
                        measure: m,
                    }),
                    Outcome::Full,
                ) if !below && *u == unit && threshold.is_none() => {
                    threshold = Some(hi.value);
                    if m.is_some() {
                        measure = *m;
                    }
                }
                _ => return Err("a deduction mixed with other outcomes".into()),
            }
        }
        return Ok(StandardRule::Deduction(Deduction {
            threshold,
            below,
            step,
            unit,
            points,
            partial: partials.first().copied().unwrap_or(Partial::Unstated),
            measure,
        }));
    }
    if outcomes.is_empty() {
        return Err("no outcome".into());
    }
    let has = |f: &dyn Fn(&Option<Cond>) -> bool| outcomes.iter().any(|(k, _)| f(k));
    // Binary: met → full, missed / otherwise → zero.
    if has(&|k| matches!(k, Some(Cond::Met | Cond::Missed))) {
        let mut full = false;
        let mut zero = false;
        for (k, o) in &outcomes {
            match (k, o) {
                (Some(Cond::Met), Outcome::Full) => full = true,
                (Some(Cond::Missed | Cond::Otherwise), Outcome::Zero) => zero = true,
                _ => return Err("met / missed outcomes other than full marks / none".into()),
            }
        }
        if full && zero {
            return Ok(StandardRule::Binary);
        }
        return Err(
            "says what meeting the target earns but not what a shortfall earns (or the reverse)"
                .into(),
        );
    }
    // Tiers.
    let mut tiers = Vec::new();
    let mut otherwise = None;
    let mut unit: Option<Unit> = None;
    let mut measure: Option<Measure> = None;
    for (k, o) in outcomes {
        match k {
            Some(Cond::Otherwise) if otherwise.is_none() => otherwise = Some(o),
            Some(Cond::Range {
                lo,
                hi,
                unit: u,
                measure: m,
            }) => {
                if unit.as_ref().is_some_and(|x| *x != u) {
                    return Err("tiers in different units".into());
                }
                unit = Some(u);
                if m.is_some() {
                    if measure.is_some() && measure != m {
                        return Err("tiers measure different things".into());
                    }
                    measure = m;
                }
                tiers.push(Tier { lo, hi, outcome: o });
            }
            None => return Err("an outcome without a condition".into()),
            _ => return Err("several otherwise clauses".into()),
        }
    }
    let Some(unit) = unit else {
        return Err("no tier".into());
    };
    if tiers.len() + usize::from(otherwise.is_some()) < 2 {
        return Err("one tier only: what other values earn is not said".into());
    }
    Ok(StandardRule::Tiers(Tiers {
        tiers,
        otherwise,
        unit,
        measure,
    }))
}
