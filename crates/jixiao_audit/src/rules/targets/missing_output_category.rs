use super::{bare, KINDS};
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::forms_of;

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
        for (_, form) in forms_of(cx, KINDS) {
            let mut u = cx.unit(
                &Self::META,
                Checker::form_label(form),
                form.line_start,
                form.line_end,
            );
            if form.indicators.is_empty() {
                u.insufficient(cx.t("未读到指标", "no indicators read"));
                cx.close(u);
                continue;
            }
            u.checked();
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
            if !missing.is_empty() {
                let list = missing.join("、");
                let msg = cx.t(
                    format!("产出指标缺少{list}类指标"),
                    format!("no {list} output indicator"),
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        path: Some("产出".into()),
                        ..Report::at(form.indicators[0].line, msg)
                    },
                );
            }
            cx.close(u);
        }
    }
}
