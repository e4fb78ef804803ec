//! Helpers shared by the indicator-grid readers (self-evaluation, target declaration,
//! scoresheet): level vocabularies, year and label extraction.

use jixiao_text::fold_label;

/// First-level indicator names of all vocabularies (2020 Shanghai 投入与管理/产出目标/效果目标/
/// 影响力目标, later 产出/效益/满意度 指标, Guangdong 决策/过程/产出/效益).
pub(crate) fn is_level1(name: &str) -> bool {
    matches!(
        name,
        "投入与管理"
            | "产出目标"
            | "效果目标"
            | "影响力目标"
            | "产出指标"
            | "效益指标"
            | "满意度指标"
            | "成本指标"
            | "产出"
            | "效益"
            | "决策"
            | "过程"
            | "成本"
            | "满意度指标(10%)"
    )
}

/// Second-level names that a shifted row may carry in its first cell.
pub(crate) fn is_level2(name: &str) -> bool {
    let n = name.trim_end_matches("指标");
    matches!(
        n,
        "数量"
            | "质量"
            | "时效"
            | "成本"
            | "经济效益"
            | "社会效益"
            | "生态效益"
            | "环境效益"
            | "可持续影响"
            | "满意度"
            | "服务对象满意度"
            | "投入管理"
            | "财务管理"
            | "实施管理"
            | "资产管理"
            | "长效管理"
            | "人力资源"
            | "部门协助"
            | "配套设施"
            | "信息共享"
            | "其它"
            | "其他"
            | "经济成本"
            | "社会成本"
            | "生态环境成本"
    )
}

/// The fiscal year in a title line such as `(2024年度)`, `(2023 年度)`, `2020年绩效目标`.
pub(crate) fn year_in(text: &str) -> Option<u16> {
    let t = fold_label(text);
    let idx = t.find("年度").or_else(|| t.find('年'))?;
    let digits: String = t[..idx]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.len() != 4 {
        return None;
    }
    digits
        .chars()
        .rev()
        .collect::<String>()
        .parse()
        .ok()
        .filter(|y| (1990..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year_in("(2024年度)"), Some(2024));
        assert_eq!(year_in("(2023 年度)"), Some(2023));
        assert_eq!(
            year_in("财政项目支出绩效目标表 (2020年度) 申报单位名称："),
            Some(2020)
        );
        assert_eq!(year_in("年度 总体 目标"), None);
    }
}
