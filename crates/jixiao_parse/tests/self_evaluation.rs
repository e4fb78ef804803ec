//! Self-evaluation (绩效自评表) reader on a composed fixture in the Shanghai layout, with the
//! layout noise real extractions carry.

use std::str::FromStr;

use jixiao_model::{Decimal, FormKind, Op, ValueKind};

fn d(s: &str) -> Option<Decimal> {
    Some(Decimal::from_str(s).unwrap())
}

fn fixture() -> jixiao_model::Document {
    let text = include_str!("fixtures/self_evaluation.txt");
    jixiao_parse::parse_str("self_evaluation.txt", text)
}

#[test]
fn header_and_funds() {
    let doc = fixture();
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(doc.forms.len(), 1);
    let f = &doc.forms[0];
    assert_eq!(f.kind, FormKind::SelfEvaluation);
    assert_eq!((f.line_start, f.line_end), (2, 26));
    assert_eq!(f.year, Some(2022));
    assert_eq!(f.project.as_deref(), Some("东江港口服务保障经费"));
    assert_eq!(f.department.as_deref(), Some("东江市口岸办公室"));
    assert_eq!(f.unit.as_deref(), Some("东江市港航服务中心"));
    let funds = f.funds.as_ref().unwrap();
    assert_eq!((funds.unit.as_str(), funds.line), ("万元", 8));
    let names: Vec<_> = funds
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.line))
        .collect();
    assert_eq!(
        names,
        [
            ("年度资金总额", 9),
            ("当年财政拨款", 10),
            ("上年结转资金", 11),
            ("其他资金", 12)
        ]
    );
    let total = &funds.rows[0];
    assert_eq!(
        (
            total.initial_budget,
            total.annual_budget,
            total.executed,
            total.weight,
            total.rate_pct,
            total.score
        ),
        (
            d("350.00"),
            d("362.50"),
            d("300.80"),
            d("10.00"),
            d("0.00"),
            d("8.30")
        )
    );
    assert_eq!(total.annual_budget.unwrap().scale(), 2);
    // Blank, `-` and 0.00 stay distinct in `raw`; the parsed values of blank and `-` are null.
    let other = &funds.rows[3];
    assert_eq!(other.raw, ["0.00", "0.00", "", "-", "0.00", "-"]);
    assert_eq!(
        (other.executed, other.weight, other.rate_pct),
        (None, None, d("0.00"))
    );
}

#[test]
fn goals_lose_html_tags() {
    let f = &fixture().forms[0];
    assert_eq!(
        f.field("expected_goal").unwrap().value,
        "保障口岸查验设施运行，提高通关效率。"
    );
    assert_eq!(
        f.field("actual_outcome").unwrap().value,
        "全年保障查验设施正常运行，通关时间缩短。完成设备更新。"
    );
    assert_eq!(f.field("actual_outcome").unwrap().line, 14);
}

#[test]
fn indicators_inherit_shift_and_join() {
    let f = &fixture().forms[0];
    let rows: Vec<(u32, String)> = f
        .indicators
        .iter()
        .map(|i| (i.line, i.path.join("/")))
        .collect();
    assert_eq!(
        rows,
        [
            (16, "产出指标/数量指标/查验设备维护台次".to_string()),
            (17, "产出指标/数量指标/通关服务时长".to_string()),
            (18, "产出指标/质量指标/设备完好率".to_string()),
            (19, "产出指标/质量指标/安全事故发生数".to_string()),
            // Shifted one cell left in the source: aligned on its 分值/得分 pair.
            (20, "产出指标/时效指标/维护完成时间".to_string()),
            (21, "效益指标/社会效益指标/通关效率提升".to_string()),
            // Broken over two lines with a blank line between.
            (
                22,
                "满意度指标/服务对象满意度指标/口岸企业满意度".to_string()
            ),
        ]
    );
    let first = &f.indicators[0];
    assert_eq!(
        (
            first.target.op,
            first.target.value,
            first.target.unit.as_deref()
        ),
        (Some(Op::Ge), d("120.00"), Some("台次"))
    );
    assert_eq!(
        (first.actual.value, first.weight, first.score),
        (d("96.00"), d("20.00"), d("16.00"))
    );
    assert_eq!(first.note.as_deref(), Some("部分设备返厂维修，延至次年。"));
    let zero = &f.indicators[3];
    assert_eq!(
        (
            zero.target.op,
            zero.target.value,
            zero.target.unit.as_deref()
        ),
        (Some(Op::Eq), d("0"), Some("起"))
    );
    assert_eq!(zero.actual.kind, ValueKind::Qualitative);
    let date = &f.indicators[4];
    assert_eq!(
        (date.target.kind, date.target.date.as_deref()),
        (ValueKind::Date, Some("2022-11-30"))
    );
    assert_eq!((date.weight, date.score), (d("10.00"), d("10.00")));
    let pct = &f.indicators[2];
    assert_eq!(
        (pct.target.kind, pct.actual.kind, pct.actual.value),
        (ValueKind::Percent, ValueKind::Percent, d("98"))
    );
}

#[test]
fn total_and_grade() {
    let f = &fixture().forms[0];
    let t = f.total.as_ref().unwrap();
    assert_eq!((t.weight, t.score, t.line), (d("100.00"), d("89.10"), 25));
    assert_eq!((f.grade.as_deref(), f.grade_line), (Some("良"), Some(26)));
}

#[test]
fn forms_split_at_each_title() {
    let one = include_str!("fixtures/self_evaluation.txt");
    let text = format!("{one}\n{one}\n");
    let doc = jixiao_parse::parse_str("two.txt", &text);
    assert_eq!(doc.forms.len(), 2);
    assert_eq!(doc.forms[1].line_start, 28);
    assert_eq!(doc.forms[1].indicators.len(), 7);
    assert_eq!(doc.forms[1].indicators[0].line, 16 + 26);
}

#[test]
fn gbk_input_reads_the_same() {
    let text = include_str!("fixtures/self_evaluation.txt");
    let (gbk, _, errors) = encoding_rs::GB18030.encode(text);
    assert!(!errors);
    let doc = jixiao_parse::parse_bytes("gbk.txt", &gbk).unwrap();
    assert_eq!(doc.forms, fixture().forms);
}
