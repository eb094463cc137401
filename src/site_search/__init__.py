"""Site search in the reader's language: one search index per language, Welsh words findable
whatever their initial mutation, English words whatever their inflection, and the walkthroughs'
questions and outcomes as search entries. Plain Python; hooks/search_index.py is the thin MkDocs
adapter."""
