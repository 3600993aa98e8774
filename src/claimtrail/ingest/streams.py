"""Stream big containers (JSON Lines dumps, WARC archives) instead of loading them.

``CheckedStream`` reads a file, gunzipping it on the fly when it is gzipped (one or
many members, as WARC.GZ has), and remembers whether the data ended cleanly: a gzip
stream cut mid-member or corrupt is ``damage``, and the readers report it after
keeping everything read before it. Memory stays at a few chunks whatever the size,
and a gzip bomb is never expanded at once.
"""
from __future__ import annotations

import io
import zlib
from typing import BinaryIO

CHUNK = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"


class CheckedStream(io.RawIOBase):
    def __init__(self, raw: BinaryIO, gzipped: bool) -> None:
        super().__init__()
        self._raw = raw
        self._gz = gzipped
        self._decomp: zlib._Decompress | None = None   # None between gzip members
        self._pending = b""
        self._buf = bytearray()
        self._done = False
        self.damage: str | None = None
        self.produced = 0                 # bytes handed out so far
        self.tail = b""                   # the last bytes handed out

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        self._fill()
        n = min(len(buffer), len(self._buf))
        if n == 0:
            return 0
        buffer[:n] = self._buf[:n]
        self.tail = (self.tail + bytes(self._buf[max(0, n - 8):n]))[-8:]
        del self._buf[:n]
        self.produced += n
        return n

    def _fill(self) -> None:
        while not self._buf and not self._done:
            if not self._pending or (self._gz and self._decomp is None and len(self._pending) < 2):
                more = self._raw.read(CHUNK)
                if not more:
                    self._finish()
                    return
                self._pending += more
                continue
            if not self._gz:
                self._buf += self._pending
                self._pending = b""
                continue
            if self._decomp is None:
                if not self._pending.startswith(GZIP_MAGIC):
                    if self._pending.strip(b"\x00"):   # NUL padding after the last member is fine
                        self.damage = (f"unexpected non-gzip data after {self.produced:,} "
                                       "decompressed bytes")
                    self._done = True
                    return
                self._decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                out = self._decomp.decompress(self._pending, CHUNK)
            except zlib.error as exc:
                self.damage = f"corrupt gzip data after {self.produced:,} bytes: {exc}"
                self._done = True
                return
            if self._decomp.eof:
                self._pending = self._decomp.unused_data
                self._decomp = None
            else:
                self._pending = self._decomp.unconsumed_tail
            self._buf += out

    def _finish(self) -> None:
        self._done = True
        if self._gz and (self._decomp is not None or self._pending):
            self.damage = (f"gzip stream is truncated after {self.produced + len(self._buf):,} "
                           "decompressed bytes (the download or copy was cut short)")


def open_checked(path: str, gzipped: bool | None = None) -> tuple[BinaryIO, CheckedStream]:
    """(a buffered reader, its CheckedStream) for ``path``; gzip sniffed when not said."""
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the reader
    if gzipped is None:
        gzipped = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
    stream = CheckedStream(raw, gzipped)
    reader = io.BufferedReader(stream, buffer_size=CHUNK)
    return reader, stream


def close(reader: BinaryIO, stream: CheckedStream) -> None:
    reader.close()
    stream._raw.close()
