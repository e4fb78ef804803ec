//! Random departmental final accounts whose nine tables tie (every identity holds), in
//! jixiao's own vocabulary. The 功能分类 / 经济分类 codes are the public classification.

use std::collections::BTreeMap;

use jixiao_model::{Decimal, Form, FormKind, Table, TableId, TableRow};
use jixiao_text::parse_decimal;

use crate::Rng;

/// (类, 类名, [(款, 款名, [(项, 项名)])])
type Class = (
    &'static str,
    &'static str,
    &'static [(
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    )],
);

const FUNCTIONS: &[Class] = &[
    (
        "201",
        "一般公共服务支出",
        &[
            (
                "20103",
                "政府办公厅(室)及相关机构事务",
                &[("2010301", "行政运行"), ("2010302", "一般行政管理事务")],
            ),
            (
                "20113",
                "商贸事务",
                &[("2011301", "行政运行"), ("2011308", "招商引资")],
            ),
        ],
    ),
    (
        "205",
        "教育支出",
        &[("20508", "进修及培训", &[("2050803", "培训支出")])],
    ),
    (
        "207",
        "文化旅游体育与传媒支出",
        &[(
            "20701",
            "文化和旅游",
            &[("2070101", "行政运行"), ("2070199", "其他文化和旅游支出")],
        )],
    ),
    (
        "208",
        "社会保障和就业支出",
        &[(
            "20805",
            "行政事业单位养老支出",
            &[
                ("2080505", "机关事业单位基本养老保险缴费支出"),
                ("2080506", "机关事业单位职业年金缴费支出"),
            ],
        )],
    ),
    (
        "210",
        "卫生健康支出",
        &[("21011", "行政事业单位医疗", &[("2101101", "行政单位医疗")])],
    ),
    (
        "221",
        "住房保障支出",
        &[("22102", "住房改革支出", &[("2210201", "住房公积金")])],
    ),
];

const T1_CLASSES: &[(&str, &str)] = &[
    ("201", "一、一般公共服务支出"),
    ("202", "二、外交支出"),
    ("203", "三、国防支出"),
    ("204", "四、公共安全支出"),
    ("205", "五、教育支出"),
    ("206", "六、科学技术支出"),
    ("207", "七、文化旅游体育与传媒支出"),
    ("208", "八、社会保障和就业支出"),
    ("210", "九、卫生健康支出"),
    ("221", "十、住房保障支出"),
];

const UNITS: &[&str] = &[
    "东江市档案馆",
    "南湖区商务局",
    "西山市会展办公室",
    "北岸市口岸服务中心",
    "东江市统计局",
];

fn amt(d: Decimal) -> String {
    let mut d = d;
    d.rescale(2);
    let s = d.to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{frac}")
}

fn row(
    code: Option<&str>,
    name: &str,
    side: Option<&str>,
    row_no: Option<u32>,
    values: &[Decimal],
) -> TableRow {
    let raw: Vec<String> = values.iter().map(|v| amt(*v)).collect();
    TableRow {
        code: code.map(str::to_string),
        name: name.to_string(),
        side: side.map(str::to_string),
        row_no,
        values: raw.iter().map(|r| parse_decimal(r)).collect(),
        raw,
        line: 0,
    }
}

/// Table `id` with the standard columns, printed under `title`.
fn table(id: TableId, title: &str, rows: Vec<TableRow>, empty: bool) -> Table {
    let lanes = id.columns();
    Table {
        id,
        title: title.into(),
        alias: title.into(),
        unit: Some("万元".into()),
        columns: lanes.first().map(|l| l.1.clone()).unwrap_or_default(),
        side_columns: lanes
            .into_iter()
            .filter_map(|(side, cols)| Some((side?.to_string(), cols)))
            .collect(),
        rows,
        line_start: 0,
        line_end: 0,
        empty_statement: empty,
        empty_statement_line: None,
        summarised: false,
    }
}

fn money(rng: &mut Rng, lo: u64, hi: u64) -> Decimal {
    Decimal::new(rng.range(lo * 100, hi * 100) as i64, 2)
}

/// A departmental final account whose tables tie.
pub fn final_accounts(rng: &mut Rng) -> Form {
    let z = Decimal::ZERO;
    let unit = rng.pick(UNITS).to_string();
    let mut f = Form::new(FormKind::FinalAccounts, 0);
    f.year = Some(rng.range(2020, 2025) as u16);
    f.department = Some(unit.clone());
    f.unit = Some(unit);
    // Spending per 项: (basic, project); 201's 行政运行 is all basic.
    let mut items: Vec<(&str, &str, &str, Decimal, Decimal)> = Vec::new(); // (类, 款, 项, basic, project)
    let classes: Vec<&Class> = FUNCTIONS
        .iter()
        .filter(|c| c.0 == "201" || rng.chance(0.7))
        .collect();
    for (c, _, kuan) in classes.iter().map(|c| (c.0, c.1, c.2)) {
        for (k, _, xiang) in kuan.iter() {
            for (x, name) in xiang.iter() {
                let basic = if name.contains("行政运行") || c == "208" || c == "210" || c == "221"
                {
                    money(rng, 20, 900)
                } else {
                    z
                };
                let project = if basic.is_zero() {
                    money(rng, 10, 3000)
                } else if rng.chance(0.2) {
                    money(rng, 1, 50)
                } else {
                    z
                };
                items.push((c, k, x, basic, project));
            }
        }
    }
    let name_of = |code: &str| -> &'static str {
        for (c, cn, kuan) in FUNCTIONS {
            if *c == code {
                return cn;
            }
            for (k, kn, xiang) in kuan.iter() {
                if *k == code {
                    return kn;
                }
                for (x, xn) in xiang.iter() {
                    if *x == code {
                        return xn;
                    }
                }
            }
        }
        ""
    };
    // Sums per code prefix.
    let mut sums: BTreeMap<&str, (Decimal, Decimal)> = BTreeMap::new();
    for (c, k, x, b, p) in &items {
        for code in [*c, *k, *x] {
            let e = sums.entry(code).or_insert((z, z));
            e.0 += *b;
            e.1 += *p;
        }
    }
    let basic: Decimal = items.iter().map(|i| i.3).sum();
    let project: Decimal = items.iter().map(|i| i.4).sum();
    let total = basic + project;
    let other_income = if rng.chance(0.3) {
        money(rng, 1, 50).min(project)
    } else {
        z
    };
    let appropriation = total - other_income;
    // The code tables.
    let coded = |cols: usize, make: &dyn Fn(Decimal, Decimal) -> Vec<Decimal>| -> Vec<TableRow> {
        let mut rows = vec![row(None, "合计", None, None, &make(basic, project))];
        for (code, (b, p)) in &sums {
            rows.push(row(Some(code), name_of(code), None, None, &make(*b, *p)));
        }
        debug_assert!(rows.iter().all(|r| r.values.len() == cols));
        rows
    };
    // T2: all income is appropriation except the other income on the first project item.
    let other_code = items
        .iter()
        .find(|i| !i.4.is_zero())
        .map(|i| i.2)
        .unwrap_or("");
    let mut t2_rows = vec![row(
        None,
        "合计",
        None,
        None,
        &[total, appropriation, z, z, z, z, other_income],
    )];
    for (code, (b, p)) in &sums {
        let o = if !other_income.is_zero() && other_code.starts_with(code) {
            other_income
        } else {
            z
        };
        t2_rows.push(row(
            Some(code),
            name_of(code),
            None,
            None,
            &[*b + *p, *b + *p - o, z, z, z, z, o],
        ));
    }
    let approp_sums = |code: &str, b: Decimal, p: Decimal| -> (Decimal, Decimal) {
        if !other_income.is_zero() && other_code.starts_with(code) {
            (b, p - other_income)
        } else {
            (b, p)
        }
    };
    let mut t5_rows = vec![row(
        None,
        "合计",
        None,
        None,
        &[appropriation, basic, project - other_income],
    )];
    for (code, (b, p)) in &sums {
        let (b2, p2) = approp_sums(code, *b, *p);
        t5_rows.push(row(
            Some(code),
            name_of(code),
            None,
            None,
            &[b2 + p2, b2, p2],
        ));
    }
    // T1 and T4.
    let income_lines = [
        ("一、一般公共预算财政拨款收入", appropriation),
        ("二、政府性基金预算财政拨款收入", z),
        ("三、国有资本经营预算财政拨款收入", z),
        ("四、上级补助收入", z),
        ("五、事业收入", z),
        ("六、经营收入", z),
        ("七、附属单位上缴收入", z),
        ("八、其他收入", other_income),
    ];
    let class_total = |code: &str| sums.get(code).map_or(z, |(b, p)| *b + *p);
    let mut t1 = Vec::new();
    for (i, (code, name)) in T1_CLASSES.iter().enumerate() {
        if let Some((n, v)) = income_lines.get(i) {
            t1.push(row(None, n, Some("收入"), Some(i as u32 + 1), &[*v]));
        }
        t1.push(row(
            None,
            name,
            Some("支出"),
            Some(i as u32 + 31),
            &[class_total(code)],
        ));
    }
    let carry = if rng.chance(0.5) {
        money(rng, 1, 80)
    } else {
        z
    };
    for (k, (l, r, v)) in [
        ("本年收入合计", "本年支出合计", total),
        ("使用非财政拨款结余(含专用结余)", "结余分配", z),
        ("年初结转和结余", "年末结转和结余", carry),
        ("总计", "总计", total + carry),
    ]
    .iter()
    .enumerate()
    {
        t1.push(row(None, l, Some("收入"), Some(27 + k as u32), &[*v]));
        t1.push(row(
            None,
            r,
            Some("支出"),
            Some(57 + k as u32),
            &[if k == 2 { carry } else { *v }],
        ));
    }
    let mut t4 = Vec::new();
    let t4_income = [
        ("一、一般公共预算财政拨款", appropriation),
        ("二、政府性基金预算财政拨款", z),
        ("三、国有资本经营预算财政拨款", z),
    ];
    let approp_class = |code: &str| {
        sums.get(code).map_or(z, |(b, p)| {
            let (b2, p2) = approp_sums(code, *b, *p);
            b2 + p2
        })
    };
    for (i, (code, name)) in T1_CLASSES.iter().enumerate() {
        if let Some((n, v)) = t4_income.get(i) {
            t4.push(row(None, n, Some("收入"), Some(i as u32 + 1), &[*v]));
        }
        let v = approp_class(code);
        t4.push(row(
            None,
            name,
            Some("支出"),
            Some(i as u32 + 33),
            &[v, v, z, z],
        ));
    }
    t4.push(row(
        None,
        "本年收入合计",
        Some("收入"),
        Some(27),
        &[appropriation],
    ));
    t4.push(row(
        None,
        "本年支出合计",
        Some("支出"),
        Some(59),
        &[appropriation, appropriation, z, z],
    ));
    t4.push(row(
        None,
        "年初财政拨款结转和结余",
        Some("收入"),
        Some(28),
        &[z],
    ));
    t4.push(row(
        None,
        "年末财政拨款结转和结余",
        Some("支出"),
        Some(60),
        &[z, z, z, z],
    ));
    t4.push(row(None, "总计", Some("收入"), Some(32), &[appropriation]));
    t4.push(row(
        None,
        "总计",
        Some("支出"),
        Some(64),
        &[appropriation, appropriation, z, z],
    ));
    // T6: basic spending split into personnel and public costs.
    let public = jixiao_model::round(
        basic * Decimal::new(rng.range(8, 25) as i64, 2),
        jixiao_model::RoundingMode::HalfAwayFromZero,
        2,
    );
    let personnel = basic - public;
    let wage = jixiao_model::round(
        personnel * Decimal::new(8, 1),
        jixiao_model::RoundingMode::HalfAwayFromZero,
        2,
    );
    let pension = personnel - wage;
    let office = jixiao_model::round(
        public * Decimal::new(6, 1),
        jixiao_model::RoundingMode::HalfAwayFromZero,
        2,
    );
    let travel = jixiao_model::round(
        public * Decimal::new(1, 1),
        jixiao_model::RoundingMode::HalfAwayFromZero,
        2,
    );
    let hospitality = public - office - travel;
    let left = [
        ("301", "工资福利支出", wage),
        ("30101", "基本工资", wage),
        ("303", "对个人和家庭的补助", pension),
        ("30302", "退休费", pension),
    ];
    let right = [
        ("302", "商品和服务支出", public),
        ("30201", "办公费", office),
        ("30211", "差旅费", travel),
        ("30217", "公务接待费", hospitality),
    ];
    let mut t6 = Vec::new();
    for (l, r) in left.iter().zip(&right) {
        t6.push(row(Some(l.0), l.1, Some("人员经费"), None, &[l.2]));
        t6.push(row(Some(r.0), r.1, Some("公用经费"), None, &[r.2]));
    }
    t6.push(row(
        None,
        "人员经费合计",
        Some("人员经费"),
        None,
        &[personnel],
    ));
    t6.push(row(None, "公用经费合计", Some("公用经费"), None, &[public]));
    // T9: three official expenses, budget ≥ actual.
    let trip = money(rng, 0, 30);
    let car_run = money(rng, 0, 20);
    let host_b = hospitality + money(rng, 0, 5);
    let t9_row = {
        let (tb, cb) = (trip + money(rng, 0, 5), car_run + money(rng, 0, 5));
        row(
            None,
            "",
            None,
            None,
            &[
                tb + cb + host_b,
                tb,
                cb,
                z,
                cb,
                host_b,
                trip + car_run + hospitality,
                trip,
                car_run,
                z,
                car_run,
                hospitality,
            ],
        )
    };
    f.tables = vec![
        table(TableId::Summary, "收入支出决算总表", t1, false),
        table(TableId::Income, "收入决算表", t2_rows, false),
        table(
            TableId::Expenditure,
            "支出决算表",
            coded(6, &|b, p| vec![b + p, b, p, z, z, z]),
            false,
        ),
        table(
            TableId::Appropriation,
            "财政拨款收入支出决算总表",
            t4,
            false,
        ),
        table(
            TableId::GeneralBudget,
            "一般公共预算财政拨款支出决算表",
            t5_rows,
            false,
        ),
        table(
            TableId::BasicSpending,
            "一般公共预算财政拨款基本支出决算明细表",
            t6,
            false,
        ),
        table(
            TableId::GovernmentFund,
            "政府性基金预算财政拨款收入支出决算表",
            vec![row(None, "合计", None, None, &[z, z, z, z, z, z])],
            true,
        ),
        table(
            TableId::StateCapital,
            "国有资本经营预算财政拨款支出决算表",
            vec![row(None, "合计", None, None, &[z, z, z])],
            true,
        ),
        table(
            TableId::SanGong,
            "财政拨款三公经费支出决算表",
            vec![t9_row],
            false,
        ),
    ];
    f
}
