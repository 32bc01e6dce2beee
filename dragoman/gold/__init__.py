"""The gold corpus of whole articles: texts read where they live, standoff annotations, folds,
the annotation workflow (packets, two passes, agreement, adjudication) and whole-document scoring."""
