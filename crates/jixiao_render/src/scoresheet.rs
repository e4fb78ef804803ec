//! Guangdong 指标评分表 writer (Jiangmen layout: three levels, a weight after every name).

use jixiao_model::{Decimal, Form};

use crate::{dec, line, Style};

fn field<'a>(form: &'a Form, key: &str) -> &'a str {
    form.field(key).map_or("", |f| f.value.as_str())
}

fn w(d: Option<Decimal>) -> String {
    dec(&d)
}

pub(crate) fn render(form: &Form, _style: Style, out: &mut String) {
    out.push('\n');
    line(out, &["附件"]);
    out.push('\n');
    line(out, &["填报单位名称:", form.unit.as_deref().unwrap_or("")]);
    out.push('\n');
    let money = form.money.clone().unwrap_or_default();
    line(
        out,
        &[&format!(
            "金额单位: {}",
            money.unit.as_deref().unwrap_or("万元")
        )],
    );
    out.push('\n');
    let year = form.year.map(|y| y.to_string()).unwrap_or_default();
    line(
        out,
        &[
            "基本情况",
            "项目名称",
            form.project.as_deref().unwrap_or(""),
            "评价年度",
            &year,
            "评价金额",
            &w(money.evaluation_amount),
        ],
    );
    line(
        out,
        &[
            "",
            "联系人",
            field(form, "contact"),
            "联系电话",
            field(form, "phone"),
            "联系邮箱",
            field(form, "email"),
        ],
    );
    line(
        out,
        &[
            "",
            "实施文件依据",
            field(form, "basis"),
            "",
            "",
            "项目级次",
            field(form, "level"),
        ],
    );
    line(
        out,
        &[
            "资金情况",
            "资金安排情况",
            "预算计划安排",
            &w(money.planned),
            "",
            "",
            "",
        ],
    );
    line(
        out,
        &[
            "",
            "资金使用情况",
            "实际分配下达",
            "市本级",
            &w(money.allocated),
            "转移支付至下级",
            &w(money.allocated_transfer),
        ],
    );
    line(
        out,
        &[
            "",
            "资金使用情况",
            "实际支出金额",
            "市本级",
            &w(money.paid),
            "转移支付至下级",
            &w(money.paid_transfer),
        ],
    );
    line(
        out,
        &[
            "资金情况",
            "绩效目标情况",
            "预期总体目标",
            "是否如期实现预期总体目标",
            "",
            field(form, "expected_goal"),
        ],
    );
    out.push('\n');
    line(out, &["指标评分表"]);
    out.push('\n');
    line(
        out,
        &[
            "一级指标",
            "",
            "二级指标",
            "",
            "三级指标",
            "",
            "评价年度预期值",
            "评价年度实现值",
            "自评分数",
            "未达标原因分析",
            "评分标准",
            "参考佐证材料",
        ],
    );
    line(
        out,
        &[
            "名称",
            "权重(%)",
            "名称",
            "权重(%)",
            "名称",
            "权重(%)",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    );
    let mut prev: [&str; 2] = ["", ""];
    for ind in &form.indicators {
        let p = |k: usize| ind.path.get(k).map_or("", String::as_str);
        let pw = |k: usize| w(ind.path_weights.get(k).copied().flatten());
        let (l1, l2) = (p(0), p(1));
        let new1 = l1 != prev[0];
        let new2 = new1 || l2 != prev[1];
        prev = [l1, l2];
        let (c1, w1) = if new1 {
            (l1, pw(0))
        } else {
            ("", String::new())
        };
        let (c2, w2) = if new2 {
            (l2, pw(1))
        } else {
            ("", String::new())
        };
        line(
            out,
            &[
                c1,
                &w1,
                c2,
                &w2,
                p(2),
                &w(ind.weight),
                &ind.target.raw,
                &ind.actual.raw,
                &w(ind.score),
                ind.note.as_deref().unwrap_or(""),
                ind.standard.as_deref().unwrap_or(""),
                ind.evidence.as_deref().unwrap_or(""),
            ],
        );
    }
    if let Some(t) = &form.total {
        line(
            out,
            &[
                "",
                "",
                "合计:",
                "",
                "",
                "",
                &w(t.weight),
                "",
                "",
                &w(t.score),
                "",
                "",
            ],
        );
    }
    for (key, label) in [
        ("funds_performance", "一、资金使用绩效"),
        ("problems", "二、资金使用绩效存在的问题"),
        ("improvements", "三、改进意见"),
        ("expiring_funds", "四、到期资金"),
    ] {
        if form.field(key).is_some() {
            line(out, &[&format!("{label}: {}", field(form, key))]);
        }
    }
}
