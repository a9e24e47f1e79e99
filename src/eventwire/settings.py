"""Settings, each declared once: defaults.toml < user file < EVENTWIRE_* environment < flags.

`SETTINGS` declares every setting (name, type, default, help). The package
ships them as ``defaults.toml`` (written from `SETTINGS` by
``scripts/gen_docs.py``, checked by a test); a user file
(``$XDG_CONFIG_HOME/eventwire/config.toml``, by default
``~/.config/eventwire/config.toml``, or ``--config FILE``) overrides any of
them, the environment variable ``EVENTWIRE_<NAME>`` (dots as underscores:
``EVENTWIRE_STORIES_WINDOW_DAYS``) overrides the file, and a command's flag
overrides everything. `load` merges the layers and remembers where each
value came from, which ``eventwire config`` prints.
DOCS: docs/settings.md
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EventwireError

DEFAULTS_FILE = Path(__file__).with_name("defaults.toml")
ENV_PREFIX = "EVENTWIRE_"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: ``name`` is ``section.key`` (or a bare key for the top level)."""

    name: str
    type: type
    default: Any
    help: str

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper().replace(".", "_")


def _declare(*settings: Setting) -> dict[str, Setting]:
    return {s.name: s for s in settings}


SETTINGS: dict[str, Setting] = _declare(
    Setting("db", str, "eventwire.db",
            "The database: a SQLite file path or a SQLAlchemy URL (postgresql://host/db)."),
    Setting("ingest.max_bytes", int, 20 * 1024 * 1024,
            "Files and records larger than this many bytes are skipped (E108)."),
    Setting("ingest.batch_size", int, 32,
            "Articles spaCy parses together when parsing in one process; skips are written this many at a time."),
    Setting("ingest.workers", int, 0,
            "Processes that parse articles for `eventwire ingest` (each loads the model once, "
            "about 0.4 GB); 0: one per CPU core, 1: parse in the ingesting process."),
    Setting("ingest.actors", str, "",
            "An extra actor dictionary (TSV, the columns of data/actors.tsv); empty: none."),
    Setting("events.all_events", bool, False,
            "Store every coded event, not only those with a political side (data/event_relevance.tsv)."),
    Setting("serve.host", str, "127.0.0.1", "Address the HTTP API and web UI listen on."),
    Setting("serve.port", int, 8000, "Port the HTTP API and web UI listen on."),
    Setting("serve.cache", bool, True,
            "Keep API answers until the database changes (any write empties it): fast under many clients."),
    Setting("batch.chunk_size", int, 64, "Records per unit of work of `eventwire batch` (and per resumable step)."),
    Setting("batch.engine", str, "local", "Engine of `eventwire batch`: local (a process pool) or ray."),
    Setting("stories.window_days", int, 7,
            "Articles published further apart than this many days are never one story."),
    Setting("stories.decay_days", float, 3.0,
            "Both story-link thresholds rise by exp(days apart / this): the further apart, the closer "
            "two articles must be (0: no rise)."),
    Setting("stories.name_threshold", float, 0.25,
            "Cosine of the weighted names (actor ids) two same-day articles need to be one story."),
    Setting("stories.word_threshold", float, 0.35,
            "Cosine of the weighted content words two same-day articles need to be one story."),
)


@dataclass
class Settings:
    """The values in force and, for each, where it came from."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        if name not in SETTINGS:
            raise EventwireError("E403", name=name)
        return self.values[name]

    def override(self, name: str, value: Any, source: str) -> None:
        """Set ``name`` from a higher layer (a flag); None leaves it as it is."""
        if value is None:
            return
        self.values[name] = coerce(SETTINGS[name], value, source)
        self.sources[name] = source


def coerce(setting: Setting, value: Any, source: str) -> Any:
    """``value`` as the setting's type; strings (the environment) are parsed."""
    kind = setting.type
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            if kind is bool and text.lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                return text.lower() in ("1", "true", "yes", "on")
            if kind in (int, float):
                return kind(text)
        except ValueError:
            pass
    raise EventwireError("E407", name=setting.name, source=source, type=kind.__name__, value=value)


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def read_file(path: Path) -> dict[str, Any]:
    """The settings a TOML file sets, by dotted name; unknown names are E403."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise EventwireError("E408", path=str(path), detail=err.strerror or str(err)) from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise EventwireError("E408", path=str(path), detail=str(err)) from err
    flat = _flatten(data)
    for name in flat:
        if name not in SETTINGS:
            raise EventwireError("E403", name=name)
    return flat


def user_file() -> Path:
    """Where the user's settings file lives when ``--config`` is not given."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "eventwire" / "config.toml"


def load(*, config: str | Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the user file (``config`` or `user_file`), then the environment."""
    env = os.environ if env is None else env
    found = Settings()
    for name, value in read_file(DEFAULTS_FILE).items():
        found.values[name] = coerce(SETTINGS[name], value, str(DEFAULTS_FILE))
        found.sources[name] = "default"
    for name, setting in SETTINGS.items():  # a setting missing from the file keeps its declared default
        found.values.setdefault(name, setting.default)
        found.sources.setdefault(name, "default")
    path = Path(config) if config else user_file()
    if config or path.is_file():
        for name, value in read_file(path).items():
            found.override(name, value, str(path))
    for name, setting in SETTINGS.items():
        if setting.env in env:
            found.override(name, env[setting.env], f"${setting.env}")
    return found


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def render_defaults() -> str:
    """defaults.toml: every setting at its default, with its help as a comment."""
    lines = ["# eventwire settings at their defaults (written from eventwire/settings.py; do not edit).",
             "# Copy what you change to ~/.config/eventwire/config.toml or a file for --config.", ""]
    section = None
    for setting in sorted(SETTINGS.values(), key=lambda s: ("." in s.name, s.name)):
        head, _, key = setting.name.rpartition(".")
        if head != (section or "") and head:
            lines += ["", f"[{head}]"]
            section = head
        lines += [f"# {setting.help}", f"{key} = {_toml_value(setting.default)}"]
    return "\n".join(lines) + "\n"
