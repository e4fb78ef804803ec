//! Guangdong 指标评分表 (Jiangmen and Zhuhai layouts). STUB: to be implemented.

use jixiao_model::{Form, FormKind, Warning};

use crate::Line;

/// True when a folded line is the title of a scoresheet (`2023年项目绩效自评指标评分表`).
pub(crate) fn is_title(t: &str) -> bool {
    t.contains("评分表") && t.contains("自评") && t.chars().count() < 40
}

/// True when a scoresheet header (`填报单位名称`, `基本情况`) follows within a few lines.
pub(crate) fn follows_header(rest: &[Line]) -> bool {
    rest.iter().filter(|l| !l.is_blank()).take(4).any(|l| {
        let t = l.text.trim_start();
        t.starts_with("填报单位") || t.starts_with("基本情况")
    })
}

pub(crate) fn parse(lines: &[Line], warnings: &mut Vec<Warning>) -> Form {
    let start = lines.first().map_or(1, |l| l.no);
    let end = lines.last().map_or(start, |l| l.no);
    warnings.push(Warning::new(
        start,
        end,
        "scoresheet reader not implemented",
    ));
    let mut f = Form::new(FormKind::EvaluationScoresheet, start);
    f.line_end = end;
    f
}
