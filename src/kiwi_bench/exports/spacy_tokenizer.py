"""spaCy registry entry `kiwi.Tokenizer.v1`: spaCy's tokenizer with KIWI's compound infix rule.

Use it to train on the exported DocBins with the tokenisation they were made with, so that names
inside hyphenated compounds ("Google" in "Google-Suchgeschäft") stay learnable:

    python -m spacy train config.cfg --code "$(python -m kiwi_bench.exports.spacy_tokenizer)" \
        --nlp.tokenizer.@tokenizers kiwi.Tokenizer.v1 ...

Running this module prints its own path, for `--code`. It only uses absolute imports, so spaCy
can load it as a standalone file. (The one rule of `kiwi_bench.core.tokens.tokenize` it cannot apply is
the split of a period that ends a sentence, since spaCy tokenises whole documents and keeps
abbreviation-like "X." whole: in the gold this leaves one token misaligned, "X." in kiwi-002
(validation), so the entity "X" there cannot be predicted exactly by a spaCy pipeline. Without this
tokenizer, 12 entities and 1 amount are misaligned.)
"""

from __future__ import annotations

from spacy.util import compile_infix_regex, registry

from kiwi_bench.core.tokens import COMPOUND_INFIX


@registry.tokenizers("kiwi.Tokenizer.v1")
def create_kiwi_tokenizer():
    """Like spacy.Tokenizer.v1, plus the infix rule that splits - and / between word characters."""
    make_default = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make_tokenizer(nlp):
        tokenizer = make_default(nlp)
        tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + [COMPOUND_INFIX]).finditer
        return tokenizer

    return make_tokenizer


if __name__ == "__main__":
    print(__file__)
