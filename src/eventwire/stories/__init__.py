"""Near-duplicate articles and story grouping signals.

`fingerprint(doc)` is what story linking compares; `minhash(article)` and
`DuplicateIndex` find republished copies. The store groups articles into
stories with them (`store.story_sql`).
"""

from .similarity import DuplicateIndex, fingerprint, minhash, related

__all__ = ["DuplicateIndex", "fingerprint", "minhash", "related"]
