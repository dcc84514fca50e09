"""Gold documents -> files for other tools (pure converters, no file I/O), and Label Studio back to gold.

Each format is one module with `files(documents, **options) -> {relative path: bytes}` and an
`EXPORTER` that declares its layout (one file or a folder) and its options (`exporter`);
`registry.EXPORTERS` maps the format name to it.
- conll: the one CoNLL IOB2 writer: the gold (`token TAG`, entities or amounts) and the scored
  file of `kiwi-bench evaluate --format conll` (`token gold-tag predicted-tag`).
- spacy_export: a spaCy DocBin (entities as doc.ents, amounts as doc.spans["amounts"], sentences).
- brat: standoff .txt/.ann pairs and the annotation.conf that describes them.
- label_studio: Label Studio tasks with the gold as annotations, its labelling config, and the
  conversion of exported Label Studio tasks back to gold documents.

The commands `kiwi-bench export` and `kiwi-bench import` do the file writing.
"""
