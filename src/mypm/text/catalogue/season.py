"""The season folder: init, receive, the ledger, log and verify, renamed units, certification
precedence, and the season's commands' help."""

from mypm.text.vocabulary import HEADINGS

MESSAGES: dict[str, tuple[str, str]] = {
    "local.attr.precedence": ("核定优先", "precedence"),
    "ledger.exists": ("此处已有台账，不会覆盖", "a ledger is already here; it is never replaced"),
    "ledger.missing": (
        "找不到考核季的台账；请从考核季文件夹的备份中取回 ledger.sqlite（mypm 不会新建台账来"
        "替代已有的历史）",
        "the season's ledger is missing; bring ledger.sqlite back from a copy of the season "
        "folder (mypm never makes a new ledger in place of a season's history)",
    ),
    "ledger.damaged": (
        "台账已损坏（{error}）；请从考核季文件夹的备份中取回 ledger.sqlite，并保留损坏的文件供核查",
        "the ledger is damaged ({error}); bring ledger.sqlite back from a copy of the season "
        "folder and keep the damaged file for inspection",
    ),
    "ledger.not_database": ("文件不是 SQLite 数据库：{error}", "not an SQLite database: {error}"),
    "ledger.malformed": ("数据库内容已损坏：{error}", "its content is damaged: {error}"),
    "ledger.cannot_open": ("无法打开数据库文件：{error}", "cannot be opened: {error}"),
    "ledger.sqlite_said": ("SQLite 报告：{error}", "SQLite said: {error}"),
    "ledger.newer": (
        "台账由更新版本的 mypm 建立（版本 {version}，本程序只认识到 {known}）；请升级 mypm",
        "the ledger was made by a newer mypm (schema {version}; this one knows up to {known}); "
        "upgrade mypm",
    ),
    "ledger.busy": (
        "另一个 mypm 命令正在写台账，等待 {seconds} 秒后仍未结束；请等它完成后重试（退出码 75）",
        "another mypm command is writing the ledger and did not finish within {seconds} "
        "seconds; try again when it has finished (exit code 75)",
    ),
    "ledger.gap": ("台账缺少第 {seq} 条记录（被删除）", "ledger entry {seq} is missing (deleted)"),
    "ledger.bad_link": (
        "台账第 {seq} 条记录与前一条接不上（前面的记录被改动、删除或插入）",
        "ledger entry {seq} does not follow the one before (an entry was edited, deleted or "
        "put in between)",
    ),
    "ledger.edited": (
        "台账第 {seq} 条记录被手工改动过（哈希不符）",
        "ledger entry {seq} was edited by hand (its hash does not match)",
    ),
    "compare.side_season": ("{year}年度考核季", "{year} season"),
    "explain.former_name": (
        "“{former}”是 {unit} 的曾用名，以下是 {unit} 的得分说明",
        "'{former}' is a former name of {unit}; this is {unit}'s score",
    ),
    "option.bad_day": (
        "“{value}”不是日期；请按 2014-01-15 的形式填写（年-月-日）",
        "'{value}' is not a date; write it as 2014-01-15 (year-month-day)",
    ),
    "receive.future": (
        "收到时间 {moment} 晚于现在（{now}）；请填写文件实际送达的时间（如邮件日期），不填则为现在",
        "the time received, {moment}, is later than now ({now}); give when the files really "
        "arrived (the mail's date), or leave it out for now",
    ),
    "option.bad_moment": (
        "“{value}”不是日期和时间；请按 2014-01-15 09:30 的形式填写（年-月-日 时：分），"
        "只写日期则为当天 0 点",
        "'{value}' is not a date and time; write it as 2014-01-15 09:30 (year-month-day "
        "hour:minute); a date alone means the start of that day",
    ),
    "ledger.cut": (
        "台账第 {seq} 条之后的记录不见了：考核季中有 {count} 个文件（如 {file}）由其后的记录收取"
        "或写出，台账中却没有这些记录",
        "the ledger's entries after #{seq} are missing: {count} file{s} of the season (such as "
        "{file}) were received or written by later entries the ledger no longer holds",
    ),
    "ledger.broken": (
        "{what}，台账的历史已不可信，mypm 不会据此做任何事（共 {count} 处不符，mypm log 可逐条"
        "查看）；请从考核季文件夹的备份或归档中取回 ledger.sqlite，并保留现在的文件供核查",
        "{what}: the ledger's history can no longer be trusted and mypm acts on none of it "
        "({count} place{s} in all; mypm log lists them); bring ledger.sqlite back from a copy or "
        "archive of the season folder and keep this file for inspection",
    ),
    "config.header": (
        "mypm 考核季配置：改动后用任一 mypm 命令检查；切勿手工改动规则文件或台账。",
        "mypm season configuration: check it with any mypm command after a change; never edit "
        "the rule file or the ledger by hand.",
    ),
    "config.format": ("本文件的格式（1）。", "The format of this file (1)."),
    "config.office": ("组织考核的办公室。", "The office running the season."),
    "config.kind": (
        "规则集的类别（county、department …）。",
        "The rule set's kind (county, department, ...).",
    ),
    "config.year": ("考核年度。", "The year assessed."),
    "config.rules": (
        "本考核季的规则文件，在考核季文件夹的 规则/ 中。",
        "The season's rule file, under 规则/ in the season folder.",
    ),
    "config.rules_sha256": (
        "建立考核季时规则文件的 sha256；规则文件被改动即拒绝。",
        "sha256 of the rule file when the season was made; a changed file is refused.",
    ),
    "config.units": (
        "本办公室的单位名单（.csv/.xlsx/.txt），在 规则/ 中（如有）。",
        "The office's unit list (.csv/.xlsx/.txt) under 规则/, if any.",
    ),
    "config.units_sha256": (
        "建立考核季时单位名单的 sha256；名单被改动即拒绝。",
        "sha256 of the unit list when the season was made; a changed list is refused.",
    ),
    "config.deadline": (
        "交回填报表的截止日（到当天结束）。",
        "The day files are due back (end of that day).",
    ),
    "config.reply_deadline": (
        "反馈单回复（及申诉）的截止日。",
        "The day the 反馈单's replies (and appeals) are due.",
    ),
    "config.timezone": (
        "办公室所在的时区（IANA 时区名，如 Asia/Shanghai）。",
        "IANA time zone of the office.",
    ),
    "config.folders": (
        "考核季文件夹中的各文件夹：发出的空白表格、收回的文件、评分结果、佐证材料。",
        "The season's folders: blank forms sent out, files received, results, evidence.",
    ),
    "config.limits": (
        "佐证材料的大小上限（MB）：每个文件、整个考核季。",
        "Limits on evidence (MB): per file, for the whole season.",
    ),
    "season.inside": (
        "此处在考核季 {folder} 之中；考核季文件夹不能放在另一个考核季里面，请换一个位置建立",
        "this is inside the season {folder}; a season folder cannot be made inside another "
        "season: choose another place",
    ),
    "season.not_plain_name": (
        "“{name}”须是考核季文件夹中的一个文件或文件夹名（不含路径分隔符，不能是 ..）",
        "'{name}' must be a plain name inside the season folder (no path separators, not ..)",
    ),
    "season.not_a_season": (
        "{path} 不是考核季文件夹（其中没有 season.yaml）；请用 mypm init 建立",
        "{path} is not a season folder (no season.yaml in it); make one with mypm init",
    ),
    "season.rules_changed": (
        "考核季的规则文件在建立后被改动过（记录的 sha256 为 {recorded}…，现为 {now}…）；如确需"
        "改用新规则，请新建考核季",
        "the season's rule file changed after the season was made (recorded sha256 "
        "{recorded}..., now {now}...); to score by new rules, make a new season",
    ),
    "season.units_changed": (
        "考核季的单位名单在建立后被改动过（记录的 sha256 为 {recorded}…，现为 {now}…）；请从备份"
        "中恢复原名单；如确需改用新名单，请新建考核季",
        "the season's unit list changed after the season was made (recorded sha256 "
        "{recorded}..., now {now}...); put the original back from a copy, or make a new season "
        "to use a new list",
    ),
    "season.kind_mismatch": (
        "season.yaml 的 kind 为 {kind}，规则文件却是 {rules}",
        "season.yaml says kind {kind} but the rule file is {rules}",
    ),
    "season.already": (
        "此文件夹已是一个考核季，不会覆盖其配置和台账",
        "this folder already is a season; its configuration and ledger are never replaced",
    ),
    "season.not_empty": (
        "文件夹不是空的；请换一个新文件夹，或加 --force 在其中建立考核季（已有文件不动）",
        "the folder is not empty; choose a new one, or add --force to make the season in it "
        "(the files there are left alone)",
    ),
    "season.none_here": (
        "{path} 不在任何考核季文件夹中；请进入考核季文件夹，或用 --season 或环境变量 MYPM_SEASON "
        "指明（新建考核季：mypm init 文件夹）",
        "{path} is in no season folder; go into one, or name it with --season or MYPM_SEASON "
        "(make one with mypm init FOLDER)",
    ),
    "season.no_parent": ("上级文件夹不存在", "the folder above it does not exist"),
    "season.no_deadline": (
        "规则（{kind}）未给出自查截止日期；请用 --deadline YYYY-MM-DD 指定收表截止日期",
        "the rules ({kind}) give no self-check deadline; give the return deadline with "
        "--deadline YYYY-MM-DD",
    ),
    "season.reply_before_deadline": (
        "反馈单回复截止日期 {reply} 早于收表截止日期 {deadline}；请给出其后的日期",
        "the reply deadline {reply} is before the return deadline {deadline}; give a later day",
    ),
    "receive.blank_form": (
        "这是本考核季发出的空白填报表 {form}（与 mypm template 写出的文件完全相同），不是填好"
        "交回的表格；未收取，请向填报单位要回填好的文件",
        "this is the blank form {form} the season sent out (the very file mypm template wrote), "
        "not one filled in and returned; not received: ask for the filled-in file",
    ),
    "receive.no_values": (
        "注意：此文件一个数值也没有填（所有单元格都是空的）；请确认对方交回的是填好的文件",
        "note: this file holds no value at all (every cell is blank); check that the file "
        "returned is the filled-in one",
    ),
    "receive.not_a_form": (
        "不是 mypm 为本考核季（{id}）生成的填报表，无法判断是谁的表；请让填报单位使用发出表格"
        "中的表重新填报",
        "not a form mypm made for this season ({id}), so whose form it is cannot be told; ask "
        "for it on a form from the forms folder",
    ),
    "receive.other_rules": (
        "这是另一套规则的表格（{id}，{kind}），本考核季用 {season}；未收取",
        "a form of another rule set ({id}, {kind}); this season uses {season}; not received",
    ),
    "receive.changed": (
        "读取时文件被改动；请关闭正在编辑它的程序后重试",
        "the file changed while it was read; close the program editing it and try again",
    ),
    "receive.edited": (
        "收取后被改动过：与台账第 {seq} 条收取记录（{received} 收到，原名 {original}，sha256 "
        "{sha}…）不符，mypm 不读取改动过的收回文件；如改动是更正，请用 mypm receive 把这个文件"
        "作为新版本收取（原版本随即不再计分）；否则请从备份中恢复收到的原件",
        "changed since it was received: it no longer matches receipt {seq} in the ledger "
        "(received {received}, originally {original}, sha256 {sha}...), and mypm reads no "
        "received file that was changed; if the change is a correction, receive this file "
        "with mypm receive as a new version (the one received then no longer counts); "
        "otherwise put the received file back from a copy",
    ),
    "receive.gone": (
        "收回文件不见了：台账第 {seq} 条收取记录（{received} 收到，原名 {original}，sha256 "
        "{sha}…）所收的文件已被删除或移走；请从备份中放回原处",
        "a received file is gone: the file of receipt {seq} in the ledger (received "
        "{received}, originally {original}, sha256 {sha}...) was deleted or moved; put it back "
        "from a copy",
    ),
    "receive.no_name": (
        "同一秒内收到的同名文件过多",
        "too many files of one form received in the same second",
    ),
    "receive.unknown_version": (
        "没有名为“{name}”的已收文件；已收文件：{known}",
        "no received file is named '{name}'; received: {known}",
    ),
    "receive.already_withdrawn": ("{name} 已撤回", "{name} is already withdrawn"),
    "receive.already_current": ("{name} 已是有效版本", "{name} already counts"),
    "extend.unknown": (
        "“{target}”既不是考核组织也不是被考核单位；可选：{known}",
        "'{target}' is neither a certifier nor a unit; known: {known}",
    ),
    "extend.before_deadline": (
        "延期至 {until} 早于截止日期 {deadline}",
        "the extension to {until} is before the deadline {deadline}",
    ),
    "season.made": (
        "已建立考核季 {path}（{id}，收表截止 {deadline}）：发出表格在 {forms}，收回文件在 "
        "{returned}，评分结果在 {results}",
        "season made at {path} ({id}, returns due {deadline}): forms in {forms}, returned files "
        "in {returned}, results in {results}",
    ),
    "version.line": (
        "{name}（{when} 收到，{state}{late}）",
        "{name} (received {when}, {state}{late})",
    ),
    "version.current": ("有效", "current"),
    "version.superseded": ("已被取代", "superseded"),
    "version.withdrawn": ("已撤回", "withdrawn"),
    "version.late": ("，逾期", ", late"),
    "receive.received": ("已收取 {path} → {line}：{held}", "received {path} → {line}: {held}"),
    "receive.holds": ("{form}，含 {units} 个单位的行", "{form}, {units} unit rows"),
    "receive.form_self_check": ("单位自查表", "a unit's self-check form"),
    "receive.form_unit": ("{unit} 的填报表（{certifier}）", "{unit}'s form ({certifier})"),
    "receive.form_certifier": ("{certifier}的填报表", "the form of {certifier}"),
    "receive.all": ("全部考核组织", "every certifier"),
    "receive.not_spreadsheet": (
        "不是表格文件（不是 Excel/WPS 工作簿），不是填报表，未收取；请只收取各单位用发出表格"
        "填好的 .xlsx 文件",
        "not a spreadsheet (no Excel/WPS workbook), so no form; not received. Receive only "
        "the .xlsx forms the units filled in",
    ),
    "log.duplicate": (
        "重复收到 {original}（{when} 收到，与已收的 {same} 内容相同，未另存）",
        "arrived again: {original} (arrived {when}, the same as {same}; not kept twice)",
    ),
    "log.superseded_by": ("已被取代，现以 {file} 为准", "superseded by {file}"),
    "log.late": ("逾期", "late"),
    "log.states": ("：{states}", ": {states}"),
    "receive.duplicate": (
        "{path} 与已收的 {same} 内容相同，不重复收取",
        "{path} is the same file as {same}, already received",
    ),
    "receive.skipped": (
        "未收取 {path}：不是表格文件（文件夹中的其他文件，已跳过）",
        "not received {path}: no spreadsheet (another file in the folder, skipped)",
    ),
    "receive.refused": ("未收取 {path}：", "not received {path}:"),
    "receive.superseded": (
        "  取代了 {file}（保留，不再计分）",
        "  supersedes {file} (kept, no longer scored)",
    ),
    "receive.owed": (
        "  其中仍有 {count} 个必填单元格为空，还须催报：",
        "  {count} required cell{s} in it still blank, still to chase:",
    ),
    "receive.owed_cell": ("    {unit} · {field}（{cell}）", "    {unit} - {field} ({cell})"),
    "receive.owed_more": (
        "    ……另有 {count} 个，mypm status 列出全部",
        "    ... {count} more: mypm status lists them all",
    ),
    "receive.withdrawn": ("已撤回 {line}", "withdrawn: {line}"),
    "receive.restored": ("已恢复 {line}", "restored: {line}"),
    "extend.granted": (
        "已延期：{target} 至 {until}（{reason}）",
        "extended: {target} until {until} ({reason})",
    ),
    "prov.ledger_head": HEADINGS["ledger_head"],
    "prov.late": ("{name}（逾期收到）", "{name} (received late)"),
    "season.no_files": (
        "请给出要读取的工作簿（文件或文件夹），或在考核季文件夹中运行",
        "give the workbooks to read (files or folders), or run inside a season folder",
    ),
    "season.nothing_received": (
        "考核季还没有收到任何文件；请先用 mypm receive 收取退回的表格",
        "the season has received no files yet; receive the returned forms with mypm receive first",
    ),
    "season.kind_needed": (
        "请用 --kind 指明规则套（如 county、department），或在考核季文件夹中运行",
        "name the rule set with --kind (such as county or department), or run inside a season "
        "folder",
    ),
    "log.damaged": (
        "（此条记录已被改动，不按记录显示；存的内容：{data}）",
        "(this entry was changed; not shown as a record; stored: {data})",
    ),
    "log.line": ("#{seq} {at} {user}  ", "#{seq} {at} {user}  "),
    "log.season": (
        "建立考核季（{kind}，{year}年，收表截止 {deadline}）",
        "season made ({kind}, {year}, returns due {deadline})",
    ),
    "log.receipt": (
        "收取 {file}（原名 {original}，{when} 收到，sha256 {sha}…）",
        "received {file} (was {original}, arrived {when}, sha256 {sha}...)",
    ),
    "log.withdraw": ("撤回 {file}：{reason}", "withdrew {file}: {reason}"),
    "log.restore": ("恢复 {file}：{reason}", "restored {file}: {reason}"),
    "log.extension": (
        "延期 {target} 至 {until}：{reason}",
        "extended {target} to {until}: {reason}",
    ),
    "log.run": (
        "运行 {command}（mypm {version}，读入 {inputs} 个文件，写出 {outputs}）",
        "ran {command} (mypm {version}, {inputs} inputs, wrote {outputs})",
    ),
    "log.broken": ("台账不符：{message}", "chain broken: {message}"),
    "verify.identical_unscored": (
        "一致：{result} 由台账第 {seq} 条记录的运行（{command}）写出；文件未被改动（按 sha256 "
        "核对），输入、规则和程序版本未变。它不是评分结果，不重新评分",
        "identical: {result} was written by the run of ledger entry {seq} ({command}); it is "
        "unchanged (by its sha256), so are its inputs, rules and mypm version. It is no scored "
        "result, so it is not scored again",
    ),
    "verify.identical": (
        "一致：{result} 由台账第 {seq} 条记录的运行（{command}）生成；结果未被改动，输入、规则和"
        "程序版本未变，重新评分（评分工作簿和 JSON）数字相同",
        "identical: {result} was made by the run of ledger entry {seq} ({command}); it is "
        "unchanged, so are its inputs, rules and mypm version, and scoring again (a scored "
        "workbook or JSON) gives the same figures",
    ),
    "verify.run": (
        "{result} 由台账第 {seq} 条记录的运行（{command}）生成，发现以下不同：",
        "{result} was made by the run of ledger entry {seq} ({command}); differences:",
    ),
    "verify.differences": ("共 {count} 处不同。", "{count} difference{s}."),
    "verify.no_results": (
        "考核季中还没有运行写出过评分结果；请先运行 mypm score",
        "no run of this season has written results yet; run mypm score first",
    ),
    "verify.no_such_result": ("找不到此文件或文件夹", "no such file or folder"),
    "verify.unknown_result": (
        "台账中没有哪次运行写出过此文件（名称和内容都对不上）；请给出考核季评分结果文件夹中的文件",
        "no run in the ledger wrote this file (neither its name nor its content matches); "
        "give a file from the season's results folder",
    ),
    "verify.ledger_cut": (
        "此结果记录的台账位置（{head}…）已不在台账中：台账末尾的记录被删去或台账被替换",
        "the ledger position this result records ({head}...) is no longer in the ledger: "
        "entries were cut off its end, or the ledger was replaced",
    ),
    "verify.result_missing": ("结果已不存在", "the result no longer exists"),
    "verify.result_edited": (
        "结果文件在写出后被改动过（哈希与记录不符）",
        "the result was changed after it was written (its hash differs from the record)",
    ),
    "verify.page_added": ("写出后新增的文件", "a file added after it was written"),
    "verify.page_removed": ("写出后被删除的文件", "a file removed after it was written"),
    "verify.page_edited": ("写出后被改动的文件", "a file changed after it was written"),
    "verify.input_missing": ("记录的输入文件已不存在", "a recorded input is gone"),
    "verify.input_changed": (
        "记录的输入文件在运行后被改动过（哈希不符）",
        "a recorded input changed after the run (its hash differs)",
    ),
    "verify.rules_changed": ("规则文件在运行后被改动过", "the rule file changed after the run"),
    "verify.units_changed": ("单位名单在运行后被改动过", "the unit list changed after the run"),
    "verify.other_version": (
        "结果由 mypm {then} 生成，现在是 mypm {now}",
        "the result was made by mypm {then}; this is mypm {now}",
    ),
    "verify.head_mismatch": (
        "第 {seq} 条运行记录的台账位置与其前一条不符",
        "run entry {seq} records a ledger position other than the entry before it",
    ),
    "verify.unit_missing": (
        "重新评分有 {unit}，结果中没有",
        "{unit} is scored again but not in the result",
    ),
    "verify.unit_extra": (
        "结果中有 {unit}，重新评分没有",
        "{unit} is in the result but not scored again",
    ),
    "verify.unit_figure": (
        "{unit} 的{figure}：结果中为 {shown}，重新评分为 {again}（结果被手工改动过？）",
        "{unit}'s {figure}: the result says {shown}, scoring again gives {again} (edited by hand?)",
    ),
    "verify.field_score": (
        "{unit} 的 {field} 得分：结果中为 {shown}，重新评分为 {again}",
        "{unit}'s score on {field}: the result says {shown}, scoring again gives {again}",
    ),
    "status.notes": ("说明（{count} 条，不影响收齐）：", "Notes ({count}, not problems):"),
    "status.files": ("考核季已收文件 {count} 个：", "{count} file{s} received in the season:"),
    "units.former_clash": (
        "曾用名“{name}”与现有单位名或另一单位的曾用名相同，无法判断指哪个单位",
        "former name '{name}' is also a current name or another unit's former name: which "
        "unit it means cannot be told",
    ),
    "merge.former_name": (
        "“{former}”是 {unit} 的曾用名，按 {unit} 读取",
        "'{former}' is a former name of {unit}; read as {unit}",
    ),
    "compare.renamed": (
        "{before} 即 {after}（曾用名），按同一单位比较",
        "{before} is {after} (a former name), compared as one unit",
    ),
    "rules.precedence": (
        "precedence 须把 certified_by 的每个考核组织（{ids}）各列一次",
        "precedence must list each of certified_by's certifiers ({ids}) once",
    ),
    "merge.certified_down": (
        "{unit} 的 {field}：自查 {claim}（{claim_cell}），核定 {value}（{cell}），"
        "按核定值计分（核减）",
        "{unit}, {field}: claimed {claim} ({claim_cell}), certified {value} ({cell}); the "
        "certified value is scored (reduced)",
    ),
    "merge.certified_up": (
        "{unit} 的 {field}：自查 {claim}（{claim_cell}），核定 {value}（{cell}），"
        "按核定值计分（核增）",
        "{unit}, {field}: claimed {claim} ({claim_cell}), certified {value} ({cell}); the "
        "certified value is scored (raised)",
    ),
    "explain.certified_down": (
        "{terms}（按核定值计分；自查 {claim} → {claimed}，{claim_cell}；核减 {change}）",
        "{terms} (the certified value is scored; claimed {claim} → {claimed}, {claim_cell}; "
        "reduced by {change})",
    ),
    "explain.certified_up": (
        "{terms}（按核定值计分；自查 {claim} → {claimed}，{claim_cell}；核增 {change}）",
        "{terms} (the certified value is scored; claimed {claim} → {claimed}, {claim_cell}; "
        "raised by {change})",
    ),
    "compare.certified_down": (
        "{value}（自查 {claim}，核减）",
        "{value} (claimed {claim}, reduced)",
    ),
    "compare.certified_up": ("{value}（自查 {claim}，核增）", "{value} (claimed {claim}, raised)"),
    # the season's commands and options (`help.<command>`, `help.<command>.<option>`)
    "help.season": (
        "考核季文件夹（默认：环境变量 MYPM_SEASON，否则为当前文件夹或其上级中"
        "含 season.yaml 的那个）。",
        "The season folder (default: $MYPM_SEASON, else this folder or the one above it holding "
        "season.yaml).",
    ),
    "help.init": (
        "建立考核季文件夹：配置文件，复制进来的规则与单位名单，发出表格、收回文件、评分结果三个文件夹，"
        "以及台账。",
        "Make a season folder: its configuration, the rules and unit list copied in, folders for "
        "the forms sent, the files returned and the results, and the ledger.",
    ),
    "help.init.kind": (
        "用哪一套内置规则：county（县市区）或 department（市级部门）。",
        "Which bundled rule set: county or department.",
    ),
    "help.init.rules": (
        "用此规则文件代替内置规则（考核季的类别取自该文件）。",
        "A rule file instead of the bundled rules (its kind is the season's).",
    ),
    "help.init.year": (
        "考核年度（默认取规则文件的年度）。",
        "The year assessed (default: the rule file's).",
    ),
    "help.init.units": (
        "本办的单位名单（.txt、.csv、.xlsx），复制到考核季中。",
        "The office's unit list (.txt, .csv, .xlsx), copied into the season.",
    ),
    "help.init.deadline": (
        "收表截止日期（默认取规则文件的 self_check_deadline）。",
        "The day files are due back (default: the rule file's self_check_deadline).",
    ),
    "help.init.reply_deadline": (
        "反馈单的回复（申诉）截止日期，如 2014-02-10，publish 印在每张反馈单上"
        "（默认不设：反馈单留空由人工填写）。",
        "The day replies (and appeals) to the 反馈单 are due, e.g. 2014-02-10, printed by publish "
        "on every sheet (default: none, the sheet leaves it blank to write by hand).",
    ),
    "help.init.force": (
        "在非空文件夹中建立考核季。",
        "Make the season in a folder that is not empty.",
    ),
    "help.receive": (
        "把退回的工作簿（文件或文件夹）收进考核季：逐个检查，按规范名称保存副本并记入台账；同一表格"
        "后收到的文件取代先收到的。有文件被拒收时退出码为 1（其余文件照常收取）。加 --evidence："
        "单位 指标 文件…（或按单位、指标整理的文件夹）是佐证材料，全部收取或全部不收。",
        "Receive returned workbooks (files or folders) into the season: check each, keep a copy "
        "under its canonical name and record it; a later file of the same form supersedes the "
        "earlier one. Exits 1 when a file was refused (the others are received). With "
        "--evidence: UNIT FIELD FILE... (or a delivery folder) are evidence files, all "
        "received or none.",
    ),
    "help.receive.evidence": (
        "收佐证材料：参数为 单位 指标 文件…（指标写字段键或唯一的指标名称），或一个文件夹（每个"
        "单位一个文件夹，其中每个指标一个文件夹）。",
        "Receive evidence: the arguments are UNIT FIELD FILE... (FIELD a key or a name found "
        "once in the rules), or one folder (a folder per unit, holding a folder per field).",
    ),
    "help.receive.received_at": (
        "文件实际送达的时间（如邮件日期），例如“2014-01-15 09:30”，只写日期则为当天 0 点；"
        "默认为现在，不能晚于现在。",
        "When the files really arrived (the mail's date), e.g. '2014-01-15 09:30', a date alone "
        "meaning the start of that day; default now, never later than now.",
    ),
    "help.extend": (
        "为一个单位或考核组织（代号或名称）延长交表期限。",
        "Give a unit or a certifier (by id or name) until a later day to return its files.",
    ),
    "help.extend.until": ("新的截止日期。", "The new due day."),
    "help.extend.reason": ("延期理由。", "Why the extension is granted."),
    "help.withdraw": (
        "撤回一个已收文件（按其在收回文件夹中的名称）：文件保留并列出，但不再计分；其前一版本重新有效。",
        "Withdraw a received file (by its name in the returned folder): it is kept and listed, "
        "but no longer scored; the version before it counts again.",
    ),
    "help.withdraw.reason": ("撤回理由。", "Why the file no longer counts."),
    "help.restore": (
        "恢复一个已被取代或撤回的文件：它重新有效，优先于其后的版本。",
        "Bring back a superseded or withdrawn file: it counts again, over any later version.",
    ),
    "help.restore.reason": ("恢复理由。", "Why the file counts again."),
    "help.log": (
        "按顺序列出考核季台账：每次收取、版本变更、延期和运行。记录链断开时退出码为 1。",
        "List the season's ledger: every receipt, version change, extension and run, in order. "
        "Exits 1 when the chain of entries is broken.",
    ),
    "help.log.format": (
        "在终端逐行显示，或以 JSON 输出每条记录的全部内容。",
        "Lines on the terminal, or every entry whole as JSON.",
    ),
    "help.verify": (
        "核对一份结果（评分工作簿、JSON 结果或发布文件夹；默认最近一份）与生成它的那次运行："
        "输入、规则和 mypm 版本，重新评分的数字，以及台账记录链。一致时退出码为 0，否则为 1。",
        "Check a result (a scored workbook, a JSON result or a publish folder; default the "
        "latest) against the run that made it: its inputs, rules and mypm version, its figures "
        "scored again, and the ledger's chain. Exits 0 when identical, 1 when not.",
    ),
    "help.status.format": (
        "在终端显示矩阵，或按单位和考核组织输出 JSON（在考核季中附每个已收文件）。",
        "The matrix on the terminal, or per unit and certifier as JSON (in a season with each "
        "file received).",
    ),
    "help.compare.units": (
        "两边共用的单位名单（其“曾用名”列用于匹配改名的单位）。",
        "The unit list of both sides (its 曾用名 column matches renamed units).",
    ),
    "help.compare.units_a": ("A 边的单位名单。", "A's unit list."),
    "help.compare.units_b": ("B 边的单位名单。", "B's unit list."),
}
