use jixiao_model::{Decimal, ValueKind};

use super::each_form;
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::show;

declare_rule! {
    /// ## What it does
    /// Computes the share of indicators with a quantitative target (a number, a percentage or
    /// a date) and flags a form below the configured threshold (`[check.tolerance]
    /// quantitative_share_pct`, 50 by default).
    ///
    /// ## Why is this bad?
    /// 可衡量性: 财预〔2015〕88号 asks for quantified targets wherever possible; a form of 规范,
    /// 健全, 有效 cannot show whether anything was achieved.
    ///
    /// ## Example
    /// A form with 11 indicators of which 2 have numbers (18 %).
    ///
    /// ## How to fix
    /// Quantify the targets that can be quantified.
    pub struct LowQuantitativeShare {
        code: "T209",
        severity: Warning,
        family: Targets,
        summary: "定量指标占比过低",
        summary_en: "Share of quantitative targets below the threshold",
        since: "0.1.0",
    }
}

impl Rule for LowQuantitativeShare {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        let threshold = cx.config.quantitative_share_pct;
        each_form(cx, &Self::META, |cx, form| {
            let n = form.indicators.len();
            let q = form
                .indicators
                .iter()
                .filter(|i| {
                    matches!(
                        i.target.kind,
                        ValueKind::Number | ValueKind::Percent | ValueKind::Date
                    )
                })
                .count();
            let share = Decimal::from(q as u64) * Decimal::ONE_HUNDRED / Decimal::from(n as u64);
            (share < threshold).then(|| {
                let shown = show(jixiao_model::round(
                    share,
                    jixiao_model::RoundingMode::HalfAwayFromZero,
                    2,
                ));
                let msg = cx.t(
                    format!("定量目标 {q}/{n} = {shown}%，低于 {threshold}%"),
                    format!("{q} of {n} targets are quantitative ({shown}%), below {threshold}%"),
                );
                Report::at(form.indicators[0].line, msg)
            })
        });
    }
}
