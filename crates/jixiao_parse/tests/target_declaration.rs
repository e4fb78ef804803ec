//! Target-declaration (绩效目标表) reader on a composed fixture in the Shanghai 2020 layout.

use std::str::FromStr;

use jixiao_model::{Decimal, FormKind, Op, ValueKind};

fn d(s: &str) -> Option<Decimal> {
    Some(Decimal::from_str(s).unwrap())
}

fn form() -> (jixiao_model::Form, Vec<jixiao_model::Warning>) {
    let doc = jixiao_parse::parse_str("t.txt", include_str!("fixtures/target_declaration.txt"));
    assert_eq!(doc.forms.len(), 1);
    (doc.forms.into_iter().next().unwrap(), doc.warnings)
}

#[test]
fn header_fields_and_narrative_continuation() {
    let (f, _) = form();
    assert_eq!(f.kind, FormKind::TargetDeclaration);
    assert_eq!(f.year, Some(2021));
    assert_eq!(f.unit.as_deref(), Some("西山市科学技术局"));
    assert_eq!(f.project.as_deref(), Some("技术交易服务平台运维"));
    let get = |k: &str| f.field(k).map(|x| (x.value.as_str(), x.line));
    assert_eq!(get("category"), Some(("经常性专项业务费", 5)));
    assert_eq!(get("start_date"), Some(("2021-01-01", 6)));
    assert_eq!(get("end_date"), Some(("2021-12-31", 6)));
    assert_eq!(get("purchase_service"), Some(("是", 7)));
    assert_eq!(get("performance_type"), Some(("其他类", 7)));
    assert_eq!(get("overview").unwrap().1, 8);
    // The plan's text continues on unlabelled lines after a blank line.
    assert_eq!(
        get("plan"),
        Some(("1-3月完成招标，4-11月组织实施，12月开展验收。", 10))
    );
}

#[test]
fn money_block_in_yuan_with_blank_executed() {
    let (f, _) = form();
    let b = f.budget.unwrap();
    assert_eq!(b.unit, "元");
    assert_eq!(b.line, 16);
    assert_eq!(
        (
            b.total_budget,
            b.current_year_budget,
            b.prior_year_budget,
            b.prior_year_executed
        ),
        (d("2400000"), d("2400000"), d("2150000"), None)
    );
    assert_eq!(b.raw, ["2,400,000", "2,400,000", "2,150,000", ""]);
}

#[test]
fn indicator_rows_are_placed_by_vocabulary() {
    let (f, warnings) = form();
    let rows: Vec<(u32, String, String)> = f
        .indicators
        .iter()
        .map(|i| (i.line, i.path.join("/"), i.target.raw.clone()))
        .collect();
    let expect = [
        (22, "投入与管理/投入管理/预算执行率", "=100%"),
        (23, "投入与管理/财务管理/资金使用规范性", "规范"),
        (24, "产出目标/数量/登记技术合同数", ">800份"),
        (25, "产出目标/数量/平台信息发布量", "约1.5万条"),
        // A second-level name in the first cell.
        (26, "产出目标/质量/合同登记准确率", "=100%百分比"),
        (27, "产出目标/时效/完成时间", "<=11月30日"),
        // 成本 under a 2020-vocabulary first level is a second-level name.
        (28, "产出目标/成本/按实际成本核算", "合理"),
        (29, "效果目标/社会效益/促进技术成果转化", "有效促进"),
        // Shifted one cell left with a trailing empty cell.
        (30, "效果目标/满意度/服务对象满意度", "≥85%"),
        // Shifted one cell right, target missing.
        (31, "产出目标/数量/服务企业数", ""),
        (32, "影响力目标/长效管理/平台运维机制", "2025年以前"),
    ];
    let expect: Vec<(u32, String, String)> = expect
        .iter()
        .map(|(l, p, t)| (*l, p.to_string(), t.to_string()))
        .collect();
    assert_eq!(rows, expect);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!((warnings[0].line_start, warnings[0].line_end), (31, 31));
    let v = &f.indicators[3].target;
    assert_eq!(
        (v.op, v.value, v.unit.as_deref(), v.approx),
        (Some(Op::Approx), d("1.5"), Some("万条"), true)
    );
    let v = &f.indicators[4].target;
    assert_eq!(
        (v.kind, v.unit.as_deref(), v.suffix.as_deref()),
        (ValueKind::Percent, Some("%"), Some("百分比"))
    );
    let v = &f.indicators[5].target;
    assert_eq!((v.op, v.date.as_deref()), (Some(Op::Le), Some("11-30")));
    let v = &f.indicators[10].target;
    assert_eq!(
        (v.op, v.kind, v.date.as_deref()),
        (Some(Op::Le), ValueKind::Date, Some("2025"))
    );
}
