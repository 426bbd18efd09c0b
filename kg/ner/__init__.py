"""Named-entity recognisers: Doc (sentences filled) in, Doc with `mentions` appended out.

    get_recognizer("stanza")           our bundled Stanza model (kg/ner/model), the default
    get_recognizer("stanza-official")  Stanford's official Arabic Stanza NER from ~/stanza_resources
                                       (or $STANZA_RESOURCES_DIR)
    get_recognizer("gazetteer")        catalog lookup only (kg.ner.gazetteer)
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol, runtime_checkable

from kg.doc import Doc
from kg.errors import KgError

RECOGNIZERS = ("stanza", "stanza-official", "gazetteer")


@runtime_checkable
class Recognizer(Protocol):
    def __call__(self, doc: Doc) -> Doc: ...


def official_resources_dir() -> Path:
    """Where Stanza keeps its downloaded models: $STANZA_RESOURCES_DIR or ~/stanza_resources."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    return Path(env).expanduser() if env else Path.home() / "stanza_resources"


def _official_available(rdir: Path) -> bool:
    ner_dir = rdir / "ar" / "ner"
    return (rdir / "resources.json").is_file() and ner_dir.is_dir() and any(ner_dir.glob("*.pt"))


def check_recognizer(name: str) -> None:
    """Raise the KgError get_recognizer(name) would raise for an unknown or missing model, without loading it."""
    if name not in RECOGNIZERS:
        raise KgError(f"unknown NER recogniser {name!r}; choose one of: {', '.join(RECOGNIZERS)}")
    if name == "stanza-official":
        rdir = official_resources_dir()
        if not _official_available(rdir):
            raise KgError(
                f"Stanford's official Arabic Stanza NER model is not installed in {rdir}; install it once "
                "with: python -c \"import stanza; stanza.download('ar', processors='tokenize,ner')\" "
                "(or set STANZA_RESOURCES_DIR to a directory that has it)")
    if name == "stanza":
        from .stanza_ner import check_model
        check_model()


def get_recognizer(name: str = "stanza") -> Recognizer:
    """The recogniser called `name` (see module doc); raises KgError for unknown or missing ones."""
    check_recognizer(name)
    if name == "stanza":
        from .stanza_ner import StanzaRecognizer
        return StanzaRecognizer()
    if name == "stanza-official":
        rdir = official_resources_dir()
        from .stanza_ner import OfficialStanzaRecognizer
        try:
            return OfficialStanzaRecognizer(rdir)
        except (OSError, ValueError, RuntimeError, KeyError) as e:
            raise KgError(f"cannot load Stanford's official Arabic Stanza NER model from {rdir}: {e}") from None
    from .gazetteer import GazetteerRecognizer
    return GazetteerRecognizer()
