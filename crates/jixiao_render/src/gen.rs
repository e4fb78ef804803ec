//! Random but realistic forms from a seed, in jixiao's own vocabulary (no real documents).
//!
//! Every generated value is what the reader would make of its printed text (`raw` is the
//! source of truth and the parsed fields are derived with `jixiao_text`), so a generated form
//! can be rendered, parsed back, and compared field by field.

use jixiao_model::{
    round, Budget, Decimal, Field, Form, FormKind, Funds, FundsRow, Indicator, RoundingMode, Total,
    Value,
};
use jixiao_text::{parse_decimal, parse_value};

use crate::Rng;

const DEPARTMENTS: &[&str] = &[
    "东江市商务局",
    "东江市文化和旅游局",
    "南湖区财政局",
    "西山市科学技术局",
    "北岸市交通运输局",
];
const UNITS: &[&str] = &[
    "东江市投资促进中心",
    "东江市会展服务中心",
    "南湖区信息中心",
    "西山市技术交易所",
    "北岸市港航服务中心",
    "东江市市场监测中心",
];
const PROJECTS: &[&str] = &[
    "对外宣传经费",
    "会展平台运维",
    "产业发展专项",
    "数据采集及服务",
    "口岸运行保障经费",
    "人才培训项目",
    "信息化运维项目",
    "公共服务平台建设",
    "绩效评价服务",
    "消费促进活动",
    "招商引资专项",
    "统计监测服务",
];
const OUTPUT_L3: &[(&str, &str, &str)] = &[
    // (level 2, level 3, unit)
    ("数量指标", "举办推介活动场次", "场"),
    ("数量指标", "宣传资料印制数", "册"),
    ("数量指标", "采集数据条数", "条"),
    ("数量指标", "培训人次", "人次"),
    ("数量指标", "服务企业数量", "家"),
    ("质量指标", "数据合格率", "%"),
    ("质量指标", "验收合格率", "%"),
    ("时效指标", "工作完成及时率", "%"),
];
const QUAL_L3: &[(&str, &str, &str)] = &[
    ("质量指标", "宣传内容合规性", "合规"),
    ("时效指标", "项目完成及时性", "及时"),
    ("质量指标", "平台运行稳定性", "稳定"),
];
const BENEFIT_L3: &[(&str, &str, &str)] = &[
    ("社会效益指标", "促进对外交流合作", "有效促进"),
    ("社会效益指标", "提升公共服务水平", "有效提升"),
    ("可持续影响指标", "长效管理机制健全性", "健全"),
    ("经济效益指标", "带动相关产业发展", "明显带动"),
];
const TIERS: &[(&str, u32)] = &[
    ("达成指标", 100),
    ("达成指标", 90),
    ("部分达成指标并具有一定效果", 80),
    ("未达成指标且效果较差", 50),
];
const NOTES: &[&str] = &[
    "受外部环境影响目标未完全实现，下一年度加强统筹。",
    "部分活动延期举办，将优化计划安排。",
    "宣传覆盖面仍需扩大，拟增加线上渠道。",
];
const GOALS: &[&str] = &[
    "加强对外宣传推介，完善服务平台功能，提升服务企业能力。",
    "保障平台稳定运行，提高数据质量和服务效率。",
    "按计划完成年度各项工作任务，提升项目管理水平。",
];
const DONE: &[&str] = &[
    "全年举办活动12场，服务企业300余家，平台运行平稳。",
    "完成年度数据采集与分析报告，数据合格率达到要求。",
    "各项工作按期完成，服务对象反映良好。",
];

fn money(rng: &mut Rng, lo: u64, hi: u64) -> Decimal {
    Decimal::new(rng.range(lo * 100, hi * 100) as i64, 2)
}

fn two(d: Decimal) -> String {
    let mut d = round(d, RoundingMode::HalfAwayFromZero, 2);
    d.rescale(2);
    d.to_string()
}

/// `pct` % of `w` points, printed with two decimals.
fn share(w: u32, pct: u32) -> Decimal {
    let mut d = Decimal::from(w * pct) / Decimal::from(100);
    d.rescale(2);
    d
}

fn funds_row(name: &str, raw: [String; 6]) -> FundsRow {
    let n = |i: usize| parse_decimal(&raw[i]);
    FundsRow {
        name: name.to_string(),
        initial_budget: n(0),
        annual_budget: n(1),
        executed: n(2),
        weight: n(3),
        rate_pct: n(4),
        score: n(5),
        line: 0,
        raw: raw.to_vec(),
    }
}

fn indicator(
    path: [&str; 3],
    target: &str,
    actual: &str,
    weight: Option<Decimal>,
    score: Option<Decimal>,
    note: Option<&str>,
) -> Indicator {
    Indicator {
        path: path.iter().map(|s| s.to_string()).collect(),
        target: parse_value(target),
        actual: if actual.is_empty() {
            Value::blank()
        } else {
            parse_value(actual)
        },
        weight,
        score,
        note: note.map(str::to_string),
        line: 0,
        path_weights: Vec::new(),
        standard: None,
        evidence: None,
    }
}

/// Grade band of a total (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below).
fn grade(total: Decimal) -> &'static str {
    if total >= Decimal::from(90) {
        "优"
    } else if total >= Decimal::from(80) {
        "良"
    } else if total >= Decimal::from(60) {
        "中"
    } else {
        "差"
    }
}

/// A random self-evaluation form (Shanghai layout) whose arithmetic mostly ties; about one in
/// ten carries a deliberate mistake (a score above the rounded value), as real ones do.
pub fn self_evaluation(rng: &mut Rng) -> Form {
    let mut f = Form::new(FormKind::SelfEvaluation, 0);
    f.line_start = 0;
    f.year = Some(rng.range(2019, 2025) as u16);
    f.project = Some(format!("{}{}", rng.pick(PROJECTS), rng.range(1, 99)));
    f.department = Some(rng.pick(DEPARTMENTS).to_string());
    f.unit = Some(rng.pick(UNITS).to_string());
    // Funds.
    let initial = money(rng, 5, 2000);
    let annual = if rng.chance(0.2) {
        initial + money(rng, 0, 50)
    } else {
        initial
    };
    let executed = if rng.chance(0.3) {
        annual
    } else {
        round(
            annual * Decimal::new(rng.range(5000, 10000) as i64, 4),
            RoundingMode::HalfAwayFromZero,
            2,
        )
    };
    let rate = round(
        executed / annual * Decimal::from(100),
        RoundingMode::HalfAwayFromZero,
        2,
    );
    let exec_score = round(rate / Decimal::from(10), RoundingMode::HalfAwayFromZero, 2);
    let z = "0.00".to_string();
    f.funds = Some(Funds {
        unit: "万元".into(),
        line: 0,
        rows: vec![
            funds_row(
                "年度资金总额",
                [
                    two(initial),
                    two(annual),
                    two(executed),
                    "10.00".into(),
                    two(rate),
                    two(exec_score),
                ],
            ),
            funds_row(
                "当年财政拨款",
                [
                    two(initial),
                    two(annual),
                    two(executed),
                    "-".into(),
                    two(rate),
                    "-".into(),
                ],
            ),
            funds_row(
                "上年结转资金",
                [
                    z.clone(),
                    z.clone(),
                    z.clone(),
                    "-".into(),
                    z.clone(),
                    "-".into(),
                ],
            ),
            funds_row(
                "其他资金",
                [
                    z.clone(),
                    z.clone(),
                    String::new(),
                    "-".into(),
                    z,
                    "-".into(),
                ],
            ),
        ],
    });
    f.fields.push(Field {
        key: "expected_goal".into(),
        label: "预期目标".into(),
        value: rng.pick(GOALS).to_string(),
        line: 0,
    });
    f.fields.push(Field {
        key: "actual_outcome".into(),
        label: "实际完成情况".into(),
        value: rng.pick(DONE).to_string(),
        line: 0,
    });
    // Indicators: weights 90 split over 产出 (50), 效益 (30), 满意度 (10), in 5-point steps.
    let mut total = exec_score;
    let mut push = |f: &mut Form,
                    path: [&str; 3],
                    target: String,
                    actual: String,
                    w: u32,
                    s: Decimal,
                    note: Option<&str>| {
        total += s;
        f.indicators.push(indicator(
            path,
            &target,
            &actual,
            Some(Decimal::new(w as i64 * 100, 2)),
            Some(s),
            note,
        ));
    };
    let mut out_w = [20u32, 15, 15];
    if rng.chance(0.5) {
        out_w = [10, 20, 20];
    }
    for w in out_w {
        if rng.chance(0.7) {
            let (l2, l3, unit) = *rng.pick(OUTPUT_L3);
            let (target, actual, s) = if unit == "%" {
                let t = rng.range(80, 100);
                let a = rng.range(t.saturating_sub(10), 100);
                let s = (Decimal::from(a.min(t)) / Decimal::from(t) * Decimal::from(w))
                    .min(Decimal::from(w));
                (
                    format!("≥{t}.00(%)"),
                    format!("{a}.00(%)"),
                    round(s, RoundingMode::HalfAwayFromZero, 2),
                )
            } else {
                let t = rng.range(2, 500);
                let a = rng.range(t / 2, t * 2);
                let s = (Decimal::from(a) / Decimal::from(t)).min(Decimal::ONE) * Decimal::from(w);
                (
                    format!("≥{t}.00({unit})"),
                    format!("{a}.00({unit})"),
                    round(s, RoundingMode::HalfAwayFromZero, 2),
                )
            };
            let note = (s < Decimal::from(w)).then(|| *rng.pick(NOTES));
            push(&mut f, ["产出指标", l2, l3], target, actual, w, s, note);
        } else {
            let (l2, l3, word) = *rng.pick(QUAL_L3);
            let (tier, pct) = *rng.pick(TIERS);
            let note = (pct < 100).then(|| *rng.pick(NOTES));
            push(
                &mut f,
                ["产出指标", l2, l3],
                word.to_string(),
                tier.to_string(),
                w,
                share(w, pct),
                note,
            );
        }
    }
    for w in [20u32, 10] {
        let (l2, l3, word) = *rng.pick(BENEFIT_L3);
        let (tier, pct) = *rng.pick(TIERS);
        push(
            &mut f,
            ["效益指标", l2, l3],
            word.to_string(),
            tier.to_string(),
            w,
            share(w, pct),
            None,
        );
    }
    let t = rng.range(80, 95);
    let a = rng.range(t - 5, 100);
    let s = round(
        (Decimal::from(a) / Decimal::from(t)).min(Decimal::ONE) * Decimal::from(10),
        RoundingMode::HalfAwayFromZero,
        2,
    );
    push(
        &mut f,
        ["满意度指标", "服务对象满意度指标", "服务对象满意度"],
        format!("≥{t}.00(%)"),
        format!("{a}.00(%)"),
        10,
        s,
        None,
    );
    let mut total_s = total;
    if rng.chance(0.1) {
        total_s += Decimal::new(1, 2); // a hand-typed total one cent off
    }
    let mut total_s = round(total_s, RoundingMode::HalfAwayFromZero, 2);
    total_s.rescale(2);
    f.total = Some(Total {
        weight: parse_decimal("100.00"),
        score: Some(total_s),
        line: 0,
    });
    f.grade = Some(grade(total_s).to_string());
    f
}

const CATEGORIES: &[&str] = &["其他一次性项目", "经常性专项业务费", "专项资金"];
const PERF_TYPES: &[&str] = &["其他类", "政策补贴类", "工程建设类"];
const TARGET_ROWS: &[(&str, &str, &str, &[&str])] = &[
    ("投入与管理", "投入管理", "预算执行率", &["=100%", "≥95%"]),
    ("投入与管理", "财务管理", "财务管理制度健全性", &["健全"]),
    (
        "投入与管理",
        "实施管理",
        "项目管理制度健全性",
        &["健全", "规范"],
    ),
    (
        "产出目标",
        "数量",
        "服务企业数",
        &[">1000家", "=200家", "≥50家"],
    ),
    ("产出目标", "数量", "培训人数", &["=1000人", "≥300人"]),
    ("产出目标", "质量", "验收合格率", &["=100%", ">=95%"]),
    (
        "产出目标",
        "时效",
        "完成时间",
        &["<=4月30日", "=2020年", "<=11月30日"],
    ),
    ("产出目标", "成本", "按实际成本核算", &["合理"]),
    (
        "效果目标",
        "社会效益",
        "企业负担减轻",
        &["=1200000元", "有效"],
    ),
    ("效果目标", "满意度", "服务对象满意度", &[">=80%", "满意"]),
    ("影响力目标", "长效管理", "长效管理制度建设", &["完善"]),
    ("影响力目标", "信息共享", "信息共享率", &[">95%", "达标"]),
];

/// A random target declaration (Shanghai 2020 layout), money in 元.
pub fn target_declaration(rng: &mut Rng) -> Form {
    let mut f = Form::new(FormKind::TargetDeclaration, 0);
    f.year = Some(rng.range(2019, 2022) as u16);
    f.project = Some(format!("{}{}", rng.pick(PROJECTS), rng.range(1, 99)));
    f.unit = Some(rng.pick(DEPARTMENTS).to_string());
    let y = f.year.unwrap_or(2020);
    let field = |k: &str, l: &str, v: String| Field {
        key: k.into(),
        label: l.into(),
        value: v,
        line: 0,
    };
    f.fields.push(field(
        "category",
        "项目类别",
        rng.pick(CATEGORIES).to_string(),
    ));
    f.fields
        .push(field("start_date", "计划开始日期", format!("{y}-01-01")));
    f.fields.push(field(
        "end_date",
        "计划完成日期",
        format!("{y}-{}", rng.pick(&["06-30", "12-31"])),
    ));
    f.fields.push(field(
        "purchase_service",
        "是否含有政府购买服务",
        rng.pick(&["是", "否"]).to_string(),
    ));
    f.fields.push(field(
        "performance_type",
        "绩效类型",
        rng.pick(PERF_TYPES).to_string(),
    ));
    f.fields
        .push(field("overview", "项目概况", rng.pick(GOALS).to_string()));
    f.fields.push(field(
        "basis",
        "立项依据",
        "依据本市有关专项资金管理办法及年度工作计划。".to_string(),
    ));
    f.fields.push(field(
        "goals",
        "总目标及阶段性目标",
        rng.pick(DONE).to_string(),
    ));
    let total = rng.range(10, 2000) * 10_000;
    let prior = rng.range(10, 2000) * 10_000;
    let fmt = |n: u64| {
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    let executed = if rng.chance(0.2) {
        String::new()
    } else {
        fmt(prior)
    };
    let raw = vec![fmt(total), fmt(total), fmt(prior), executed];
    f.budget = Some(Budget {
        unit: "元".into(),
        total_budget: parse_decimal(&raw[0]),
        current_year_budget: parse_decimal(&raw[1]),
        prior_year_budget: parse_decimal(&raw[2]),
        prior_year_executed: parse_decimal(&raw[3]),
        line: 0,
        raw,
    });
    for (l1, l2, l3, values) in TARGET_ROWS {
        if rng.chance(0.75) {
            let v: &str = rng.pick::<&str>(values);
            f.indicators
                .push(indicator([l1, l2, l3], v, "", None, None, None));
        }
    }
    f
}

/// Sets every source line of a form to 0, for comparing forms independent of layout.
pub fn clear_lines(form: &mut Form) {
    form.line_start = 0;
    form.line_end = 0;
    form.grade_line = None;
    if let Some(f) = form.funds.as_mut() {
        f.line = 0;
        f.rows.iter_mut().for_each(|r| r.line = 0);
    }
    if let Some(b) = form.budget.as_mut() {
        b.line = 0;
    }
    if let Some(m) = form.money.as_mut() {
        m.line = 0;
    }
    if let Some(t) = form.total.as_mut() {
        t.line = 0;
    }
    form.indicators.iter_mut().for_each(|i| i.line = 0);
    form.fields.iter_mut().for_each(|f| f.line = 0);
    for t in &mut form.tables {
        t.line_start = 0;
        t.line_end = 0;
        t.empty_statement_line = None;
        t.rows.iter_mut().for_each(|r| r.line = 0);
    }
}
