use jixiao_model::ValueKind;

use super::each_indicator;
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

declare_rule! {
    /// ## What it does
    /// Flags a qualitative target word with no number (合理, 健全, 有效, 规范, 达标, 较好 …) on an
    /// indicator whose name asks for a number (…率, …数, …量, …额, 时间).
    ///
    /// ## Why is this bad?
    /// 可衡量性: a rate measured as 规范 cannot be checked. 信息公开实现率 targeted as 规范 gives
    /// the reviewer nothing to compare the outcome with.
    ///
    /// ## Example
    /// ```text
    /// 	实施管理	信息公开实现率	规范
    /// ```
    ///
    /// ## How to fix
    /// State the number the name asks for (`=100%`, `≥95%`, `≤11月30日`).
    pub struct VagueTarget {
        code: "T202",
        severity: Warning,
        family: Targets,
        summary: "可量化指标使用模糊定性目标值",
        summary_en: "Vague qualitative target on an indicator that asks for a number",
        since: "0.1.0",
    }
}

const VAGUE: &[&str] = &[
    "合理", "健全", "有效", "规范", "达标", "较好", "较强", "稳定", "完善", "提高", "合格", "明确",
    "满意", "及时", "良好", "完成",
];
const MEASURABLE_SUFFIXES: &[&str] = &[
    "率", "数", "量", "额", "时间", "次数", "人数", "天数", "面积",
];

impl Rule for VagueTarget {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_indicator(cx, &Self::META, |cx, _, ind, _| {
            let name = ind.path.last()?;
            let name_core = name.trim_end_matches([')', '(', '%']);
            let name_core = name_core.split('(').next().unwrap_or(name_core);
            let measurable = MEASURABLE_SUFFIXES.iter().any(|s| name_core.ends_with(s));
            let t = &ind.target;
            let vague = t.kind == ValueKind::Qualitative
                && VAGUE.iter().any(|w| t.raw.contains(w))
                && t.raw.chars().count() <= 6;
            (measurable && vague).then(|| {
                Report::at(
                    ind.line,
                    cx.t(
                        format!("“{name}”应设数值目标，表中为“{}”", t.raw),
                        format!("{name:?} asks for a number; the target is {:?}", t.raw),
                    ),
                )
            })
        });
    }
}
