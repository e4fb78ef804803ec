use super::each_indicator;
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

declare_rule! {
    /// ## What it does
    /// Flags placeholder indicator names left from the template: `数量1`, `质量2`, `时效1`,
    /// `其他指标`.
    ///
    /// ## Why is this bad?
    /// A placeholder says nothing about what is measured (完整性); the value beside it is usually
    /// a description, not a target.
    ///
    /// ## Example
    /// ```text
    /// 产出目标	数量	数量1	第三方数据和信息的发布
    /// ```
    ///
    /// ## How to fix
    /// Name what is counted, and give it a target value.
    pub struct PlaceholderIndicatorName {
        code: "T203",
        severity: Warning,
        family: Targets,
        summary: "指标名称为模板占位名",
        summary_en: "Placeholder indicator name",
        since: "0.1.0",
    }
}

fn is_placeholder(name: &str) -> bool {
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    (stem.len() < name.len()
        && matches!(
            stem,
            "数量"
                | "质量"
                | "时效"
                | "成本"
                | "效益"
                | "指标"
                | "满意度"
                | "社会效益"
                | "经济效益"
        ))
        || matches!(name, "其他指标" | "其它指标" | "其他" | "其它")
}

impl Rule for PlaceholderIndicatorName {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_indicator(cx, &Self::META, |cx, _, ind, _| {
            let name = ind.path.last()?;
            is_placeholder(name).then(|| {
                Report::at(
                    ind.line,
                    cx.t(
                        format!("指标名称“{name}”为模板占位名"),
                        format!("{name:?} is a template placeholder name"),
                    ),
                )
            })
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders() {
        for n in ["数量1", "质量2", "时效1", "其他指标"] {
            assert!(super::is_placeholder(n), "{n}");
        }
        for n in ["数量", "培训人数", "质量达标率", "2023年项目"] {
            assert!(!super::is_placeholder(n), "{n}");
        }
    }
}
