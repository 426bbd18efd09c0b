"""Arabic text normalisation for matching, and tokenisation with offsets into the original text.

Normalisation folds the spelling variation that news text shows for one name (hamza/alef forms,
alef maqsura, taa marbuta, diacritics, tatweel, bidi marks, Persian letters, Arabic-Indic digits).
It maps character by character (or deletes), so every normalised character keeps the index of the
original character it came from: matches found in normalised text map back to exact offsets.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from .doc import Sentence, Token

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
}
# Characters dropped entirely: harakat, superscript alef, tatweel, bidi and zero-width marks.
_DROP = set(chr(c) for c in range(0x064B, 0x0660)) | {
    "\u0670", "\u0640", "\u061c", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
}


def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if "\ufb50" <= ch <= "\ufefc":  # presentation forms -> base letters
        base = unicodedata.normalize("NFKC", ch)
        if base != ch:  # some code points in the block (﴾ ﴿, unassigned ones) have no decomposition
            return "".join(_fold_char(c) for c in base)
    return ch.lower()


class _FoldTable(dict):
    """str.translate table: code point -> folded string, filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_TABLE = _FoldTable()


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Return (normalised text, index map): norm[i] came from text[index[i]]."""
    odd = frozenset(ch for ch in set(text) if len(_TABLE[ord(ch)]) != 1)  # dropped marks (ً ّ ـ), ligatures (ﻷ)
    if not odd:  # the common case: one character for one
        return text.translate(_TABLE), list(range(len(text)))
    out: list[str] = []
    index: list[int] = []
    prev = 0
    for m in _odd_chars(odd).finditer(text):  # runs between odd characters fold one for one
        i = m.start()
        out.append(text[prev:i].translate(_TABLE))
        index.extend(range(prev, i))
        folded = _TABLE[ord(text[i])]
        out.append(folded)
        index.extend([i] * len(folded))
        prev = i + 1
    out.append(text[prev:].translate(_TABLE))
    index.extend(range(prev, len(text)))
    return "".join(out), index


@functools.lru_cache(maxsize=256)
def _odd_chars(chars: frozenset[str]) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def normalize(text: str) -> str:
    """Fold spelling variation and collapse whitespace: the key under which names are compared."""
    return " ".join(text.translate(_TABLE).split())


# A token is a run of letters/digits/marks (Arabic or Latin, with inner apostrophes/dots in numbers),
# or any other single non-space character (punctuation, quotes, symbols, emoji).
# Arabic letters, marks and digits, without Arabic punctuation (، ؛ ؟ ٪ ٫ ٬ ۔), which are tokens of their own.
_AR = "\u0610-\u061a\u0620-\u0669\u066e-\u06d3\u06d5-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufd3d\ufd50-\ufdff\ufe70-\ufefc"
_TOKEN_RE = re.compile(r"(?:(?![\u060c\u061b\u061f\u066a-\u066d\u06d4])[\w" + _AR + r"])+(?:[.,:/][0-9]+)*|[^\s]", re.UNICODE)
_SENT_END = {".", "!", "?", "؟", "…"}
# A word token may also end with a bidi/zero-width mark; those are not sentence content.
_MAX_TOKEN = 200  # a 1 MB run with no spaces is cut into tokens of bounded length


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        s, e = m.start(), m.end()
        while e - s > _MAX_TOKEN:
            tokens.append(Token(s, s + _MAX_TOKEN, text[s:s + _MAX_TOKEN]))
            s += _MAX_TOKEN
        tokens.append(Token(s, e, text[s:e]))
    return tokens


def split_sentences(text: str, tokens: list[Token] | None = None, max_tokens: int = 150) -> list[Sentence]:
    """Sentences end at . ! ? ؟ … or a line break; very long ones are cut so NER input stays bounded."""
    if tokens is None:
        tokens = tokenize(text)
    sentences: list[Sentence] = []
    current: list[Token] = []

    def flush() -> None:
        if current:
            sentences.append(Sentence(current[0].start, current[-1].end, list(current)))
            current.clear()

    for i, tok in enumerate(tokens):
        if current and "\n" in text[current[-1].end:tok.start]:
            flush()
        current.append(tok)
        if tok.text in _SENT_END:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            # keep closing quotes/brackets with the sentence they close
            if nxt is None or nxt.text not in {"\"", "”", "»", ")", "'"} or nxt.start > tok.end:
                flush()
        elif len(current) >= max_tokens:
            flush()
    flush()
    return sentences
