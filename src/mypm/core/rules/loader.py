"""The one place that reads rule files: safe YAML with positions, then the pydantic models."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from mypm.core.errors import Problem, RulesError
from mypm.core.files import FileTooLarge, NotRegularFile, read_bounded
from mypm.core.messages import Msg, Text
from mypm.core.rules.model import Loc, RuleProblems
from mypm.core.rules.ruleset import RuleSet
from mypm.text.vocabulary import FULL_WIDTH_COLON, IDEOGRAPHIC_SPACE

try:  # the C parser is several times faster; positions and safety are the same
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_RULE_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40
# Every number in a rule file (points, caps, per, scale, target, grade minimums, test figures):
# the rubric needs nothing near these, and within them no arithmetic can overflow (engine.py).
MAX_RULE_NUMBER = Decimal(1_000_000)
MAX_RULE_DECIMALS = 6
# The keys whose values are numbers, and every figure under a test's `expect`: a quoted number
# there is refused rather than read, so that a rule file means what it shows.
NUMBER_KEYS = frozenset(
    {"schema", "year", "base_points", "places", "points", "cap", "per", "scale", "target", "min"}
)
# What no text of a rule set may hold: C0 controls but tab and line feed, DEL, C1 controls,
# lone surrogates and XML's non-characters (a workbook cannot store them; a terminal obeys them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What pydantic's error types say in the user's words; any other type is said as pydantic says it.
TYPE_MESSAGES = {
    "decimal_type": Msg.of("rules.type.decimal_type"),
    "decimal_parsing": Msg.of("rules.type.decimal_parsing"),
    "finite_number": Msg.of("rules.type.finite_number"),
    "int_type": Msg.of("rules.type.int_type"),
    "int_parsing": Msg.of("rules.type.int_parsing"),
    "string_type": Msg.of("rules.type.string_type"),
    "list_type": Msg.of("rules.type.list_type"),
    "dict_type": Msg.of("rules.type.dict_type"),
    "model_type": Msg.of("rules.type.model_type"),
    "date_from_datetime_parsing": Msg.of("rules.type.date_from_datetime_parsing"),
    "date_parsing": Msg.of("rules.type.date_parsing"),
}


class _Loader(_SafeLoader):
    """YAML 1.2 core scalars: only true/false are booleans, numbers are decimal, no dates."""

    yaml_implicit_resolvers: dict[str, list[Any]] = {}  # noqa: RUF012 (PyYAML's class registry)


_RESOLVERS = {
    "bool": (r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    "int": (r"^[-+]?[0-9]+$", "-+0123456789"),
    # YAML 1.2 core: an exponent needs no point (`1e40` is a number, bounded like any other)
    "float": (r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    "null": (r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
}
for _tag, (_pattern, _first) in _RESOLVERS.items():
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


def _construct_number(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """Decimal numbers only: 08 is eight (not bad octal) and 0.1 stays exactly 0.1."""
    text = loader.construct_scalar(node)
    try:
        number = Decimal(text)
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite():
        message = f"not a decimal number: {text!r}"
        raise yaml.constructor.ConstructorError(None, None, message, node.start_mark)
    return int(number) if node.tag.endswith(":int") else number


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_number)


def _quoted_number(key: yaml.Node, value: yaml.Node, within_expect: bool) -> bool:
    """A number in quotes where the rules want a number (`points: '5'`): refused, not read."""
    numeric = within_expect or (isinstance(key, yaml.ScalarNode) and key.value in NUMBER_KEYS)
    return numeric and isinstance(value, yaml.ScalarNode) and value.style in ("'", '"')


def _number_in_bounds(text: str) -> bool:
    """A rule-file number within ±MAX_RULE_NUMBER with at most MAX_RULE_DECIMALS decimal places
    (what the constructor cannot read, it reports itself)."""
    try:
        value = Decimal(text)
    except ArithmeticError:
        return True
    if not value.is_finite():
        return True
    if value.copy_abs() > MAX_RULE_NUMBER:  # abs() would overflow the context
        return False
    _, digits, exponent = value.as_tuple()  # normalize() would round to 28 digits first
    places = -int(exponent)
    trailing_zeros = len(digits) - len(bytes(digits).rstrip(b"\0"))
    return places - min(trailing_zeros, max(places, 0)) <= MAX_RULE_DECIMALS


@dataclass(frozen=True)
class RuleFile:
    """A validated rule set with the file it came from and that file's sha256."""

    path: Path
    sha256: str
    rules: RuleSet


def load_rule_file(path: Path) -> RuleFile:
    """Read and validate one rule file; raise RulesError listing every problem, located."""
    document, node, data = read_yaml(path, MAX_RULE_FILE_BYTES)
    try:
        rules = RuleSet.model_validate(document)
    except ValidationError as exc:
        raise RulesError(validation_problems(path, node, exc)) from exc
    return RuleFile(path=path, sha256=hashlib.sha256(data).hexdigest(), rules=rules)


def read_yaml(path: Path, limit: int) -> tuple[dict[str, Any], yaml.Node, bytes]:
    """A YAML file of mypm's (a rule file, a season's configuration) read safely: its mapping,
    its nodes (to locate problems) and its bytes. Raises RulesError listing every problem of
    the YAML itself (syntax, duplicate keys, aliases, control characters), at file:line:col."""
    try:
        data = read_bounded(path, limit)
    except OSError as exc:
        if isinstance(exc, FileTooLarge):
            message = Msg.of("rules.too_big", limit=limit)
        elif isinstance(exc, NotRegularFile):
            message = Msg.of("input.not_regular")
        else:
            message = Msg.of("rules.not_found", path=exc.strerror)
        raise RulesError([Problem(str(path), message)]) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RulesError([Problem(str(path), Msg.of("rules.not_utf8", error=str(exc)))]) from exc
    node, problems = _compose(path, text)
    if problems:
        raise RulesError(problems)
    assert node is not None
    try:
        document = _Loader(text).construct_document(node)
    except yaml.MarkedYAMLError as exc:  # a tag the safe loader refuses, such as !!python/…
        raise RulesError([_yaml_problem(path, text, exc)]) from exc
    except (yaml.YAMLError, ValueError, TypeError, AttributeError, ArithmeticError) as exc:
        # an explicit tag with a value it cannot hold, such as !!timestamp soon
        raise RulesError([Problem(str(path), Msg.of("rules.yaml", error=str(exc)))]) from exc
    if not isinstance(document, dict):
        raise RulesError([Problem(f"{path}:1:1", Msg.of("rules.not_mapping"))])
    return document, node, data


def _compose(path: Path, text: str) -> tuple[yaml.Node | None, list[Problem]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(path, text, exc)]
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [Problem(str(path), Msg.of("rules.yaml", error=str(exc)))]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(f"{path}:1:1", Msg.of("rules.not_mapping"))]
    problems: list[Problem] = []
    _check_tree(path, node, problems, seen=set(), depth=0)
    return node, problems


def _yaml_problem(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    return Problem(where, _yaml_message(text, exc))


def _yaml_message(text: str, exc: yaml.MarkedYAMLError) -> Msg:
    """PyYAML's own message, plus a hint when a full-width colon or odd indent is the cause."""
    error = f"{exc.problem or exc}"
    mark = exc.problem_mark
    lines = text.splitlines()
    nearby = lines[max(0, mark.line - 1) : mark.line + 1] if mark else []
    if any(FULL_WIDTH_COLON in line and ":" not in line.split("#")[0] for line in nearby):
        return Msg.of("rules.fullwidth_colon", error=error)
    if any(line[:1] in ("\t", IDEOGRAPHIC_SPACE) for line in nearby):
        return Msg.of("rules.tab_indent", error=error)
    return Msg.of("rules.yaml", error=error)


def _check_tree(
    path: Path,
    node: yaml.Node,
    problems: list[Problem],
    *,
    seen: set[int],
    depth: int,
    within_expect: bool = False,
    numeric: bool = False,
) -> None:
    """Reject aliases (a node reached twice: one message, at the first), duplicate keys,
    runaway nesting, control characters in text, and a number out of bounds wherever a number
    is wanted (`numeric`: the value of a number key, or within a test's `expect`), however
    YAML would read it (`1e40`, `1_000_000_000`)."""
    where = f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
    if id(node) in seen:
        alias = Msg.of("rules.alias")
        if all(p.message != alias for p in problems):
            problems.append(Problem(where, alias))
        return
    seen.add(id(node))
    if depth > MAX_DEPTH:
        problems.append(Problem(where, Msg.of("rules.too_deep")))
        return
    if isinstance(node, yaml.ScalarNode):
        control = _CONTROL.search(node.value)
        if control is not None:
            code = f"U+{ord(control.group()):04X}"
            message = Msg.of("rules.control_character", code=code, position=control.start() + 1)
            problems.append(Problem(where, message))
        if (node.tag.endswith((":int", ":float")) or numeric) and not _number_in_bounds(node.value):
            limit = f"{MAX_RULE_NUMBER:f}"
            message = Msg.of("rules.number_bound", limit=limit, places=MAX_RULE_DECIMALS)
            problems.append(Problem(where, message))
    elif isinstance(node, yaml.MappingNode):
        first_line: dict[object, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in first_line:
                    key_where = f"{path}:{key.start_mark.line + 1}:{key.start_mark.column + 1}"
                    message = Msg.of(
                        "rules.duplicate_key", key=key.value, first=first_line[key.value]
                    )
                    problems.append(Problem(key_where, message))
                else:
                    first_line[key.value] = key.start_mark.line + 1
            if _quoted_number(key, value, within_expect):
                value_where = f"{path}:{value.start_mark.line + 1}:{value.start_mark.column + 1}"
                problems.append(Problem(value_where, Msg.of("rules.quoted_number")))
            inner = within_expect or (isinstance(key, yaml.ScalarNode) and key.value == "expect")
            _check_tree(path, key, problems, seen=seen, depth=depth + 1)
            wanted = inner or (isinstance(key, yaml.ScalarNode) and key.value in NUMBER_KEYS)
            _check_tree(
                path,
                value,
                problems,
                seen=seen,
                depth=depth + 1,
                within_expect=inner,
                numeric=wanted and isinstance(value, yaml.ScalarNode) and not value.style,
            )
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_tree(
                path, item, problems, seen=seen, depth=depth + 1, within_expect=within_expect
            )


def validation_problems(path: Path, root: yaml.Node, exc: ValidationError) -> list[Problem]:
    """pydantic's errors as problems, each at its file:line:col."""
    problems = []
    for error in exc.errors():
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, RuleProblems):
            for loc, message in cause.problems:
                problems.append(_locate(path, root, (*error["loc"], *loc), message))
            continue
        problems.append(_locate(path, root, error["loc"], _pydantic_message(error)))
    return problems


def _pydantic_message(error: Any) -> Msg:
    kind = error["type"]
    if kind == "missing":
        return Msg.of("rules.missing")
    if kind == "extra_forbidden":
        return Msg.of("rules.extra")
    if kind in TYPE_MESSAGES:
        return Msg.of("rules.bad_type", message=TYPE_MESSAGES[kind])
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind.endswith(("_type", "_parsing")):
        return Msg.of("rules.bad_type", message=message)
    return Msg.of("rules.invalid", message=message)


def _locate(path: Path, root: yaml.Node, loc: Loc, message: Text) -> Problem:
    """Follow pydantic's `loc` through the YAML nodes to `file:line:col: key.path: message`."""
    node, mark, shown = root, root.start_mark, ""
    for segment in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(
                (
                    (k, v)
                    for k, v in node.value
                    if isinstance(k, yaml.ScalarNode) and k.value == segment
                ),
                None,
            )
            if match is None:
                if (
                    segment == loc[-1]
                    and isinstance(segment, str)
                    and not segment.startswith(("literal", "list"))
                ):
                    shown += f".{segment}" if shown else segment
                continue  # a union tag such as 'count' in pydantic's loc
            mark, node = match[0].start_mark, match[1]
            shown += f".{segment}" if shown else str(segment)
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(segment, int)
            and segment < len(node.value)
        ):
            node = node.value[segment]
            mark = node.start_mark
            shown += f"[{segment}]"
    where = f"{path}:{mark.line + 1}:{mark.column + 1}"
    return Problem(
        where, Msg.of("problem.where", where=shown, message=message) if shown else message
    )


def locate_problems(rule_file: RuleFile, problems: Sequence[tuple[Loc, Text]]) -> list[Problem]:
    """Problems found after loading (failing rule tests), each at its line in the file."""
    text = read_bounded(rule_file.path, MAX_RULE_FILE_BYTES).decode("utf-8-sig")
    node, _ = _compose(rule_file.path, text)
    assert node is not None  # the file loaded a moment ago
    return [_locate(rule_file.path, node, loc, message) for loc, message in problems]


def rule_files_in(path: Path) -> list[Path]:
    """The rule files a path names: the file itself, or a folder's *.yaml / *.yml, sorted."""
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml"))
        if not found:
            raise RulesError([Problem(str(path), Msg.of("rules.no_yaml", path=str(path)))])
        return found
    if not path.exists():
        raise RulesError([Problem(str(path), Msg.of("rules.not_found", path=str(path)))])
    return [path]


def load_rule_files(paths: list[Path]) -> list[RuleFile]:
    """Load every rule file under `paths`, reporting the problems of all of them together."""
    loaded, problems = [], []
    for path in paths:
        try:
            files = rule_files_in(path)
        except RulesError as exc:
            problems += exc.problems
            continue
        for file in files:
            try:
                loaded.append(load_rule_file(file))
            except RulesError as exc:
                problems += exc.problems
    if problems:
        raise RulesError(problems)
    return loaded


def bundled_rules_dir() -> Path:
    """The rule files shipped with mypm (in a wheel), or the repo's rules/ in a source checkout."""
    package = Path(__file__).resolve().parents[2]  # src/mypm, or site-packages/mypm
    packaged = package / "bundled"
    return packaged if packaged.is_dir() else package.parents[1] / "rules"
