//! Acceptance tests over the real Shanghai documents in `../shared/seeds` (000 and 002:
//! self-evaluations, 001: 2020 target tables). Skipped with a notice when the folder is absent.
//! Every figure pinned here was checked by hand against the source text.

use std::str::FromStr;

use jixiao_model::{Decimal, Document, FormKind, Op, ValueKind};

#[path = "support/seeds.rs"]
mod seeds;

fn seed(prefix: &str) -> Option<Document> {
    let path = seeds::find(prefix)?;
    let bytes = std::fs::read(&path).unwrap();
    Some(jixiao_parse::parse_bytes(&path.display().to_string(), &bytes).unwrap())
}

fn d(s: &str) -> Option<Decimal> {
    Some(Decimal::from_str(s).unwrap())
}

#[test]
fn seed_000_self_evaluations_2024() {
    let Some(doc) = seed("000_") else { return };
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(doc.forms.len(), 2);
    assert!(doc
        .forms
        .iter()
        .all(|f| f.kind == FormKind::SelfEvaluation && f.year == Some(2024)));
    let f = &doc.forms[0];
    assert_eq!(f.project.as_deref(), Some("钻石宝玉石产业发展专项"));
    assert_eq!(f.department.as_deref(), Some("上海市商务委员会"));
    let funds = f.funds.as_ref().unwrap();
    assert_eq!(funds.rows.len(), 4);
    let t = &funds.rows[0];
    assert_eq!(t.line, 10);
    assert_eq!(
        (
            t.initial_budget,
            t.annual_budget,
            t.executed,
            t.weight,
            t.rate_pct,
            t.score
        ),
        (
            d("27.00"),
            d("27.00"),
            d("10.17"),
            d("10.00"),
            d("37.67"),
            d("3.77")
        )
    );
    // The sub-row prints 执行率 0.00 next to a non-zero score: kept as printed.
    assert_eq!(
        (funds.rows[1].rate_pct, funds.rows[1].score),
        (d("0.00"), d("3.77"))
    );
    assert_eq!(funds.rows[2].raw, ["0.00", "0.00", "", "-", "0.00", "-"]);
    assert_eq!(f.indicators.len(), 6);
    let i = &f.indicators[0];
    assert_eq!(i.line, 17);
    assert_eq!(i.path, ["产出指标", "数量指标", "钻石交易所交易额"]);
    assert_eq!(
        (i.target.op, i.target.value, i.target.unit.as_deref()),
        (Some(Op::Ge), d("30.00"), Some("亿美元"))
    );
    assert_eq!(
        (i.actual.value, i.actual.unit.as_deref()),
        (d("20.2"), Some("亿美元"))
    );
    assert_eq!((i.weight, i.score), (d("15.00"), d("13.00")));
    assert_eq!(
        f.indicators[1].path[1], "数量指标",
        "inherited from the row above"
    );
    assert_eq!(f.indicators[5].path[0], "满意度指标");
    let total = f.total.as_ref().unwrap();
    assert_eq!(
        (total.weight, total.score, total.line),
        (d("93.77"), d("89.77"), 23)
    );
    assert_eq!(f.grade.as_deref(), Some("良"));

    let g = &doc.forms[1];
    assert_eq!(g.project.as_deref(), Some("亚太示范电子口岸网络"));
    assert_eq!(g.line_start, 26);
    // Funds rows here sit one cell further right than in the first form.
    let t = &g.funds.as_ref().unwrap().rows[0];
    assert_eq!(
        (t.executed, t.rate_pct, t.score, t.line),
        (d("99.21"), d("0.00"), d("9.92"), 33)
    );
    assert_eq!(g.indicators.len(), 5);
    assert_eq!(g.indicators[0].actual.raw, "100");
    assert_eq!(g.indicators[2].actual.kind, ValueKind::Percent);
    assert_eq!(g.total.as_ref().unwrap().score, d("97.92"));
    assert_eq!(g.grade.as_deref(), Some("优"));
}

#[test]
fn seed_002_self_evaluations_2023() {
    let Some(doc) = seed("002_") else { return };
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let counts: Vec<usize> = doc.forms.iter().map(|f| f.indicators.len()).collect();
    assert_eq!(counts, [5, 5, 7, 5, 11, 5, 16, 6, 5, 5]);
    let totals: Vec<String> = doc
        .forms
        .iter()
        .map(|f| f.total.as_ref().unwrap().score.unwrap().to_string())
        .collect();
    assert_eq!(
        totals,
        [
            "94.75", "95.76", "92.87", "94.62", "95.95", "96.00", "93.53", "95.96", "93.96",
            "94.04"
        ]
    );
    assert!(doc
        .forms
        .iter()
        .all(|f| f.year == Some(2023) && f.grade.as_deref() == Some("优")));
    // Wrapped level names are joined (`满意度指` + `标`, `服务 对象` + `满意度指标`).
    let wechat = &doc.forms[1];
    assert_eq!(
        wechat.indicators[4].path,
        ["满意度指标", "服务对象满意度指标", "用户满意度"]
    );
    let sipc = &doc.forms[5];
    assert_eq!(sipc.project.as_deref(), Some("SIPC 运作专项"));
    assert_eq!(
        sipc.indicators[4].path,
        ["满意度指标", "服务对象满意度指标", "受益对象满意度"]
    );
    // A row shifted one cell left (`时效指标 | 项目完成及时性 | 及时 | …`).
    let platform = &doc.forms[4];
    let i = &platform.indicators[6];
    assert_eq!(
        (i.path.join("/"), i.line),
        ("产出指标/时效指标/项目完成及时性".to_string(), 118)
    );
    assert_eq!((i.weight, i.score), (d("10.00"), d("10.00")));
    // `年度资金总额:` with a half-width colon, `其中: 当年财政拨款`.
    let f = &doc.forms[0];
    let funds = f.funds.as_ref().unwrap();
    assert_eq!(
        funds
            .rows
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"]
    );
    assert_eq!(
        (funds.rows[0].rate_pct, funds.rows[0].score),
        (d("87.57"), d("8.75"))
    );
    // 商务外事: 年初预算数 differs from 全年预算数.
    let last = &doc.forms[9];
    let t = &last.funds.as_ref().unwrap().rows[0];
    assert_eq!(
        (
            t.initial_budget,
            t.annual_budget,
            t.executed,
            t.rate_pct,
            t.score
        ),
        (d("62.50"), d("65.50"), d("52.70"), d("80.45"), d("8.04"))
    );
    // The date target with spaces, and 零起.
    let it = &doc.forms[7].indicators[2];
    assert_eq!(
        (it.target.kind, it.target.date.as_deref()),
        (ValueKind::Date, Some("2023-12-31"))
    );
    let expo = &doc.forms[6];
    assert_eq!(
        (
            expo.indicators[8].target.op,
            expo.indicators[8].target.value
        ),
        (Some(Op::Eq), d("0"))
    );
    assert_eq!(
        expo.indicators[9].line, 174,
        "row after a blank line inside the grid"
    );
}

#[test]
fn seed_001_target_tables_2020() {
    let Some(doc) = seed("001_") else { return };
    assert_eq!(doc.forms.len(), 8);
    assert!(doc
        .forms
        .iter()
        .all(|f| f.kind == FormKind::TargetDeclaration && f.year == Some(2020)));
    let counts: Vec<usize> = doc.forms.iter().map(|f| f.indicators.len()).collect();
    assert_eq!(counts, [14, 6, 18, 11, 26, 11, 33, 11]);
    // The only warning: an indicator printed without a target value.
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert_eq!(doc.warnings[0].line_start, 94);
    let f = &doc.forms[0];
    assert_eq!(f.unit.as_deref(), Some("上海市商务委员会"));
    assert_eq!(
        f.field("category").map(|x| x.value.as_str()),
        Some("其他一次性项目")
    );
    assert_eq!(
        f.field("end_date").map(|x| x.value.as_str()),
        Some("2020-06-30")
    );
    let b = f.budget.as_ref().unwrap();
    assert_eq!(
        (b.total_budget, b.prior_year_budget, b.prior_year_executed),
        (d("120000000"), d("120000000"), None)
    );
    assert_eq!(b.raw[3], "");
    let q = &f.indicators[10];
    assert_eq!(q.path, ["产出目标", "质量", "补贴资金到位率"]);
    assert_eq!(
        (q.target.kind, q.target.suffix.as_deref()),
        (ValueKind::Percent, Some("百分比"))
    );
    let t = &f.indicators[11];
    assert_eq!(
        (t.target.op, t.target.date.as_deref()),
        (Some(Op::Le), Some("04-30"))
    );
    // The fused title line `…目标表 (2020年度) 申报单位名称：…`.
    assert_eq!(doc.forms[3].unit.as_deref(), Some("上海市商务委员会"));
    assert_eq!(
        doc.forms[3].budget.as_ref().unwrap().prior_year_budget,
        d("6550000")
    );
    // Shifted rows placed by vocabulary (单一窗口经费: `质量 | | 计划完成率`, `成本 | | …`).
    let w = &doc.forms[2];
    assert_eq!(w.indicators[10].path, ["产出目标", "质量", "计划完成率"]);
    assert_eq!(
        w.indicators[14].path,
        ["产出目标", "成本", "企业使用平台公共服务"]
    );
    assert_eq!(
        w.indicators[16].path,
        ["效果目标", "满意度", "社会公众或服务对象满意度"]
    );
    // 商务对外宣传与合作: `资产管理 | 资产管理 | 专款专用 |` and `项目立项的规范性 | | 合规 |`.
    let p = &doc.forms[6];
    assert_eq!(
        (
            p.indicators[7].path.join("/"),
            p.indicators[7].target.raw.as_str()
        ),
        ("投入与管理/资产管理/资产管理".to_string(), "专款专用")
    );
    assert_eq!(p.indicators[32].path[2], "项目立项的规范性");
    assert_eq!(p.indicators[32].target.raw, "合规");
    assert_eq!(p.indicators[8].path, ["产出目标", "数量", "数量1"]);
}
