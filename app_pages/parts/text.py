"""Text from routines and records goes through here before any Streamlit call that reads markdown."""

import re

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^])")


def plain(text: str) -> str:
    """Escape every markdown character so the text shows exactly as written, never as markup."""
    return _PUNCTUATION.sub(r"\\\1", text).replace("\n", "  \n")
