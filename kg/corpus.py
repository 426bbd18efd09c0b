"""Reading articles: a directory of .txt and/or .jsonl files, or one such file (docs/design.md "Input").

A .txt file is one article; its metadata comes from a record in an `articles.jsonl` / `metadata.jsonl`
beside it (matched by "file" or by "id" == file stem). A .jsonl record with "text" is an article.
Text is UTF-8 (BOM or not) or Windows-1256; anything else is refused with a precise message.
Bad inputs are collected as `problems` (one line each) so the rest of the corpus still builds.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from .doc import Article
from .errors import KgError

MAX_ARTICLE_BYTES = 10 * 1024 * 1024  # a longer "article" is almost certainly not one
METADATA_NAMES = {"articles.jsonl", "metadata.jsonl"}
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one clear line per skipped input
    warnings: list[str] = field(default_factory=list)  # one line per article kept with a flaw (its date)


def decode(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM) or Windows-1256 Arabic; raise KgError for anything else."""
    if b"\x00" in data[:65536]:
        raise KgError(f"{where}: binary data (NUL bytes), not a text article")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    damaged = data.decode("utf-8", errors="replace")
    bad = damaged.count("\ufffd")
    if bad <= 3 or bad * 100 < len(damaged):  # UTF-8 with a few broken bytes (a truncated or corrupted file), not cp1256
        raise KgError(f"{where}: damaged UTF-8 ({bad} invalid byte sequence(s), the first at offset "
                      f"{utf8_error.start}); a truncated or corrupted file?")
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        letters = _LETTER.findall(text)
        arabic = sum(1 for ch in letters if _ARABIC.match(ch))
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
        if letters and arabic / len(letters) >= 0.5 and controls == 0:
            return text
    raise KgError(f"{where}: not UTF-8 (invalid byte at offset {utf8_error.start}) and not Windows-1256 Arabic text")


def parse_published(value, where: str, problems: list[str]) -> date | None:
    if value in (None, ""):
        problems.append(f"{where}: no published date; relative dates (yesterday, on Monday) stay unresolved")
        return None
    d = None
    if isinstance(value, str):
        try:
            d = datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            try:
                d = date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
    if d is None:
        problems.append(f"{where}: published date {value!r} is not a valid ISO date; relative dates stay unresolved")
    elif not date(1800, 1, 1) <= d <= date.today() + timedelta(days=2):  # no newspaper prints in the future
        problems.append(f"{where}: published date {value!r} is impossible (before 1800 or in the future); ignored")
        d = None
    return d


def _read_bytes(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise KgError(f"{path}: {size:,} bytes exceeds the {limit:,}-byte limit per article (--max-bytes)")
    return path.read_bytes()


def _article(rec: dict, text: str, default_id: str, where: str, path: Path, problems: list[str]) -> Article:
    aid = rec.get("id", default_id)
    if not isinstance(aid, (str, int)) or not str(aid).strip():
        raise KgError(f"{where}: article id must be a non-empty string")
    return Article(
        id=str(aid).strip(),
        text=text,
        published=parse_published(rec.get("published"), where, problems),
        source=rec.get("source"), url=rec.get("url"), title=rec.get("title"), path=where,
    )


def _lines(path: Path, limit: int):
    """(line number, bytes) of a file, read as a stream; a line over `limit` bytes is yielded as None
    without ever being held in memory whole."""
    with open(path, "rb") as f:
        n = 0
        while True:
            line = f.readline(limit + 1)
            if not line:
                return
            n += 1
            if len(line) > limit and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = f.readline(1 << 20)
                yield n, None
            else:
                yield n, line


def _read_jsonl(path: Path, limit: int, strict: bool, problems: list[str]):
    """Yield (record, line number) of a JSONL file; a malformed line is a problem (or an error with strict)."""
    line_limit = limit + (64 << 10)  # the article text plus its metadata
    for n, raw in _lines(path, line_limit):
        if raw is None:
            msg = f"{path}:{n}: record exceeds the {limit:,}-byte limit per article (--max-bytes)"
            if strict:
                raise KgError(msg)
            problems.append(msg)
            continue
        if not raw.strip():
            continue
        try:
            rec = json.loads(decode(raw, f"{path}:{n}"))
            if not isinstance(rec, dict):
                raise ValueError("a JSON object is expected")
        except KgError as e:
            if strict:
                raise
            problems.append(str(e))
            continue
        except ValueError as e:
            msg = f"{path}:{n}: malformed JSONL line ({e})"
            if strict:
                raise KgError(msg) from None
            problems.append(msg)
            continue
        yield rec, n


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    found: list[Path] = []
    # os.walk does not follow directory symlinks: a symlink loop cannot trap us.
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith((".txt", ".jsonl")):
                found.append(Path(dirpath) / name)
    return found


def read_corpus(src: str | os.PathLike, strict: bool = False, max_bytes: int = MAX_ARTICLE_BYTES) -> Corpus:
    root = Path(src)
    if not root.exists():
        raise KgError(f"{root}: no such file or directory")
    if root.is_file() and not root.name.lower().endswith((".txt", ".jsonl")):
        raise KgError(f"{root}: not an article file (expected .txt or .jsonl)")
    corpus = Corpus()
    files = _files(root)
    if not files:
        raise KgError(f"{root}: no .txt or .jsonl articles found")

    def problem(msg: str) -> None:
        if strict:
            raise KgError(msg)
        corpus.problems.append(msg)

    # Metadata for .txt files, keyed by (directory, file name or stem).
    meta: dict[tuple[str, str], dict] = {}
    txt_files, jsonl_files = [], []
    for f in files:
        (txt_files if f.suffix.lower() == ".txt" else jsonl_files).append(f)
    for f in jsonl_files:
        try:
            for rec, n in _read_jsonl(f, max_bytes, strict, corpus.problems):
                if "text" in rec:
                    if not isinstance(rec["text"], str):
                        problem(f"{f}:{n}: \"text\" must be a string")
                        continue
                    if not rec["text"].strip():
                        problem(f"{f}:{n}: empty article text")
                        continue
                    try:
                        corpus.articles.append(_article(rec, rec["text"], f"{f.stem}-{n}", f"{f}:{n}", f, corpus.warnings))
                    except KgError as e:
                        problem(str(e))
                elif f.name.lower() in METADATA_NAMES:
                    for key in (rec.get("file"), rec.get("id")):
                        if isinstance(key, str):
                            meta[(str(f.parent), key)] = rec
                else:
                    problem(f"{f}:{n}: record has no \"text\" field")
        except KgError as e:
            problem(str(e))
        except OSError as e:
            problem(f"{f}: cannot read ({e.strerror})")
    for f in txt_files:
        try:
            text = decode(_read_bytes(f, max_bytes), str(f))
            if not text.strip():
                raise KgError(f"{f}: empty article")
            rec = meta.get((str(f.parent), f.name)) or meta.get((str(f.parent), f.stem)) or {}
            rec = {k: v for k, v in rec.items() if k != "file"}
            corpus.articles.append(_article(rec, text, f.stem, str(f), f, corpus.warnings))
        except KgError as e:
            problem(str(e))
        except OSError as e:
            problem(f"{f}: cannot read ({e.strerror})")

    seen: set[str] = set()
    unique: list[Article] = []
    for a in corpus.articles:
        if a.id in seen:
            problem(f"{a.path}: duplicate article id {a.id!r}; the first one is kept")
            continue
        seen.add(a.id)
        unique.append(a)
    corpus.articles = unique
    return corpus
