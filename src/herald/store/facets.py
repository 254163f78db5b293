"""The columns that lists, filters and the map read, kept beside each stored event.

Events are stored as whole JSON records; filtering 100,000 of them by actor, outlet or
free text would parse every record per request. ``event_facets`` holds, per event, the
few values the readers filter and sort on, lower-cased where they are matched by
substring. One SQL statement derives them from the stored record (and the titles of its
source articles), so the migration that adds the table and every later write agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import duckdb

CREATE_TABLE = """CREATE TABLE event_facets (
    id VARCHAR PRIMARY KEY, date VARCHAR, event_type VARCHAR, sub_event_type VARCHAR,
    country VARCHAR, admin1 VARCHAR, place VARCHAR, lat DOUBLE, lon DOUBLE,
    precision VARCHAR, sources INTEGER, outlets VARCHAR[], actors VARCHAR, search VARCHAR,
    seq BIGINT)"""
# Text search reads a word index, not the text: scanning `search` (~185 characters per
# event) cost ~26 ms per query on 100,000 events, and a filtered list runs three queries.
# Words are what `search` splits into on anything but letters and digits; they point to
# the facet row by `seq`, an integer (a join on the text ids cost 3-4 times more).
CREATE_WORDS = [
    "CREATE SEQUENCE event_facets_seq",
    "CREATE TABLE event_words (word VARCHAR, seq BIGINT)",
]
WORD_SPLIT = r"[^\pL\pN]+"
MIN_WORD_CHARS = 2
_WORDS = f"""
INSERT INTO event_words
SELECT DISTINCT word, seq FROM (
    SELECT seq, unnest(regexp_split_to_array(search, '{WORD_SPLIT}')) AS word
    FROM event_facets {{where}})
WHERE length(word) >= {MIN_WORD_CHARS}
"""

# {where} restricts the events read: empty for the migration's backfill.
_DERIVE = """
WITH fresh AS (SELECT id, date, event_type, country, record FROM events {where}),
source_titles AS (
    SELECT s.id, string_agg(a.title, ' | ') AS titles
    FROM (SELECT id, unnest(json_extract_string(record, '$.sources[*].article')) AS article
          FROM fresh) s
    JOIN articles a ON a.id = s.article
    GROUP BY s.id)
INSERT INTO event_facets
SELECT f.id, f.date, f.event_type, f.record ->> '$.sub_event_type', f.country,
    f.record ->> '$.location.admin1', f.record ->> '$.location.name',
    TRY_CAST(f.record ->> '$.location.lat' AS DOUBLE),
    TRY_CAST(f.record ->> '$.location.lon' AS DOUBLE),
    f.record ->> '$.location.precision',
    json_array_length(f.record, '$.sources'),
    list_distinct(list_filter(json_extract_string(f.record, '$.sources[*].outlet'),
                              lambda o: o IS NOT NULL)),
    lower(array_to_string(json_extract_string(f.record, '$.actors[*].name'), ' | ')),
    lower(concat_ws(' | ',
        f.record ->> '$.summary', f.record ->> '$.sub_event_type',
        f.record ->> '$.location.name', f.record ->> '$.location.admin1',
        array_to_string(json_extract_string(f.record, '$.actors[*].name'), ' | '),
        array_to_string(json_extract_string(f.record, '$.actors[*].labels[*].text'), ' | '),
        array_to_string(json_extract_string(f.record, '$.sources[*].outlet'), ' | '),
        array_to_string(json_extract_string(f.record, '$.conflicts[*]'), ' | '),
        t.titles)),
    nextval('event_facets_seq')
FROM fresh f LEFT JOIN source_titles t ON t.id = f.id
"""

BACKFILL = [_DERIVE.format(where=""), _WORDS.format(where="")]

# Indexes the event page and the article page look up by; the list filters scan
# event_facets' columns, which DuckDB's zone maps and vectorised scan keep fast.
MIGRATION = [
    CREATE_TABLE,
    *CREATE_WORDS,
    *BACKFILL,
    "CREATE INDEX event_words_word ON event_words (word)",
    "CREATE INDEX candidates_article ON candidates (article_id)",
    "CREATE INDEX event_members_event ON event_members (event_id)",
]


def index_events(
    db: duckdb.DuckDBPyConnection, stale_ids: Sequence[str], event_ids: Sequence[str]
) -> None:
    """Replace the facet rows and words of these events (after the events themselves)."""
    db.execute("DELETE FROM event_words WHERE seq IN (SELECT seq FROM event_facets"
               " WHERE id IN (SELECT unnest(?)))", [list(stale_ids)])
    db.execute("DELETE FROM event_facets WHERE id IN (SELECT unnest(?))", [list(stale_ids)])
    if event_ids:
        chosen = "WHERE id IN (SELECT unnest(?))"
        db.execute(_DERIVE.format(where=chosen), [list(event_ids)])
        db.execute(_WORDS.format(where=chosen), [list(event_ids)])


def search_words(text: str) -> list[str]:
    """The words of a search as the index splits them (letters and digits, lower-cased)."""
    return [w for w in re.findall(r"[^\W_]+", text.lower()) if len(w) >= MIN_WORD_CHARS]
