#!/usr/bin/env python3
"""Mark a shared library's requirement of a libstdc++ symbol version as weak, so that it loads without that version.

TorchSharp 0.107.0's libLibTorchSharp.so was linked against GCC 13's libstdc++ and asks for GLIBCXX_3.4.32, which
older distributions (Debian 12 has up to 3.4.30) lack, so the loader refuses it. The one symbol of that version,
std::ios_base_library_init, is only referenced to pull in the iostream initialisation, which the libstdc++ present
does anyway. With the requirement flagged VER_FLG_WEAK in .gnu.version_r, the loader accepts the library when the
version is missing.

Usage: weaken-glibcxx.py [--version GLIBCXX_3.4.32] PATH...
Each PATH is a shared library or a folder whose *.so files are checked. Only files that require the version and do
not already mark it weak are rewritten (through a new file, so a hard link into a package cache is never modified);
running it twice changes nothing. Standard library only: it reads the ELF64 little-endian headers itself.
"""

import mmap
import os
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def section_headers(data):
    """(type, offset, size, link, info) of every section."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    headers = []
    for i in range(shnum):
        _, sh_type, _, _, offset, size, link, info = struct.unpack_from("<IIQQQQII", data, shoff + i * shentsize)
        headers.append((sh_type, offset, size, link, info))
    return headers


def strong_requirements(data, version):
    """File offsets of the vna_flags fields of every non-weak requirement of `version`."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []  # not ELF64 little-endian
    headers = section_headers(data)
    found = []
    for sh_type, offset, _, link, count in headers:
        if sh_type != SHT_GNU_VERNEED:
            continue
        strings = headers[link][1]  # .dynstr, where vna_name points
        need = offset
        for _ in range(count):  # Verneed: vn_version, vn_cnt, vn_file, vn_aux, vn_next
            _, aux_count, _, aux, next_need = struct.unpack_from("<HHIII", data, need)
            entry = need + aux
            for _ in range(aux_count):  # Vernaux: vna_hash, vna_flags, vna_other, vna_name, vna_next
                _, flags, _, name, next_entry = struct.unpack_from("<IHHII", data, entry)
                start = strings + name
                if data[start:data.find(b"\0", start)] == version and not flags & VER_FLG_WEAK:
                    found.append(entry + 4)
                entry += next_entry
            need += next_need
    return found


def weaken(path, version):
    # Mapped, so that checking libtorch's hundreds of megabytes reads only the few pages of headers.
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        offsets = strong_requirements(mapped, version)
        if not offsets:
            return False
        data = bytearray(mapped)
    for offset in offsets:
        flags, = struct.unpack_from("<H", data, offset)
        struct.pack_into("<H", data, offset, flags | VER_FLG_WEAK)
    temporary = path + ".weakening"
    with open(temporary, "wb") as f:
        f.write(data)
    os.chmod(temporary, os.stat(path).st_mode)
    os.replace(temporary, path)
    return True


def main(args):
    version = b"GLIBCXX_3.4.32"
    if len(args) >= 2 and args[0] == "--version":
        version, args = args[1].encode(), args[2:]
    if not args:
        print("usage: weaken-glibcxx.py [--version GLIBCXX_3.4.32] PATH...", file=sys.stderr)
        return 2
    for path in args:
        files = [os.path.join(path, name) for name in sorted(os.listdir(path)) if ".so" in name] \
            if os.path.isdir(path) else [path]
        for file in files:
            if os.path.isfile(file) and os.path.getsize(file) > 0 and weaken(file, version):
                print(f"weaken-glibcxx: {file}: {version.decode()} marked weak")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
