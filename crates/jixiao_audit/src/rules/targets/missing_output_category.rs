use super::{bare, each_form};
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

declare_rule! {
    /// ## What it does
    /// Checks that a form's output indicators (产出) cover 数量, 质量 and 时效.
    ///
    /// ## Why is this bad?
    /// 完整性: the required output categories are 数量, 质量, 时效 (and 成本 for construction
    /// and large purchases, 财预〔2021〕101号); a project without them states no measurable output.
    ///
    /// ## Example
    /// A form whose 产出指标 are all 数量指标.
    ///
    /// ## How to fix
    /// Add quality and timeliness indicators.
    pub struct MissingOutputCategory {
        code: "T206",
        severity: Warning,
        family: Targets,
        summary: "产出指标缺少数量、质量或时效类别",
        summary_en: "Output indicators lack a quantity, quality or timeliness category",
        since: "0.1.0",
    }
}

impl Rule for MissingOutputCategory {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_form(cx, &Self::META, |cx, form| {
            let level2: Vec<&str> = form
                .indicators
                .iter()
                .filter_map(|i| i.path.get(1))
                .map(|s| bare(s))
                .collect();
            let missing: Vec<&str> = ["数量", "质量", "时效"]
                .into_iter()
                .filter(|c| !level2.contains(c))
                .collect();
            (!missing.is_empty()).then(|| {
                let list = missing.join("、");
                let msg = cx.t(
                    format!("产出指标缺少{list}类指标"),
                    format!("no {list} output indicator"),
                );
                Report {
                    path: Some("产出".into()),
                    ..Report::at(form.indicators[0].line, msg)
                }
            })
        });
    }
}
