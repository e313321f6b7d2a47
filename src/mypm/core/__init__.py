"""The core: rules, measures, values, merge, engine, trace, what-if, rule tests.

It computes and nothing else: it says no word in any language (messages are codes with
parameters), writes no file for people and imports no renderer, no reader of workbooks and no
terminal, workbook or template library. Below it is only the office vocabulary
(`mypm.text.vocabulary`).
"""
