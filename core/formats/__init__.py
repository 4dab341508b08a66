"""The project's date formats, one per language (settings.FORMAT_MODULE_PATH).

Templates write `{{ value|date }}` for a date and `{{ value|date:"DATETIME_FORMAT" }}` for a
moment, never a literal pattern, so that every page of one language shows dates alike:
"3 February 2026" in English, "3 de febrero de 2026" in Spanish. Machine-readable values
(`<time datetime>`, sort keys, CSV, the API) stay ISO 8601.
"""
