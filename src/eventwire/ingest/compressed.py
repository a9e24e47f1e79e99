"""Compressed bytes: gzip files (``.html.gz``) and HTTP bodies in WARC records
(Content-Encoding gzip, deflate, br), opened with a cap on the unpacked size."""

from __future__ import annotations

import gzip
import io
import zlib

from ..errors import InputError

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16


def _capped(stream: io.RawIOBase | gzip.GzipFile, max_bytes: int) -> bytes:
    out = bytearray()
    while chunk := stream.read(_CHUNK):
        out += chunk
        if len(out) > max_bytes:
            raise InputError("E108", size=f"over {max_bytes}", cap=max_bytes)
    return bytes(out)


def _inflate(data: bytes, max_bytes: int) -> bytes:
    """zlib or raw deflate (servers send both as "deflate")."""
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
        try:
            unpacker = zlib.decompressobj(wbits)
            out = unpacker.decompress(data, max_bytes + 1)
        except zlib.error:
            continue
        if len(out) > max_bytes:
            raise InputError("E108", size=f"over {max_bytes}", cap=max_bytes)
        return out
    raise InputError("E117", encoding="deflate", detail="not zlib or deflate data")


def _brotli(data: bytes) -> bytes:
    try:
        import brotli  # type: ignore[import-not-found]
    except ImportError:
        try:
            import brotlicffi as brotli  # type: ignore[import-not-found,no-redef]
        except ImportError:
            raise InputError("E116", encoding="br") from None
    try:
        return brotli.decompress(data)
    except Exception as err:  # the decoders raise their own error types
        raise InputError("E117", encoding="br", detail=str(err)) from err


def unpack(data: bytes, *, encoding: str | None = None, max_bytes: int) -> bytes:
    """The bytes unpacked: by ``encoding`` (gzip, x-gzip, deflate, br, identity) when given,
    else gzip when the bytes start with its magic number; others are returned as they are."""
    enc = (encoding or "").strip().lower()
    try:
        if enc in ("gzip", "x-gzip") or (not enc and data[:2] == GZIP_MAGIC):
            if data[:2] != GZIP_MAGIC:
                return data  # already unpacked on the way (warcio decodes what it can)
            return _capped(gzip.GzipFile(fileobj=io.BytesIO(data)), max_bytes)
        if enc == "deflate":
            return _inflate(data, max_bytes)
        if enc == "br":
            return _brotli(data)
    except (OSError, EOFError, zlib.error) as err:
        raise InputError("E117", encoding=enc or "gzip", detail=str(err)) from err
    if enc not in ("", "identity", "none", "utf-8"):
        raise InputError("E116", encoding=enc)
    return data
