"""Words: the zh/en catalogue, click's own words in Chinese, and the office vocabulary (the
words of the office's workbooks, which do not follow --lang)."""
