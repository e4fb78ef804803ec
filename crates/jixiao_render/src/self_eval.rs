//! 绩效自评表 (Shanghai layout) writer.

use jixiao_model::Form;

use crate::{dec, line, Style};

pub(crate) fn render(form: &Form, style: Style, out: &mut String) {
    let colon = if style.half_width_colons { ": " } else { "：" };
    out.push('\n');
    line(out, &["财政项目支出绩效自评表"]);
    out.push('\n');
    if let Some(y) = form.year {
        line(out, &[&format!("({y}年度)")]);
        out.push('\n');
    }
    line(
        out,
        &[
            "项目名称",
            "",
            form.project.as_deref().unwrap_or(""),
            "",
            "",
            "",
            "",
            "",
        ],
    );
    line(
        out,
        &[
            "主管部门",
            "",
            form.department.as_deref().unwrap_or(""),
            "",
            "实施单位",
            form.unit.as_deref().unwrap_or(""),
            "",
            "",
        ],
    );
    let lead: &[&str] = if style.shift_funds { &["", ""] } else { &[""] };
    if let Some(funds) = &form.funds {
        let head = format!("项目资金 ({})", funds.unit);
        line(
            out,
            &[
                &head,
                "",
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "分数",
                "执行率(%)",
                "得分",
            ],
        );
        for r in &funds.rows {
            let name = match r.name.as_str() {
                "当年财政拨款" => format!("其中{colon}当年财政拨款"),
                "年度资金总额" if style.half_width_colons => "年度资金总额:".to_string(),
                n => n.to_string(),
            };
            let mut cells: Vec<&str> = lead.to_vec();
            cells.push(&name);
            cells.extend(r.raw.iter().map(String::as_str));
            line(out, &cells);
        }
    }
    let expected = form.field("expected_goal").map_or("", |f| f.value.as_str());
    let actual = form
        .field("actual_outcome")
        .map_or("", |f| f.value.as_str());
    if form.field("expected_goal").is_some() || form.field("actual_outcome").is_some() {
        line(
            out,
            &[
                "年度 总体 目标",
                "预期目标",
                "",
                "",
                "实际完成情况",
                "",
                "",
                "",
            ],
        );
        let wrap = |s: &str| {
            if style.html_paragraphs && !s.is_empty() {
                format!("<p>{s}</p>")
            } else {
                s.to_string()
            }
        };
        line(
            out,
            &["", &wrap(expected), "", "", &wrap(actual), "", "", ""],
        );
    }
    let h = |s: &'static str, spaced: &'static str| if style.spaced_headers { spaced } else { s };
    line(
        out,
        &[
            h("一级指标", "一级 指标"),
            h("二级指标", "二级 指标"),
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
    );
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
        let w = dec(&ind.weight);
        let s = dec(&ind.score);
        let note = ind.note.as_deref().unwrap_or("");
        // A long second-level name wrapped after its second-to-last character.
        let wrap_at = (style.wrap_names && !c2.is_empty() && c2.chars().count() >= 6)
            .then(|| {
                c2.char_indices()
                    .nth(c2.chars().count() - 1)
                    .map(|(i, _)| i)
            })
            .flatten();
        let c2_first = wrap_at.map_or(c2, |i| &c2[..i]);
        let mut cells = vec![
            c1,
            c2_first,
            l3,
            ind.target.raw.as_str(),
            ind.actual.raw.as_str(),
            &w,
            &s,
            note,
        ];
        if style.shift_rows
            && c1.is_empty()
            && wrap_at.is_none()
            && !w.is_empty()
            && !s.is_empty()
            && !c2.is_empty()
        {
            cells.remove(0);
            cells.push("");
        }
        line(out, &cells);
        if let Some(i) = wrap_at {
            out.push('\n');
            line(out, &["", &c2[i..], "", "", "", "", "", ""]);
        }
    }
    if let Some(t) = &form.total {
        line(
            out,
            &["总分", "", "", "", "", &dec(&t.weight), &dec(&t.score), ""],
        );
    }
    if let Some(g) = &form.grade {
        line(out, &["评分等级", "", g, "", "", "", "", ""]);
    }
}
