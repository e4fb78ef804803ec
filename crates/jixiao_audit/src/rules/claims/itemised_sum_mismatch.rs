use jixiao_model::Decimal;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::rules::show;
use crate::tolerance::{check_sum, SumCheck};

use crate::rules::common::{growth::as_printed, printed_numbers::find_printed};

declare_rule! {
    /// ## What it does
    /// Adds up the parts of every itemised statement (`政府采购支出总额X万元，其中：货物a万元、
    /// 工程b万元、服务c万元`; `财政拨款收入合计X万元。其中：…`) and compares the sum with the
    /// stated total.
    ///
    /// ## Why is this bad?
    /// Parts that do not add up to their total mean a part or the total is misprinted, or a
    /// part is missing from the list.
    ///
    /// ## Tolerance
    /// Each printed term carries half a unit of its last decimal; narrative 万元 amounts are
    /// read as the 2-decimal figures they restate, so n parts and a total may differ by up to
    /// (n + 1) × 0.005 万元 (info, 可能为取整误差); beyond that is an error.
    ///
    /// ## Example
    /// ```text
    /// 政府采购支出总额120万元，其中：政府采购货物支出20万元、政府采购工程支出0万元、政府采购服务支出90万元。
    /// ```
    /// 20.00 + 0.00 + 90.00 = 110.00, stated 120.
    ///
    /// ## How to fix
    /// Correct the part or the total that is wrong, or list the missing part.
    pub struct ItemisedSumMismatch {
        code: "C408",
        severity: Error,
        family: Claims,
        summary: "分项金额之和与所述合计不符",
        summary_en: "Itemised amounts do not add up to the stated total",
        since: "0.1.0",
    }
}

impl Rule for ItemisedSumMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for c in &cx.doc.claims {
            if c.kind != "sum" {
                continue;
            }
            let subject = c.subject.clone().unwrap_or_else(|| c.kind.clone());
            let mut u = cx.unit(&Self::META, &subject, c.line, c.line);
            let unit = c.unit.as_deref();
            let Some(&total) = c.inputs.get("total") else {
                u.insufficient(cx.t("未给出合计", "no total"));
                cx.close(u);
                continue;
            };
            let parts: Vec<Decimal> = c
                .inputs
                .iter()
                .filter(|(k, _)| k.starts_with("part_"))
                .map(|(_, &v)| as_printed(v, unit))
                .collect();
            if parts.len() < 2 {
                u.insufficient(cx.t("分项少于两项", "fewer than two parts"));
                cx.close(u);
                continue;
            }
            u.checked();
            let t = as_printed(total, unit);
            let (diff, info) = match check_sum(t, &parts, Decimal::ONE) {
                SumCheck::Exact => {
                    cx.close(u);
                    continue;
                }
                SumCheck::Rounding { diff, .. } => (diff, true),
                SumCheck::Beyond { diff, .. } => (diff, false),
            };
            let sum: Decimal = parts.iter().sum();
            let terms: Vec<String> = parts.iter().map(|p| show(*p)).collect();
            let p = find_printed(cx, c.line, c.subject.as_deref(), total, false);
            let (line, column, printed) = match p {
                Some(p) => (p.line, Some(p.column), p.text),
                None => (c.line, None, total.to_string()),
            };
            let msg = cx.t(
                format!(
                    "{subject}: 分项 {} = {}，文中合计为 {printed}（相差 {}）",
                    terms.join(" + "),
                    show(sum),
                    show(diff)
                ),
                format!(
                    "{subject}: parts {} = {}, stated total {printed} (difference {})",
                    terms.join(" + "),
                    show(sum),
                    show(diff)
                ),
            );
            u.report(
                &cx.doc.file,
                Report {
                    column,
                    stated: Some(printed),
                    expected: Some(show(sum)),
                    path: Some(c.kind.clone()),
                    severity: info.then_some(Severity::Info),
                    ..Report::at(line, msg)
                },
            );
            cx.close(u);
        }
    }
}
