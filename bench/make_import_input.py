#!/usr/bin/env python3
"""Builds large MusicBrainz JSON-dump and Discogs XML-dump inputs for bench/import_bench.sh by
repeating the real records of ../shared/data with renumbered ids and suffixed names, so that
every copy is a distinct entity (as in a real dump) while the record shapes stay real.

usage: make_import_input.py SHARED_DATA_DIR OUT_DIR MEGABYTES_PER_FORMAT
writes OUT_DIR/mb/{artist,label,recording,release}.jsonl and OUT_DIR/discogs/discogs_{artists,
labels,masters,releases}.xml (uncompressed; sizes add up to about MEGABYTES_PER_FORMAT each).
"""
import glob
import gzip
import json
import os
import re
import sys

UUID = re.compile(r'[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})')
NAME_KEYS = {"name", "title", "sort-name"}


def renumber_uuid(text, k):
    if k == 0:
        return text
    return UUID.sub(lambda m: "%08x" % ((int(m.group(0)[:8], 16) + k * 0x9E3779B1) & 0xFFFFFFFF)
                    + m.group(1), text)


def suffix_names(obj, k):
    if isinstance(obj, dict):
        for key, v in obj.items():
            if key in NAME_KEYS and isinstance(v, str) and v:
                obj[key] = "%s #%d" % (v, k)
            else:
                suffix_names(v, k)
    elif isinstance(obj, list):
        for v in obj:
            suffix_names(v, k)


def mb_records(data):
    """(kind, compact JSON line) of every entity lookup and dump line of the shared samples."""
    out = []
    ws = os.path.join(data, "musicbrainz-ws-json")
    for path in sorted(glob.glob(os.path.join(ws, "*.json"))):
        base = os.path.basename(path)
        doc = json.load(open(path, encoding="utf-8"))
        if "id" not in doc:
            continue
        for kind in ("recording", "release", "artist"):
            if base.startswith(kind) and not base.startswith("release_group"):
                out.append((kind, doc))
                break
    for line in open(os.path.join(ws, "dump-label.jsonl"), encoding="utf-8"):
        if line.strip():
            out.append(("label", json.loads(line)))
    return out


def write_mb(data, out_dir, limit):
    """Shares of the bytes roughly as in the real dumps: releases and recordings first."""
    os.makedirs(out_dir, exist_ok=True)
    records = mb_records(data)
    share = {"artist": 0.15, "label": 0.10, "recording": 0.40, "release": 0.35}
    copies = {}
    for kind, budget in share.items():
        mine = [doc for kd, doc in records if kd == kind]
        written, k = 0, 0
        with open(os.path.join(out_dir, kind + ".jsonl"), "w", encoding="utf-8") as f:
            while written < limit * budget:
                for doc in mine:
                    if k:
                        doc = json.loads(renumber_uuid(json.dumps(doc, ensure_ascii=False), k))
                        suffix_names(doc, k)
                    line = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
                    f.write(line)
                    written += len(line.encode("utf-8"))
                k += 1
        copies[kind] = k
    return copies


ID_PATTERNS = [re.compile(r'(<id>)(\d+)(</id>)'), re.compile(r'( id=")(\d+)(")'),
               re.compile(r'(<main_release>)(\d+)(</main_release>)'),
               re.compile(r'(<master_id[^>]*>)(\d+)(</master_id>)')]
NAME_PATTERNS = [re.compile(r'(<name>)([^<]+)(</name>)'), re.compile(r'(<title>)([^<]+)(</title>)'),
                 re.compile(r'( name=")([^"]+)(")')]


def discogs_copy(record, k):
    if k == 0:
        return record
    for p in ID_PATTERNS:
        record = p.sub(lambda m: m.group(1) + str(int(m.group(2)) + k * 100000000) + m.group(3),
                       record)
    for p in NAME_PATTERNS:
        record = p.sub(lambda m: "%s%s #%d%s" % (m.group(1), m.group(2), k, m.group(3)), record)
    return record


def split_records(text, tag):
    return re.findall(r'<%s[ >].*?</%s>' % (tag, tag), text, re.S)


def write_discogs(data, out_dir, limit):
    """Releases are most of a real Discogs dump (about 90% of its bytes): so here too."""
    os.makedirs(out_dir, exist_ok=True)
    src = os.path.join(data, "discogs")
    parts = {}
    for kind in ("artists", "labels", "masters"):
        text = gzip.open(os.path.join(src, "discogs_20200806_%s.xml.gz" % kind), "rt",
                         encoding="utf-8").read()
        parts[kind] = split_records(text, kind[:-1])
    release = open(os.path.join(src, "single-records", "release.xml"), encoding="utf-8").read()
    release = re.sub(r'>\s+<', '><', release.strip())  # dump files have no indentation
    parts["releases"] = [release]
    share = {"artists": 0.04, "labels": 0.03, "masters": 0.08, "releases": 0.85}
    copies = {}
    for kind, records in parts.items():
        budget = limit * share[kind]
        written, k = 0, 0
        with open(os.path.join(out_dir, "discogs_%s.xml" % kind), "w", encoding="utf-8") as f:
            f.write('<%s>\n' % kind)
            while written < budget:
                for r in records:
                    line = discogs_copy(r, k) + "\n"
                    f.write(line)
                    written += len(line.encode("utf-8"))
                    if written >= budget:
                        break
                k += 1
            f.write('</%s>\n' % kind)
        copies[kind] = k
    return copies


def main():
    data, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
    limit = int(mb * 1e6)
    k = write_mb(data, os.path.join(out, "mb"), limit)
    c = write_discogs(data, os.path.join(out, "discogs"), limit)
    print("musicbrainz copies: %s; discogs copies: %s" % (k, c))


if __name__ == "__main__":
    main()
