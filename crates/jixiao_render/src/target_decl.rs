//! 绩效目标表 (Shanghai 2020 layout) writer.

use jixiao_model::Form;

use crate::{line, Style};

/// Printed labels of the header and narrative fields, by canonical key, in layout order.
pub(crate) const FIELD_LABELS: &[(&str, &str)] = &[
    ("category", "项目类别"),
    ("start_date", "计划开始日期"),
    ("end_date", "计划完成日期"),
    ("purchase_service", "是否含有政府购买服务"),
    ("performance_type", "绩效类型"),
    ("overview", "项目概况"),
    ("basis", "立项依据"),
    ("necessity", "项目设立的必要性"),
    ("measures", "保证项目实施的制度、措施"),
    ("plan", "项目实施计划"),
    ("goals", "总目标及阶段性目标"),
];

pub(crate) fn render(form: &Form, style: Style, out: &mut String) {
    let colon = if style.half_width_colons { ":" } else { "：" };
    let field = |k: &str| form.field(k).map_or("", |f| f.value.as_str());
    let lab = |k: &str| {
        format!(
            "{}{colon}",
            FIELD_LABELS
                .iter()
                .find(|(key, _)| *key == k)
                .map_or(k, |x| x.1)
        )
    };
    out.push('\n');
    line(out, &["财政项目支出绩效目标表", "", "", ""]);
    if let Some(y) = form.year {
        line(out, &[&format!("({y}年度)"), "", "", ""]);
    }
    line(
        out,
        &[
            &format!("申报单位名称{colon}{}", form.unit.as_deref().unwrap_or("")),
            "",
            "",
            "",
        ],
    );
    line(
        out,
        &[
            &format!("项目名称{colon}"),
            form.project.as_deref().unwrap_or(""),
            &lab("category"),
            field("category"),
        ],
    );
    line(
        out,
        &[
            &lab("start_date"),
            field("start_date"),
            &lab("end_date"),
            field("end_date"),
        ],
    );
    line(
        out,
        &[
            &lab("purchase_service"),
            field("purchase_service"),
            &lab("performance_type"),
            field("performance_type"),
        ],
    );
    for k in [
        "overview",
        "basis",
        "necessity",
        "measures",
        "plan",
        "goals",
    ] {
        if form.field(k).is_some() {
            line(out, &[&lab(k), field(k), "", ""]);
        }
    }
    if let Some(b) = &form.budget {
        out.push('\n');
        line(out, &["本项目上年度市级财政资金使用情况", "", "", ""]);
        let u = format!("（{}）{colon}", b.unit);
        let raw = |i: usize| b.raw.get(i).map_or("", String::as_str);
        line(
            out,
            &[
                &format!("项目总预算{u}"),
                raw(0),
                &format!("项目当年预算{u}"),
                raw(1),
            ],
        );
        line(
            out,
            &[
                &format!("同名项目上年预算额{u}"),
                raw(2),
                &format!("同名项目上年预算执行数{u}"),
                raw(3),
            ],
        );
    }
    out.push('\n');
    line(out, &[&format!("{}年绩效目标", form.year.unwrap_or(2020))]);
    out.push('\n');
    line(out, &["一级目标", "二级目标", "三级目标", "指标目标值"]);
    let mut prev: [&str; 2] = ["", ""];
    for ind in &form.indicators {
        let l1 = ind.path.first().map_or("", String::as_str);
        let l2 = ind.path.get(1).map_or("", String::as_str);
        let l3 = ind.path.get(2).map_or("", String::as_str);
        let c1 = if l1 != prev[0] { l1 } else { "" };
        let c2 = if l1 != prev[0] || l2 != prev[1] {
            l2
        } else {
            ""
        };
        prev = [l1, l2];
        line(out, &[c1, c2, l3, ind.target.raw.as_str()]);
    }
}
