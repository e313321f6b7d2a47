"""Values decided on the record (review corrections, appeal decisions) and appeals (申诉/复核):
recording, deciding, listing and applying them, and the commands' help."""

MESSAGES: dict[str, tuple[str, str]] = {
    "decided.unknown_unit": (
        "{ref}：没有名为 {unit} 的单位",
        "{ref}: there is no unit named {unit}",
    ),
    "decided.unknown_field": (
        "{ref}：规则中没有字段 {field}",
        "{ref}: the rules have no field {field}",
    ),
    "decided.no_data": (
        "{ref}：{unit} 没有交回数据，无法对 {field} 作出调整",
        "{ref}: {unit} returned no data, so {field} cannot be adjusted",
    ),
    "decided.value": (
        "{ref}：{unit} 的 {field} 决定值不可用：{problem}",
        "{ref}: the value decided for {unit}, {field} cannot be used: {problem}",
    ),
    "decided.blank": (
        "{ref}：{unit} 的 {field} 决定值为空",
        "{ref}: the value decided for {unit}, {field} is blank",
    ),
    "decided.review": (
        "{unit} 的 {field}：复核核定 {value}（自查 {claim}），依据 {ref}",
        "{unit}, {field}: the review set {value} (claimed {claim}), per {ref}",
    ),
    "decided.appeal": (
        "{unit} 的 {field}：复核调整 {before} → {value}，依据 {ref}",
        "{unit}, {field}: adjusted on appeal {before} → {value}, per {ref}",
    ),
    "explain.appeal": (
        "{terms}（复核调整：原值 {before} → {before_score}，新值 {value} → {score}，"
        "依据 {ref}：{reason}）",
        "{terms} (adjusted on appeal: was {before} → {before_score}, now {value} → {score}, "
        "per {ref}: {reason})",
    ),
    "explain.review": (
        "{text}（复核依据 {ref}：{reason}）",
        "{text} (reviewed, per {ref}: {reason})",
    ),
}
