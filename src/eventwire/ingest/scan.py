"""Where sentences, captions, headline lists and credit names end in run-on scraped text.

Scrapers often glue captions to the story with no full stop between them:
"... a dry well Dozens of rescuers are ...". A new sentence plainly starts
where a lowercase word is followed by a capitalised word that opens sentences
("The", "He", "But": data/furniture_words.tsv). Inside a caption we already
know of, a capitalised word after a lowercase word ends it too when the
article uses that word in lowercase elsewhere ("Dozens"/"dozens") or a verb
follows it; names ("FBI", "Germany") do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import DATA, read_tsv

_TOKEN = re.compile(r"\S+")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
_OPEN = "\"'“‘([{"
_CLOSE = "\"'”’“‘)]}"
_DOUBLE = "\"“”"
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr mt ft no vs gov sen rep gen col lt sgt capt prof inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n d.c a.m p.m e.g i.e etc".split()
)
_SAYS = frozenset("wrote added explained posted tweeted commented".split())
_VERBS = frozenset("said says told tells has have had is are was were will would could can may might".split())
_LIST_MAX = 200
_CAPTION_MAX = 120
_ITEM_WORDS = 60
_RUN_ON = 4  # sentences in a paragraph that make it a run of scraped text, not a paragraph
_RUN_ON_WORDS = 35  # words in one "sentence" that make it several glued together

Token = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Words:
    """The boundary words of data/furniture_words.tsv and the article's lowercase words."""

    starters: frozenset[str]
    openers: frozenset[str]
    weak: frozenset[str]
    joiners: frozenset[str]
    titles: frozenset[str]
    vocab: frozenset[str]
    credit: re.Pattern[str] | None = None

    @classmethod
    def of(cls, paragraphs: Iterable[str], credit: re.Pattern[str] | None = None) -> Words:
        """The words for one article; ``credit`` matches a photo credit that ends a caption."""
        roles = _roles()
        vocab = frozenset(w for p in paragraphs for w in _LOWER_WORD.findall(p))
        r = roles
        return cls(r["starter"], r["opener"], r["weak"], r["joiner"], r["title"], vocab, credit)


@lru_cache(maxsize=1)
def _roles() -> dict[str, frozenset[str]]:
    rows = read_tsv(DATA / "furniture_words.tsv")
    return {
        role: frozenset(r["word"] for r in rows if r["role"] == role)
        for role in ("starter", "opener", "weak", "joiner", "title")
    }


def _tokens(text: str, start: int, end: int) -> list[Token]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


@lru_cache(maxsize=8192)
def core(word: str) -> str:
    """The word without quotes, brackets and trailing punctuation."""
    return word.strip(_OPEN + _CLOSE).rstrip(".,;:!?").strip(_OPEN + _CLOSE)


@lru_cache(maxsize=8192)
def _capital(word: str) -> bool:
    c = word.lstrip(_OPEN)
    return bool(c) and (c[0].isupper() or c[0].isdigit())


@lru_cache(maxsize=8192)
def ends_sentence(word: str) -> bool:
    """A word that ends a sentence: a full stop, ? or ! not after an abbreviation or initial."""
    bare = word.rstrip(_CLOSE)
    if not bare or bare[-1] not in ".!?":
        return False
    if bare[-1] in "!?" or bare.endswith("..."):
        return True
    stem = bare[:-1].lstrip(_OPEN)
    return not (stem.lower() in _ABBREVIATIONS or (len(stem) == 1 and stem.isupper()))


@lru_cache(maxsize=8192)
def _lowerish(word: str) -> bool:
    """A word that can end a caption with no punctuation: lowercase or a number, maybe quoted."""
    bare = word.rstrip(_CLOSE).lstrip(_OPEN)
    return bool(bare) and bare[-1] not in ".,;:!?" and (bare[0].islower() or bare[0].isdigit())


def _quote_is_long(tokens: list[Token], i: int) -> bool:
    """An opening quote at token i that runs on for more than six words (speech, not a title)."""
    mark = tokens[i][2][0]
    closing = {"“": "”", "‘": "’"}.get(mark, mark)
    for _, _, w in tokens[i:i + 6]:
        if w.rstrip(".,;:!?").endswith(closing) and len(w) > 1:
            return False
    return len(tokens) - i > 6


def boundary(tokens: list[Token], i: int, words: Words, *, caption: bool) -> bool:
    """Does a new sentence start at token i (after token i-1) though no full stop is there?"""
    prev, w = tokens[i - 1][2], tokens[i][2]
    nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
    pc, wc = core(prev), core(w)
    if not wc or not _capital(w) or prev.rstrip(_CLOSE)[-1:] in ".,;:!?-–—":
        return False
    prev_lower = _lowerish(prev)
    if prev_lower and pc.lower() in words.joiners:
        return False
    if pc == wc and wc[0].isupper() and len(wc) > 2:
        return True  # "... but it didn't stop Verstappen Verstappen was on course"
    if w[0] in _OPEN[:4]:
        return (caption and (prev_lower or w[0] in _DOUBLE)) or (prev_lower and _quote_is_long(tokens, i))
    if wc in ("The", "A", "An"):
        return _article_opens(tokens, i, words, caption=caption or prev_lower)
    if wc in words.starters or (wc in words.openers and (prev_lower or caption)):
        return True
    if not caption:
        return False
    if wc in words.weak:
        return True
    if prev_lower and not _role_noun(pc, words):
        alone = not (i + 1 < len(tokens) and _capital(nxt))
        return (alone and wc.lower() in words.vocab) or _verb_follows(tokens, i, words)
    return False


_ROLE_ENDINGS = ("er", "or", "ist", "man", "woman", "men")


def _role_noun(word: str, words: Words) -> bool:
    """A lowercase word that stands before a name as its role ("spokesman", "catcher")."""
    low = word.lower()
    return low in words.titles or (len(low) > 4 and low.endswith(_ROLE_ENDINGS))


def _article_opens(tokens: list[Token], i: int, words: Words, *, caption: bool) -> bool:
    """"The"/"A" opens a sentence before a lowercase word ("... seen The teenager"), or,
    after a lowercase word or inside a caption, before a capitalised word and a lowercase
    one ("... sport's greats The Brazilian star"), not before a title ("The Paper")."""
    nxt = core(tokens[i + 1][2]) if i + 1 < len(tokens) else ""
    if not nxt:
        return False
    if nxt[0].islower():
        return nxt not in words.joiners
    after = tokens[i + 2][2] if i + 2 < len(tokens) else ""
    return caption and bool(after) and _lowerish(after) and core(after) not in words.joiners


def _verb_follows(tokens: list[Token], i: int, words: Words) -> bool:
    """A finite verb soon after the capitalised word at i: a new clause starts there
    ("... the attack Germany leads the mission", "... blast Taliban spokesman X said")."""
    run = True
    for _, _, w in tokens[i + 1:i + 9]:
        c = core(w)
        if run and _capital(w):
            continue
        if run and len(c) > 3 and c.endswith(("s", "ed")) and c not in words.joiners | words.titles:
            return True
        run = False
        if c in _VERBS:
            return True
        if w.rstrip(_CLOSE)[-1:] in ".!?":
            return False
    return False


def _next_listed(tokens: list[Token], i: int, words: Words) -> int:
    """A listed sentence opener one or two words on ("ranking Republican Mr Obama"): start there."""
    for j in (i + 1, i + 2):
        if j < len(tokens) and core(tokens[j][2]) in words.starters | words.openers | words.weak:
            return j
    return i


def _double_quotes(word: str) -> int:
    if '"' not in word and "“" not in word and "”" not in word:
        return 0
    return sum(word.count(q) for q in _DOUBLE)


def caption_end(text: str, start: int, limit: int, words: Words, *, item: bool = False) -> int:
    """Where a caption that starts at ``start`` ends (at most ``limit``); a gallery ``item``
    runs over full stops to the next item when that is near."""
    tokens = _tokens(text, start, limit)
    if item and len(tokens) <= _ITEM_WORDS:
        for i in range(3, len(tokens)):
            if words.credit is not None and words.credit.match(text, tokens[i][0]):
                return tokens[i - 1][1]
        return tokens[-1][1] if tokens else start
    quoted = False
    for i, (begin, end, w) in enumerate(tokens):
        if i >= 3 and not quoted and boundary(tokens, i, words, caption=True):
            return tokens[_next_listed(tokens, i, words) - 1][1]
        if i >= 3 and words.credit is not None and words.credit.match(text, begin):
            return tokens[i - 1][1]  # "... in London, England Getty Among the dead"
        quoted ^= _double_quotes(w) % 2 == 1
        following = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if not quoted and ends_sentence(w) and _capital(following):
            return end
        if i >= _CAPTION_MAX:
            return end
    return tokens[-1][1] if tokens else start


def list_end(text: str, start: int, limit: int, words: Words) -> int:
    """Where a list of headlines ends: a full stop, an opening double quote or a plain new
    sentence ("... chocolate reindeer The BBC reported"); headlines may end in ? or !."""
    tokens = _tokens(text, start, limit)
    for i in range(1, min(len(tokens), _LIST_MAX)):
        prev, w = tokens[i - 1][2], tokens[i][2]
        bare = prev.rstrip(_CLOSE)
        if w[0] in "\"“" and bare[-1:] not in ".!?":
            return tokens[i - 1][1]
        if _capital(w) and bare.endswith(".") and not bare.endswith("...") and ends_sentence(prev):
            return tokens[i - 1][1]
        if _lowerish(prev) and core(w) in words.starters:
            return tokens[i - 1][1]
        if _capital(w) and any(t[2].endswith(":") and core(t[2]) in _VERBS | _SAYS for t in tokens[i + 1:i + 4]):
            return tokens[i - 1][1]  # "... babies to sleep? Philip Joseph wrote: ..."
    return tokens[min(len(tokens), _LIST_MAX) - 1][1] if tokens else start


_NAME_LINKS = frozenset("of for and via de la von van the & at".split())


def name_end(text: str, start: int, limit: int, words: Words) -> int:
    """Where a credit's run of names ends ("Getty Images", "European Press Agency")."""
    end = start
    for i, (_, stop, w) in enumerate(_tokens(text, start, limit)):
        c = core(w)
        if i and (c in words.starters or c in words.openers or c in words.weak) or i >= 6:
            break
        if not (_capital(w) or w.startswith("@") or "/" in w or (i and c.lower() in _NAME_LINKS)):
            break
        if i and len(c) > 2 and c.isupper() and c.isalpha():
            break  # a dateline after a byline: "By Jan Doe LONDON (Reuters) -"
        end = stop
        if w[-1] in ",;.":
            break
    return end


def _sentence_ends(text: str, lo: int, hi: int) -> list[int]:
    tokens = _tokens(text, lo, hi)
    return [
        tokens[i][1]
        for i in range(len(tokens) - 1)
        if ends_sentence(tokens[i][2]) and _capital(tokens[i + 1][2])
    ]


def sentence_start(text: str, pos: int, floor: int) -> int:
    """The start of the sentence that contains ``pos`` (not before ``floor``)."""
    ends = _sentence_ends(text, floor, pos)
    tokens = _tokens(text, max(floor, pos - 80), pos)
    if tokens and tokens[-1][1] > floor and ends_sentence(tokens[-1][2]):
        ends.append(tokens[-1][1])  # the sentence before ends right where pos begins
    if not ends:
        return floor
    start = ends[-1]
    while start < pos and text[start].isspace():
        start += 1
    return start


def sentence_end(text: str, pos: int, limit: int) -> int:
    """The end of the sentence that contains ``pos`` (at most ``limit``)."""
    tokens = _tokens(text, pos, limit)
    for i, (_, end, w) in enumerate(tokens):
        if ends_sentence(w) and (i + 1 == len(tokens) or _capital(tokens[i + 1][2])):
            return end
    return limit


def _sentences(tokens: list[Token]) -> list[tuple[int, int]]:
    """[start, end) token ranges of the sentences (a full stop, ? or ! before a capital)."""
    found, start = [], 0
    for i, (_, _, w) in enumerate(tokens):
        if ends_sentence(w) and (i + 1 == len(tokens) or _capital(tokens[i + 1][2])):
            found.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        found.append((start, len(tokens)))
    return found


def unmarked_captions(text: str, words: Words) -> list[tuple[int, int]]:
    """Captions glued into prose with no marker: pieces of a sentence that end, with no
    punctuation, where a new sentence plainly starts ("... at Interlagos But the teenager").
    In a run-on sentence of many words, a capitalised common word with a verb after it starts
    one too ("... on Friday morning Investigators said ..."). The last piece of a long run of
    sentences counts when it has no full stop."""
    tokens = _tokens(text, 0, len(text))
    sentences = _sentences(tokens)
    found: list[tuple[int, int]] = []
    for first, stop in sentences:
        piece, quoted, long = first, False, stop - first > _RUN_ON_WORDS
        for i in range(first, stop):
            if i > piece and not quoted and (
                boundary(tokens, i, words, caption=False) or (long and _clause_starts(tokens, i, words))
            ):
                if i - piece >= 4 and tokens[i - 1][2][-1] not in _DOUBLE:  # speech ends in a quote
                    found.append((tokens[piece][0], tokens[i - 1][1]))
                piece = i
            quoted ^= _double_quotes(tokens[i][2]) % 2 == 1
    last = tokens[piece:] if sentences else []  # the last piece of the last sentence
    end = last[-1][2] if last else ""
    closed = end.rstrip(_CLOSE)[-1:] in ".!?:" or end[-1:] in _DOUBLE
    if len(sentences) > _RUN_ON and len(last) >= 6 and not closed:
        found.append((last[0][0], last[-1][1]))
    return found


def _clause_starts(tokens: list[Token], i: int, words: Words) -> bool:
    """A capitalised word the article also writes in lowercase, after a lowercase word that
    does not join it, with a verb soon after: a sentence glued on without its full stop."""
    prev, w = tokens[i - 1][2], tokens[i][2]
    pc, wc = core(prev), core(w)
    return (
        _lowerish(prev) and prev[-1] not in ".,;:!?" and pc.lower() not in words.joiners
        and not _role_noun(pc, words) and wc[:1].isupper() and wc.lower() in words.vocab
        and _verb_follows(tokens, i, words)
    )
