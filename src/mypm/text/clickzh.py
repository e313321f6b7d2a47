"""click's own words (usage, help headings, usage errors) in Chinese, through gettext.

click passes every text of its own through `gettext`; mypm's Chinese for them is `CLICK_ZH`
below, compiled into `locale/zh/LC_MESSAGES/mypm-click.mo` (`python -m mypm.text.clickzh` writes it
again; a test checks that it matches). The texts of mypm's own commands and options are
catalogue keys (`help.*`), said in the user's language by the CLI's help formatter.
"""

from __future__ import annotations

import gettext
import os
import struct
from pathlib import Path
from typing import TYPE_CHECKING

from mypm.text.catalogue import t

if TYPE_CHECKING:
    import click

DOMAIN = "mypm-click"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
MO_FILE = LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{DOMAIN}.mo"

# msgid → msgstr; a plural msgid is "singular\0plural" (Chinese has one form)
CLICK_ZH: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "可运行“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?\0(Did you mean one of: {possibilities}?)": (
        "是否应为 {possibility}？"
    ),
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Option {name!r} requires an argument.\0Option {name!r} requires {nargs} arguments.": (
        "选项 {name!r} 需要一个值。"
    ),
    "Got unexpected extra argument ({args})\0Got unexpected extra arguments ({args})": (
        "多余的参数（{args}）"
    ),
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "{value!r} is not {choice}.\0{value!r} is not one of {choices}.": (
        "{value!r} 不是可选值之一：{choices}。"
    ),
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "Aborted!": "已中止！",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
}


def command_help(command: click.Command) -> str:
    """The help of one of mypm's commands in the current language (`help.<command>` in the
    catalogue, or the key a subcommand gives as its help; each option's help is a catalogue
    key too)."""
    given = command.help or ""
    return t(given if given.startswith("help.") else f"help.{command.name}")


def mo_bytes(catalogue: dict[str, str]) -> bytes:
    """A GNU .mo file (little-endian, no hash table) holding `catalogue`."""
    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n"
    entries = sorted({"": header, **catalogue}.items())
    ids = [key.encode("utf-8") for key, _ in entries]
    strs = [value.encode("utf-8") for _, value in entries]
    count = len(entries)
    start = 7 * 4 + 16 * count  # after the header and the two tables
    data = b""
    id_table, str_table = [], []
    for text in ids:
        id_table.append((len(text), start + len(data)))
        data += text + b"\0"
    for text in strs:
        str_table.append((len(text), start + len(data)))
        data += text + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in [*id_table, *str_table])
    return head + tables + data


def use_language(lang: str) -> None:
    """Make click speak `lang` (zh or en) from now on."""
    # gettext chooses the catalogue by LANGUAGE; it is consulted by gettext alone
    os.environ["LANGUAGE"] = lang
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)


if __name__ == "__main__":
    MO_FILE.write_bytes(mo_bytes(CLICK_ZH))
