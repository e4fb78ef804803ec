use std::collections::BTreeMap;

use jixiao_model::Decimal;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::{each_reliable_scored_form, show};

declare_rule! {
    /// ## What it does
    /// On forms that print a weight at every level (Guangdong 指标评分表), checks that the
    /// weights of each level's children add up to the weight printed for it, and that the
    /// first-level weights add up to 100.
    ///
    /// ## Why is this bad?
    /// A parent weight that its children do not fill (or overfill) shifts points between
    /// blocks: 决策 20 = 项目立项 + 资金落实, and so on down the tree.
    ///
    /// ## Example
    /// ```text
    /// 产出	40	数量指标	…	活动场次	4 …   (ten leaves of 4 under 产出 40)
    /// ```
    ///
    /// ## How to fix
    /// Correct the parent or the children's weights.
    pub struct ChildWeightsNotParent {
        code: "S111",
        severity: Warning,
        family: SelfEvaluation,
        summary: "下级指标权重之和不等于上级权重",
        summary_en: "Child weights do not add up to the parent weight",
        since: "0.1.0",
    }
}

/// A parent node: its printed weight, a line to report at, and its children's weights.
type Node = (Option<Decimal>, u32, BTreeMap<String, Option<Decimal>>);

impl Rule for ChildWeightsNotParent {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_reliable_scored_form(cx, &Self::META, |cx, form, _, u| {
            if form.indicators.iter().all(|i| i.path_weights.is_empty()) {
                u.not_applicable(cx.t("表中未逐级列示权重", "no per-level weights printed"));
                return;
            }
            // Parent node (path prefix) → (printed weight, line, children weights by child name).
            let mut nodes: BTreeMap<Vec<String>, Node> = BTreeMap::new();
            for ind in &form.indicators {
                for level in 0..ind.path.len() {
                    let prefix = ind.path[..level].to_vec();
                    let w = if level + 1 == ind.path.len() {
                        ind.weight
                            .or(ind.path_weights.get(level).copied().flatten())
                    } else {
                        ind.path_weights.get(level).copied().flatten()
                    };
                    let parent_w = if level == 0 {
                        Some(Decimal::ONE_HUNDRED)
                    } else {
                        ind.path_weights.get(level - 1).copied().flatten()
                    };
                    let e = nodes
                        .entry(prefix)
                        .or_insert((parent_w, ind.line, BTreeMap::new()));
                    e.2.entry(ind.path[level].clone()).or_insert(w);
                }
            }
            for (prefix, (parent, line, children)) in &nodes {
                let Some(parent) = parent else { continue };
                // A single child carrying no weight of its own inherits its parent's: nothing to add up.
                if children.values().any(|w| w.is_none()) {
                    if children.len() > 1 {
                        u.insufficient(format!(
                            "{}: {}",
                            if prefix.is_empty() {
                                "一级".to_string()
                            } else {
                                prefix.join("/")
                            },
                            cx.t("有下级未列权重", "a child has no weight")
                        ));
                    }
                    return;
                }
                u.checked();
                let sum: Decimal = children.values().flatten().sum();
                if sum != *parent {
                    let name = if prefix.is_empty() {
                        cx.t("一级指标", "first level")
                    } else {
                        prefix.join("/")
                    };
                    let msg = cx.t(
                    format!("{name} 的下级权重之和为 {}，上级权重为 {}", show(sum), parent),
                    format!("{name}: the children's weights add up to {}, the parent's weight is {}", show(sum), parent),
                );
                    u.report(
                        &cx.doc.file,
                        Report {
                            stated: Some(show(sum)),
                            expected: Some(parent.to_string()),
                            path: Some(name),
                            ..Report::at(*line, msg)
                        },
                    );
                }
            }
        });
    }
}
