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
}
