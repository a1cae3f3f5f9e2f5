"""Search: the glossary that expands questions (`glossary`) and hybrid retrieval with
abstention (`retrieval`)."""
