"""click's own frame around the help texts."""

MESSAGES: dict[str, tuple[str, str]] = {
    "click.usage": ("用法：", "Usage: "),
    "click.heading": ("{heading}：", "{heading}:"),
}
