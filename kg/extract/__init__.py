"""Events and agreements from Arabic news: frames and word classes as data (kg/lexicon), small passes as code.

Triggers and agreement nouns are data. For each trigger the clause around it (split at commas and
clause-opening conjunctions) supplies participants; the whole sentence is the fallback. Places are
locations introduced by a locative preposition. The date is the nearest date expression of the sentence;
else the publication date for reports in the lead or for statements. The same event mentioned twice in an
article becomes one event with several pieces of evidence.
"""
from .extractor import EventExtractor
from .lexicon import frames, is_trigger_word, load_agreement_nouns, load_triggers

__all__ = ["EventExtractor", "frames", "is_trigger_word", "load_agreement_nouns", "load_triggers"]
