use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A comparison operator of a target value, normalised from `≥ >= ＞ 不低于 以上 …`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// `≥` (also `>=`, 大于等于, 不低于, 不少于, 达到): at least the target.
    #[serde(rename = "≥")]
    Ge,
    /// `>` (also 大于, 高于): above the target.
    #[serde(rename = ">")]
    Gt,
    /// `≤` (also `<=`, 小于等于, 不高于, 不超过): at most the target.
    #[serde(rename = "≤")]
    Le,
    /// `<` (also 小于, 低于): below the target.
    #[serde(rename = "<")]
    Lt,
    /// `=` (also `==`): equal to the target.
    #[serde(rename = "=")]
    Eq,
    /// 约: approximately.
    #[serde(rename = "≈")]
    Approx,
}

impl Op {
    /// The canonical printed symbol (`≥`, `>`, `≤`, `<`, `=`, `≈`).
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
            Op::Approx => "≈",
        }
    }

    /// True for lower-is-better operators (`≤`, `<`).
    pub fn is_reverse(self) -> bool {
        matches!(self, Op::Le | Op::Lt)
    }
}

/// What a target or actual value turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A quantity, with or without a unit (`≥30.00(亿美元)`, `85`, `约40万条`).
    Number,
    /// A percentage (`=100%`, `95.00(%)`); `value` is the number printed before `%`.
    Percent,
    /// A date or deadline (`<=4月30日`, `2023年12月31日`, `=2020年`); see `date`.
    Date,
    /// A word or phrase with no number (及时, 达标, 有效提高, 达成指标).
    Qualitative,
    /// The cell was empty.
    #[default]
    Blank,
    /// The cell held a placeholder (`-`, `/`, `—`): not applicable / no value by design.
    Placeholder,
}

/// A target or actual value: what was printed and what it means.
///
/// `≥30.00(亿美元)` → `{raw: "≥30.00(亿美元)", op: "≥", value: 30.00, unit: "亿美元"}`;
/// qualitative words have `value: null`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Value {
    /// The cell exactly as printed (after joining wrapped lines).
    pub raw: String,
    /// Comparison operator, if one was printed (or implied by 不低于, 以内, 零 …).
    pub op: Option<Op>,
    /// The number, exactly as printed (scale = printed decimals); null for words and dates.
    #[serde(with = "crate::num_serde::opt")]
    pub value: Option<Decimal>,
    /// Unit with magnitude words kept (`亿美元`, `万条`, `%`, `元`); null when none was printed.
    pub unit: Option<String>,
    /// Classification of the value.
    pub kind: ValueKind,
    /// True when the value is approximate (`约40万条`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub approx: bool,
    /// For dates: `YYYY-MM-DD`, `MM-DD` (year implicit), `YYYY-MM` or `YYYY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Text printed after the unit that is neither number nor unit (`=100%百分比` → `百分比`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Value {
    /// A blank value (empty cell).
    pub fn blank() -> Self {
        Value::default()
    }

    /// True when nothing was printed.
    pub fn is_blank(&self) -> bool {
        self.kind == ValueKind::Blank
    }
}

/// What a printed amount cell holds, derived from its raw text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    /// Nothing printed: missing (证据不足 for rules that need it).
    Blank,
    /// `-`, `—`, `/`, `--`: not applicable by design.
    Placeholder,
    /// A number (including a real `0.00`).
    Number,
    /// Anything else.
    Text,
}

impl CellKind {
    /// Classifies a raw printed cell.
    pub fn of(raw: &str) -> CellKind {
        let t = raw.trim();
        if t.is_empty() {
            CellKind::Blank
        } else if matches!(t, "-" | "--" | "—" | "——" | "/" | "－" | "／" | "——/" | "…")
        {
            CellKind::Placeholder
        } else if t
            .trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '%')
            && t.chars().any(|c| c.is_ascii_digit())
        {
            CellKind::Number
        } else {
            CellKind::Text
        }
    }
}
