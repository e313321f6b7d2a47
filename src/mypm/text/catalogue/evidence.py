"""Claims, evidence (佐证材料) and the office's review: receiving evidence, the units and fields a
command names, the review's decisions, and where evidence shows."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the rule format: claims and who reviews them
    "rules.review_needed": (
        "此项只由单位自查提交（{names}），指南未写核定单位：请用 reviewed_by 写明由谁对照佐证材料"
        "审核（如 mslb），并在 local 中说明这是本地取值",
        "only the unit's own claims certify this ({names}) and the guide names no certifying "
        "body: name who checks them against the evidence with reviewed_by (e.g. mslb), and say "
        "in local that this is a local choice",
    ),
    "rules.review_not_needed": (
        "此项有核定单位，由核定优先（precedence）决定计分，不需要 reviewed_by",
        "a certifying body certifies this field (precedence decides): reviewed_by is not needed",
    ),
    "rules.reviewer": (
        "reviewed_by 须是 certifiers 中不属于 claims 的考核组织（{known}），不能是“{id}”",
        "reviewed_by must be one of the certifiers that are no claims ({known}), not '{id}'",
    ),
    "local.attr.reviewed_by": ("审核", "review"),
    "local.attr.claims": ("单位自查", "claims"),
    # the units and fields a command names (mypm.season.names)
    "names.unknown_unit": (
        "本考核季没有单位“{unit}”（单位名单：{known}）",
        "the season has no unit '{unit}' (its units: {known})",
    ),
    "names.unknown_unit_close": (
        "本考核季没有单位“{unit}”，是否指“{close}”？",
        "the season has no unit '{unit}'; did you mean '{close}'?",
    ),
    "names.unknown_field": (
        "规则中没有指标“{field}”；请写字段键（如 org.leading_group）或指标名称，可用 mypm "
        "validate --tree 查看",
        "the rules have no field '{field}'; give a field key (e.g. org.leading_group) or an "
        "indicator's name, as mypm validate --tree lists them",
    ),
    "names.unknown_field_close": (
        "规则中没有指标“{field}”，是否指“{close}”？",
        "the rules have no field '{field}'; did you mean '{close}'?",
    ),
    "names.ambiguous_field": (
        "“{field}”在规则中不止一处，请改写字段键：{keys}",
        "'{field}' names more than one field of the rules; give one of these keys: {keys}",
    ),
    "names.choice": ("{key}（{label}）", "{key} ({label})"),
    # checking an evidence file (mypm.season.evidence)
    "evidence.link": (
        "是快捷方式（符号链接），不予接收；请给出文件本身",
        "is a link; give the file itself",
    ),
    "evidence.folder": (
        "是文件夹，不是文件；整批佐证材料请用 mypm receive --evidence 文件夹（文件夹内每个单位"
        "一个文件夹，其中每个指标一个文件夹）",
        "is a folder, not a file; to receive a whole delivery use mypm receive --evidence "
        "FOLDER (a folder per unit, holding a folder per field)",
    ),
    "evidence.empty": ("是空文件（0 字节），不予接收", "is empty (0 bytes); not received"),
    "evidence.too_big": (
        "文件 {size} MB，超过每个佐证文件 {limit} MB 的上限；请压缩或拆分后再交（上限可在 "
        "season.yaml 的 limits 中调整）",
        "the file is {size} MB, over the limit of {limit} MB an evidence file; compress or "
        "split it (the limit is set in season.yaml's limits)",
    ),
    "evidence.season_full": (
        "考核季的佐证材料已有 {used} MB，再收 {adding} MB 将超过 {limit} MB 的上限；请清理后"
        "另建考核季，或在 season.yaml 的 limits 中调高上限",
        "the season already holds {used} MB of evidence; {adding} MB more would pass its "
        "limit of {limit} MB (raise it in season.yaml's limits)",
    ),
    "evidence.not_a_delivery": (
        "不是文件夹；按单位、指标整理的佐证材料请给出其所在文件夹，单个文件请写 mypm receive "
        "--evidence 单位 指标 文件",
        "is not a folder; give the folder of a delivery, or for single files mypm receive "
        "--evidence UNIT FIELD FILE",
    ),
    "evidence.out_of_place": (
        "位置不对：佐证材料文件夹中每个单位一个文件夹，其中每个指标（字段键或指标名称）一个"
        "文件夹，文件放在指标文件夹里",
        "out of place: a delivery holds a folder per unit, each holding a folder per field "
        "(its key or name), with the files in the field's folder",
    ),
    "evidence.unproven": (
        "{field} 已计分，但没有收到指南要求的佐证材料（自查提交{asked}）；请让单位补交后用 mypm "
        "receive --evidence 收取",
        "{field} is scored but the evidence the guide asks for (the self-check's {asked}) has "
        "not been received; ask the unit for it and receive it with mypm receive --evidence",
    ),
    "label.evidence": ("佐证材料", "Evidence"),
    "label.asked": ("指南要求的材料", "What the guide asks for"),
    "label.deliver_to": ("交到（考核季文件夹内）", "Deliver to (in the season folder)"),
    "label.claim": ("自查值", "Claimed"),
    "status.sheet_unproven": ("缺佐证", "Evidence owed"),
    "status.sheet_pending": ("待审核", "To review"),
    "evidence.file": ("{name}（sha256 {sha}…）", "{name} (sha256 {sha}...)"),
    "evidence.files": ("佐证材料：{files}", "evidence: {files}"),
    "evidence.none": (
        "缺佐证（指南要求自查提交{asked}）",
        "no evidence (the guide asks for {asked})",
    ),
    "evidence.arguments": (
        "--evidence 需要：单位 指标 文件…（一个或多个文件），或一个按单位、指标整理的文件夹",
        "--evidence takes UNIT FIELD FILE... (one file or more), or one delivery folder",
    ),
    "evidence.received": (
        "已收佐证材料：{unit} › {field}：{original}（{type}，{size}，sha256 {sha}…）→ {file}",
        "evidence received: {unit} > {field}: {original} ({type}, {size}, sha256 {sha}...) → "
        "{file}",
    ),
    "evidence.duplicate": (
        "{unit} › {field}：{original} 与已收的 {file} 内容相同，不重复收取",
        "{unit} > {field}: {original} is the same file as {file}, already received",
    ),
    "log.evidence": (
        "收佐证材料 {unit} › {field}：{file}（sha256 {sha}…）",
        "evidence for {unit} > {field}: {file} (sha256 {sha}...)",
    ),
    "evidence.size_kb": ("{size} KB", "{size} KB"),
    "evidence.size_mb": ("{size} MB", "{size} MB"),
    "evidence.type.pdf": ("PDF", "PDF"),
    "evidence.type.jpeg": ("JPEG 图片", "JPEG image"),
    "evidence.type.png": ("PNG 图片", "PNG image"),
    "evidence.type.gif": ("GIF 图片", "GIF image"),
    "evidence.type.tiff": ("TIFF 图片（扫描件）", "TIFF image (scan)"),
    "evidence.type.bmp": ("BMP 图片", "BMP image"),
    "evidence.type.webp": ("WebP 图片", "WebP image"),
    "evidence.type.heic": ("HEIC 图片（手机照片）", "HEIC image (phone photo)"),
    "evidence.type.ole": ("旧版 Office/WPS 文档", "older Office/WPS document"),
    "evidence.type.zip": ("Office 文档或压缩包", "Office document or zip archive"),
    "evidence.type.rar": ("RAR 压缩包", "RAR archive"),
    "evidence.type.7z": ("7z 压缩包", "7z archive"),
    "evidence.type.rtf": ("RTF 文档", "RTF document"),
    "evidence.type.executable": ("可执行程序（不会运行）", "program (never run)"),
    "evidence.type.text": ("文本", "text"),
    "evidence.type.other": ("其他类型", "other type"),
    "evidence.empty_delivery": (
        "文件夹中没有佐证材料文件",
        "the folder holds no evidence files",
    ),
    # the office's review of the claims (mypm.season.review)
    "review.not_reviewed": (
        "{field} 由 {certifiers} 核定，不由考核办审核（只有指南未写核定单位的自查项才审核，见规则"
        "文件的 reviewed_by）",
        "{field} is certified by {certifiers}, not reviewed by the office (only self-check "
        "fields with no certifying body are, as the rule file's reviewed_by says)",
    ),
    "review.one_part": (
        "更正只能针对一个分项，请写分项的字段键：{keys}",
        "a correction is for one part: give a part's key: {keys}",
    ),
    "review.no_claim": (
        "{unit} 还没有填报 {field}（收到的表中为空），没有可审核的自查值",
        "{unit} has not filled in {field} (blank in the files received): there is no claim "
        "to review",
    ),
    "review.value_needed": (
        "更正 {field} 须用 --value 给出核定的值",
        "correcting {field} needs the value decided, with --value",
    ),
    "review.bad_value": (
        "{field} 不能取值“{value}”：{problem}",
        "{field} cannot take the value '{value}': {problem}",
    ),
    "review.value_with_accept": (
        "接受（accept）自查值时不写 --value；要改值请用 correct",
        "accept takes no --value; to change the value use correct",
    ),
    "review.arguments": (
        "用法：mypm review 单位 指标 accept|correct [--value 值] --reason 理由，或 mypm review "
        "--accept-all [单位]",
        "usage: mypm review UNIT FIELD accept|correct [--value V] --reason TEXT, or mypm review "
        "--accept-all [UNIT]",
    ),
    "review.accept_all_arguments": (
        "--accept-all 只可再写一个单位（接受该单位全部待审核的自查值），不写指标和 --value",
        "--accept-all takes at most a unit (to accept that unit's pending claims), no field "
        "and no --value",
    ),
    "review.accepted": (
        "已记录审核 {ref}：{unit} › {field} 自查 {claim}，接受；理由：{reason}",
        "review {ref} recorded: {unit} > {field} claimed {claim}, accepted; reason: {reason}",
    ),
    "review.corrected": (
        "已记录审核 {ref}：{unit} › {field} 自查 {claim}，更正为 {value}；理由：{reason}",
        "review {ref} recorded: {unit} > {field} claimed {claim}, corrected to {value}; "
        "reason: {reason}",
    ),
    "review.no_reason": ("全部接受", "all accepted"),
    "review.nothing_pending": ("没有待审核的自查值", "no claim is pending review"),
    "review.pending": (
        "{field}（{key}）自查 {claim}，尚未审核",
        "{field} ({key}) claimed {claim}, not yet reviewed",
    ),
    "review.pending_advice": (
        "用 mypm review 单位 指标 accept|correct --reason 理由 逐项审核，或 mypm review "
        "--accept-all；试发布请加 --draft",
        "review each with mypm review UNIT FIELD accept|correct --reason TEXT, or mypm review "
        "--accept-all; to publish a draft add --draft",
    ),
    "log.review": (
        "审核 {unit} › {field}：自查 {claim}，{verdict}；{reason}",
        "review of {unit} > {field}: claimed {claim}, {verdict}; {reason}",
    ),
    "review.verdict.accept": ("接受", "accepted"),
    "review.verdict.correct": ("更正为 {value}", "corrected to {value}"),
    "help.review": (
        "记录考核办对单位自查值的审核（规则中由考核办审核的指标）：接受，或用 --value 更正，并用 "
        "--reason 写明理由；每个决定记入台账。--accept-all [单位] 接受全部（或该单位）待审核的"
        "自查值。",
        "Record the office's decision on a unit's claim (a field the rules say it reviews): "
        "accept it, or correct it to --value, with --reason; each decision is a ledger entry. "
        "--accept-all [UNIT] accepts every claim still pending (of one unit, or all).",
    ),
    "help.review.value": (
        "更正后的值（如 否、1、95%）。",
        "The corrected value (e.g. 否, 1, 95%).",
    ),
    "help.review.reason": ("审核理由（记入台账）。", "Why (kept in the ledger)."),
    "help.review.accept_all": (
        "接受全部待审核的自查值（可只写一个单位）。",
        "Accept every claim still pending (optionally of one unit).",
    ),
    # status in a season: what the units still owe beyond the forms, what the office reviews
    "status.unproven": (
        "缺佐证（{count} 项，请单位补交）：",
        "evidence missing ({count}; ask the units for it):",
    ),
    "status.unproven_line": (
        "{unit} · {field} · {asked} · 交到 {folder}",
        "{unit}, {field}: {asked}, goes in {folder}",
    ),
    "status.unproven_asked": ("自查提交{asked}", "the self-check's {asked}"),
    "status.pending": ("待审核的自查值（{count} 项）：", "claims to review ({count}):"),
    "status.pending_line": (
        "{unit} · {field} · 自查 {claim} · {cell}",
        "{unit}, {field}: claimed {claim}, {cell}",
    ),
    "guide.how.claims": (
        "考核组织为{names}的指标是被考核单位的自查：由被考核单位自己填写，并随表提交指南要求的"
        "佐证材料（按单位一个文件夹、其中每个指标一个文件夹，如“{folder}/单位/指标字段键/”）；"
        "指南写了核定单位的以核定值为准，未写的由考核办对照佐证材料审核。",
        "The fields certified by {names} are the unit's own self-check: the unit fills them "
        "in and sends the evidence the guide asks for with them (a folder per unit holding a "
        "folder per field, as '{folder}/unit/field key/'); where the guide names a certifying "
        "body its value counts, otherwise the office reviews them against the evidence.",
    ),
    "status.unproven_summary": (
        "表格之外还缺 {count} 项佐证材料，计为未收齐（退出码 1）",
        "{count} piece{s} of evidence still missing beyond the forms: not complete (exit 1)",
    ),
    # the review form (mypm template --review) and reading it back
    "review.form_title": (
        "{year}年度 {title} 自查值审核表（{reviewer}）",
        "{year} {title}: review of the units' claims ({reviewer})",
    ),
    "review.column.unit": ("单位", "Unit"),
    "review.column.field": ("考核指标", "Indicator"),
    "review.column.key": ("字段键", "Field key"),
    "review.column.claim": ("自查值", "Claim"),
    "review.column.cell": ("自查值所在单元格", "Claim's cell"),
    "review.column.evidence": ("佐证材料", "Evidence"),
    "review.column.verdict": ("审核结论（接受/更正）", "Decision (accept/correct)"),
    "review.column.value": ("更正值", "Corrected value"),
    "review.column.reason": ("理由", "Reason"),
    "review.form_verdict": (
        "审核结论应为“接受”或“更正”，这里是“{text}”",
        "the decision must be 接受 (accept) or 更正 (correct), not '{text}'",
    ),
    "review.form_not_a_form": (
        "不是本考核季的审核表（工作簿中没有“审核”表）",
        "not a review form of this season (no Review sheet)",
    ),
    "review.form_received": (
        "已收取审核表 {path} → {file}，记录审核 {count} 项",
        "review form {path} received → {file}, {count} decision{s} recorded",
    ),
    "help.template.review": (
        "在考核季中写出审核表：每个审核单位一份，列出各单位待审核的自查值及其佐证材料，留有"
        "审核结论、更正值和理由栏；填好后用 mypm receive 收取。",
        "In a season, write the review forms: one per reviewing certifier, listing each unit's "
        "claims to review with their evidence, with columns for the decision, the corrected "
        "value and the reason; receive the filled form with mypm receive.",
    ),
}
