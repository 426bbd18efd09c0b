"""Word vectors for the NER model from open Arabic text (a developer step of `kg ner train --text`).

fastText (gensim) rather than word2vec: its character n-grams give Arabic's clitic and inflected
forms (والرئيس، بالرئيس، رئيسها) vectors close to their stem's, and they give a vector to every word
of the NER training data even where the text corpus never has it. Tokens are fed in the model's own
input form (`kg.ner.train.model_form` of each `kg.text.tokenize` token), so what the vectors know is
exactly what the tagger sees at run time.
"""
from __future__ import annotations

import logging
import lzma
import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

log = logging.getLogger("kg.ner.vectors")


def read_lines(path: str | os.PathLike) -> Iterator[str]:
    """Lines of a UTF-8 text file, plain or .xz."""
    opener = lzma.open if str(path).endswith(".xz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield line


def model_tokens(line: str) -> list[str]:
    """One line as the tagger sees it: our tokeniser's tokens in the model's input form."""
    from kg.ner.train import model_form
    from kg.text import tokenize
    return [model_form(t.text) for t in tokenize(line)]


def write_training_text(text_path: str | os.PathLike, extra: Iterable[list[str]], out: Path,
                        max_lines: int | None = None) -> dict:
    """Write the corpus for fastText: one tokenised line per sentence, the NER training sentences last."""
    n_lines = n_tokens = 0
    with open(out, "w", encoding="utf-8") as f:
        for i, line in enumerate(read_lines(text_path)):
            if max_lines is not None and i >= max_lines:
                break
            toks = model_tokens(line)
            if toks:
                f.write(" ".join(toks) + "\n")
                n_lines += 1
                n_tokens += len(toks)
        for toks in extra:
            f.write(" ".join(t.replace(" ", "") for t in toks) + "\n")
            n_lines += 1
            n_tokens += len(toks)
    return {"lines": n_lines, "tokens": n_tokens}


def train_fasttext(corpus_txt: Path, dim: int, min_count: int, epochs: int, seed: int, workers: int = 2):
    from gensim.models import FastText
    return FastText(corpus_file=str(corpus_txt), vector_size=dim, window=5, min_count=min_count, sg=0,
                    epochs=epochs, workers=workers, seed=seed, min_n=2, max_n=5, bucket=1_000_000)


def choose_vocab(ft, must_have: Iterable[str], max_vocab: int) -> list[str]:
    """The corpus's most frequent words, then every NER training word they miss (vectors from n-grams)."""
    words = list(ft.wv.index_to_key[:max_vocab])  # gensim keeps them sorted by frequency
    seen = set(words)
    for w in must_have:
        if w not in seen and w.strip() and " " not in w:
            words.append(w)
            seen.add(w)
    return words


def save_pretrain(ft, words: list[str], out_pt: Path, work: Path) -> int:
    """Write the chosen words' vectors as a Stanza Pretrain file; returns its vocabulary size."""
    from stanza.models.common.pretrain import Pretrain
    vec_txt = work / "vectors.txt"
    with open(vec_txt, "w", encoding="utf-8") as f:
        f.write(f"{len(words)} {ft.wv.vector_size}\n")
        for w in words:
            f.write(w + " " + " ".join(f"{x:.5f}" for x in ft.wv[w]) + "\n")
    if out_pt.exists():
        out_pt.unlink()
    pt = Pretrain(str(out_pt), str(vec_txt), max_vocab=len(words) + 10, save_to_file=True)
    pt.load()
    return len(pt.vocab)


def build_fasttext_pretrain(text_path, train_sents, out_pt: Path, work: Path, dim: int, min_count: int,
                            max_vocab: int, epochs: int, seed: int, max_lines: int | None = None) -> dict:
    """Text corpus + NER training sentences -> fastText -> Stanza Pretrain (top words + all NER words)."""
    corpus_txt = work / "vectors_corpus.txt"
    sizes = write_training_text(text_path, (t for t, _ in train_sents), corpus_txt, max_lines=max_lines)
    log.info("vector corpus: %s", sizes)
    ft = train_fasttext(corpus_txt, dim, min_count, epochs, seed)
    counts = Counter(w for toks, _ in train_sents for w in toks)
    words = choose_vocab(ft, (w for w, _ in counts.most_common()), max_vocab)
    vocab = save_pretrain(ft, words, out_pt, work)
    corpus_txt.unlink(missing_ok=True)
    return {"algorithm": "fastText CBOW (gensim), char n-grams 2-5", "dim": dim, "min_count": min_count,
            "epochs": epochs, "vocab": vocab, "text": Path(text_path).name, **sizes,
            "vocab_rule": f"top {max_vocab} words of the text + every NER training word (n-gram vectors)"}
