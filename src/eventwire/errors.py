"""Coded messages and the exceptions that carry them.

Every message has a stable code so skips can be counted and searched, and
shells can print one plain line. Codes: E1xx input, E2xx pipeline, E3xx
store, E4xx evaluation and settings, E5xx HTTP API.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # input (each becomes a Skip)
    "E101": "file is empty",
    "E102": "file looks binary, not text",
    "E103": "cannot decode bytes as text (tried {tried})",
    "E104": "malformed JSON: {detail}",
    "E105": "JSON record has no text (needs 'text' or 'body')",
    "E106": "HTML page has no article text",
    "E107": "text is not English (detected {language})",
    "E108": "file is {size} bytes, over the {cap} byte cap",
    "E109": "unsupported input type {suffix!r} in a folder (not text, HTML, JSON, a feed or WARC)",
    "E110": "cannot read file: {detail}",
    "E111": "feed has no items or cannot be parsed: {detail}",
    "E112": "WARC record cannot be read: {detail}",
    "E113": "article text is too short ({chars} characters)",
    "E114": "invalid value for {field}: {value!r}",
    "E115": "JSON record is not an object",
    "E116": "content is compressed as {encoding!r} and no decoder for it is installed",
    "E117": "compressed content ({encoding}) cannot be unpacked: {detail}",
    "E118": "input could not be read: {detail}",
    # pipeline
    "E201": "cannot load the spaCy model {model!r}: {detail}",
    "E202": "article could not be processed: {detail}",
    "E203": "cannot read data file {path}: {detail}",
    # store
    "E301": "cannot open database {url}: {detail}",
    "E302": "database write failed: {detail}",
    "E303": "no such {kind}: {key}",
    "E304": "no database at {path}; run eventwire ingest first",
    # evaluation, settings, CLI
    "E401": "gold file {path} is not valid: {detail}",
    "E402": "no gold files found under {path}",
    "E403": "unknown setting {name!r}",
    "E404": "invalid date {value!r}: expected YYYY-MM-DD",
    "E405": "{feature} needs the optional extra: pip install 'eventwire[{extra}]'",
    "E406": "bad option: {detail}",
    "E407": "setting {name} from {source}: expected {type}, got {value!r}",
    "E408": "cannot read settings file {path}: {detail}",
    "E409": "unknown {field} {value!r}; closest: {closest}",
    # HTTP API (the JSON error shape of every 4xx/5xx answer)
    "E501": "invalid request: {detail}",
    "E502": "no such page: {path}",
    "E503": "method {method} is not allowed here",
    "E504": "internal server error ({kind}); details are in the server log",
}


class EventwireError(Exception):
    """An error with a stable code and a one-line message."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        self.reason = MESSAGES[code].format(**fields)
        super().__init__(f"[{code}] {self.reason}")


class InputError(EventwireError):
    """Input that cannot be read; the batch records a Skip and goes on."""


class StoreError(EventwireError):
    """The database refused a read or write."""
