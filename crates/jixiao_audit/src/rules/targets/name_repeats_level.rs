use super::{bare, each_indicator};
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

declare_rule! {
    /// ## What it does
    /// Flags a third-level indicator whose name repeats its first- or second-level name
    /// (`资产管理 / 资产管理`, `经济效益 / 经济效益`).
    ///
    /// ## Why is this bad?
    /// The name should say what is measured; repeating the category says nothing (完整性).
    /// A satisfaction indicator named like its category (服务对象满意度) is the template's
    /// wording and not reported.
    ///
    /// ## Example
    /// ```text
    /// 效果目标	经济效益	经济效益	公益性服务，非盈利
    /// ```
    ///
    /// ## How to fix
    /// Name the measured quantity.
    pub struct NameRepeatsLevel {
        code: "T205",
        severity: Warning,
        family: Targets,
        summary: "三级指标名称重复上级指标名称",
        summary_en: "Indicator name repeats its level name",
        since: "0.1.0",
    }
}

impl Rule for NameRepeatsLevel {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_indicator(cx, &Self::META, |cx, _, ind, _| {
            let (leaf, parents) = ind.path.split_last()?;
            // 服务对象满意度 under 服务对象满意度指标 is the template's own wording.
            if leaf.contains("满意度") {
                return None;
            }
            let repeated = parents
                .iter()
                .find(|p| !p.is_empty() && bare(p) == bare(leaf))?;
            Some(Report::at(
                ind.line,
                cx.t(
                    format!("三级指标“{leaf}”重复上级名称“{repeated}”"),
                    format!("indicator {leaf:?} repeats its level name {repeated:?}"),
                ),
            ))
        });
    }
}
