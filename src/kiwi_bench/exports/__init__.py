"""Gold documents -> files for other tools (pure converters, no file I/O), and Label Studio back to gold.

- conll_export: CoNLL-2003-style IOB2 text (token, tag), entities or amounts.
- spacy_export: a spaCy DocBin (entities as doc.ents, amounts as doc.spans["amounts"], sentences).
- brat: standoff .txt/.ann pairs and the annotation.conf that describes them.
- label_studio: Label Studio tasks with the gold as annotations, its labelling config, and the
  conversion of exported Label Studio tasks back to gold documents.

The commands `kiwi-bench export` and `kiwi-bench import` do the file writing.
"""
