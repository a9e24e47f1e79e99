"""Builders of the tables derived from the PETRARCH/Phoenix dictionaries (see ../build_dictionaries.py)."""
