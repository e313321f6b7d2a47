"""How a field is scored, filled in and explained, and what-if."""

MESSAGES: dict[str, tuple[str, str]] = {
    "measure.yes_no": ("是/否", "yes/no"),
    "measure.yes_no_if_no": ("是/否（填“否”得分）", "yes/no (scores when 'no')"),
    "measure.count": ("次数，{target}次满分", "count, full at {target}"),
    "measure.percent": ("百分比 0–100%", "percent 0-100%"),
    "measure.score": ("得分 0–{scale}", "score 0-{scale}"),
    "measure.points": ("直接核定 0–{points} 分", "points awarded"),
    "measure.per_item": ("每次{per}分{cap}", "{per} per item{cap}"),
    "measure.per_item_deduction": ("每次扣{per}分{cap}", "−{per} per item{cap}"),
    "measure.at_most": ("，最多{cap}分", ", at most {cap}"),
    "measure.capped_points": ("直接核定 0–{cap} 分", "points 0-{cap}"),
    "fill.yes_no": ("填“是”或“否”", "type 是 (yes) or 否 (no)"),
    "fill.whole": ("填整数次数（≥0），无则留空或填0", "a whole number ≥ 0"),
    "fill.percent": ("填百分比，如 95 或 95%", "a percentage, e.g. 95 or 95%"),
    "fill.score": ("填 0–{scale} 的得分", "a score from 0 to {scale}"),
    "fill.points": ("填 0–{high} 的分值", "points from 0 to {high}"),
    "explain.blank": ("空，按 0 计 → {score}", "blank, counted as 0 → {score}"),
    "explain.derived": ("{mean} = {value} → {score}", "{mean} = {value} → {score}"),
    "explain.yes_no": ("{answer}{rule} → {score}", "{answer}{rule} → {score}"),
    "explain.award_if_no": ("（填“否”得分）", " (scores when no)"),
    "explain.count": ("{value}/{target} 次 → {score}", "{value}/{target} times → {score}"),
    "explain.count_over": (
        "{value}/{target} 次（按 {target} 次计） → {score}",
        "{value}/{target} times (counted as {target}) → {score}",
    ),
    "explain.percent": ("{value}% × {points} → {score}", "{value}% × {points} → {score}"),
    "explain.score": (
        "{value}/{scale} × {points} → {score}",
        "{value}/{scale} × {points} → {score}",
    ),
    "explain.per_item": ("{value} 次 × {per} → {score}", "{value} × {per} → {score}"),
    "explain.per_item_cap": (
        "{value} 次 × {per} = {raw}，上限 {cap} → {score}",
        "{value} × {per} = {raw}, capped at {cap} → {score}",
    ),
    "explain.points": ("核定 {value} → {score}", "awarded {value} → {score}"),
    "explain.sum": ("{terms} → {score}", "{terms} → {score}"),
    "explain.sum_cap": (
        "{terms} = {raw}，上限 {cap} → {score}",
        "{terms} = {raw}, capped at {cap} → {score}",
    ),
    "explain.total": (
        "{base} + {bonus} − {deductions} → {total}",
        "{base} + {bonus} − {deductions} → {total}",
    ),
    "explain.total_floor": (
        "{base} + {bonus} − {deductions} < 0，按 0 计 → {total}",
        "{base} + {bonus} − {deductions} < 0, floored → {total}",
    ),
    "explain.unknown_unit": (
        "没有评分结果中的单位“{unit}”；可用：{known}",
        "no scored unit '{unit}'; scored units: {known}",
    ),
    "explain.header": (
        "{unit}（{group}） 总分 {total} · 第 {rank} 名 · 组内第 {group_rank} 名 · {grade}",
        "{unit} ({group}) total {total}, rank {rank}, group rank {group_rank}, {grade}",
    ),
    "explain.lost": ("失 {lost}", "lost {lost}"),
    "explain.whatif": ("还差多少", "What it takes"),
    "whatif.grade": (
        "距“{name}”（{target} 分）还差 {needed} 分",
        "{needed} more points to reach {name} ({target})",
    ),
    "whatif.rank": (
        "距上一名（{name} {target} 分）还差 {needed} 分",
        "{needed} more points to reach the rank of {name} ({target})",
    ),
    "whatif.top": ("已是最高等次、第一名", "already in the top grade and first"),
    "whatif.plan": ("方案 {n}：{changes}", "option {n}: {changes}"),
    "whatif.blank": ("空", "blank"),
    "whatif.change": (
        "{label} {before} → {after}（+{gain}）",
        "{label} {before} → {after} (+{gain})",
    ),
    "whatif.none": (
        "仅靠本单位的基础指标无法补足",
        "cannot be closed with the unit's own base inputs",
    ),
}
