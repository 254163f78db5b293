"""The page's own date (segment stage): where a page without metadata says when it was
published, in several languages, and the dates that must never be taken for it.

Texts are written for these tests; the dev pages are only read, to check that a date
read from a page agrees with the metadata its record carries.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from herald.model import Article, PageDate
from herald.segment import segment_article
from herald.segment.page_date import url_date
from herald.store import Store
from herald.store.schema import MIGRATIONS

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
NEWS_SETS = ("realnews-dev", "realnews-us", "realnews-world-dev")
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/eval not present")

BODY_EN = ("Several hundred people marched through the city centre to protest against the "
           "closure of the hospital, organisers said.")


def page(text: str, url: str | None = None, title: str | None = None,
         published: str | None = None) -> Article:
    return segment_article(Article(id="p1", text=text, url=url, title=title,
                                   published=published))


def read(text: str, **fields: str) -> PageDate | None:
    return page(text, **fields).page_date


def assert_evidence(article: Article, expected: str) -> None:
    """The page date points at the characters it was read from."""
    found = article.page_date
    assert found is not None and found.start is not None and found.end is not None
    assert article.text[found.start : found.end] == found.text
    assert expected in found.text


# --- metadata and the capture's tag ---------------------------------------------------------

def test_metadata_wins_over_the_url() -> None:
    found = read(f"Hospital march\n{BODY_EN}\n", url="https://example.org/2020/06/01/march",
                 published="2020-06-02")
    assert found == PageDate("2020-06-02", "day", "metadata", "2020-06-02")


def test_date_tag_gives_a_day_or_only_a_month() -> None:
    day = page(f" date 2019-07-01 {BODY_EN}\n")
    assert day.published == "2019-07-01" and day.page_date is not None
    assert day.page_date.source == "date_tag"
    month = page(f" date 2021-05 {BODY_EN}\n")
    assert month.published is None
    assert month.page_date == PageDate("2021-05-01", "month", "date_tag", "date 2021-05", 1, 13)


# --- publication lines and datelines, one language at a time -----------------------------------

@pytest.mark.parametrize(("line", "body", "day", "shown"), [
    ("Updated 6:42 p.m. EDT May 31, 2020", BODY_EN, "2020-05-31", "May 31, 2020"),
    ("Posted by Jane Roe on June 2, 2020", BODY_EN, "2020-06-02", "June 2, 2020"),
    ("Published June 1, 2020 | Updated June 3, 2020", BODY_EN, "2020-06-01", "June 1, 2020"),
    ("Publié le 21/04/2018 à 10h12",
     "Plusieurs centaines de personnes ont défilé dans le centre-ville pour protester contre "
     "la fermeture de l'hôpital, selon les organisateurs.", "2018-04-21", "21/04/2018"),
    ("Veröffentlicht am 3. Juni 2020, 14:02 Uhr",
     "Mehrere hundert Menschen sind durch die Innenstadt gezogen, um gegen die Schließung "
     "des Krankenhauses zu protestieren, teilten die Veranstalter mit.", "2020-06-03",
     "3. Juni 2020"),
    ("Publicado el 12 de marzo de 2021",
     "Varios cientos de personas marcharon por el centro de la ciudad para protestar contra "
     "el cierre del hospital, según los organizadores.", "2021-03-12", "12 de marzo de 2021"),
    ("Опубликовано: 12 марта 2021, 10:15",
     "Несколько сотен человек прошли по центру города в знак протеста против закрытия "
     "больницы, сообщили организаторы.", "2021-03-12", "12 марта 2021"),
    ("تاريخ النشر: الثلاثاء 12 مارس 2024 - 10:30",
     "تظاهر مئات الأشخاص في وسط المدينة احتجاجا على إغلاق المستشفى، بحسب المنظمين.",
     "2024-03-12", "12 مارس 2024"),
])
def test_publication_line_under_the_headline(line: str, body: str, day: str,
                                             shown: str) -> None:
    article = page(f"A headline about the hospital\n{line}\n{body}\n")
    assert article.published == day
    assert article.page_date is not None
    expected = "updated_line" if line.startswith("Updated") else "published_line"
    assert article.page_date.source == expected
    assert_evidence(article, shown)


@pytest.mark.parametrize(("line", "day"), [
    ("Posted: Jun 1, 2020 / 10:05 PM CDT / Updated: Jun 2, 2020 / 08:00 AM CDT", "2020-06-01"),
    ("By Jane Roe | jroe@example.com | The Daily Example PUBLISHED: May 31, 2020 at 6:12 p.m. "
     "| UPDATED: June 1, 2020 at 10:31 a.m.", "2020-05-31"),
    ("Jane Roe, The Example Times Published 10:44 am CDT, Sunday, May 31, 2020", "2020-05-31"),
    ("Sun, May 31st 2020, 9:14 PM CDT", "2020-05-31"),
    ("Mis à jour le 14/11/2015 à 18:02, publié le 14/11/2015 à 17:20", "2015-11-14"),
    ("02.06.2020, 14:02", "2020-06-02"),  # dots: day first, whatever the page's language
])
def test_label_and_dateline_layouts(line: str, day: str) -> None:
    assert page(f"Hospital march\n{line}\n{BODY_EN}\n").published == day


def test_the_url_outranks_an_updated_line() -> None:
    text = f"Hospital march\nBy Jane Roe | Updated June 4, 2020 at 9:10 a.m.\n{BODY_EN}\n"
    article = page(text, url="https://example.org/2020/06/02/hospital-march")
    assert article.published == "2020-06-02"
    assert article.page_date is not None and article.page_date.source == "url"
    assert page(text).published == "2020-06-04"  # without the URL, the update is the date


def test_a_label_deep_in_a_sentence_is_prose() -> None:
    text = ("Hospital march\nThe council's list of closures, which was updated on June 3, "
            "2020, names the hospital.\n" + BODY_EN + "\n")
    assert read(text) is None


@pytest.mark.parametrize(("line", "body", "day"), [
    ("12 mars 2016", "Quelque deux cents personnes se sont rassemblées devant la mairie pour "
     "protester contre la fermeture de l'hôpital.", "2016-03-12"),
    ("ДНД – 20 ноября 2020", "Подразделения армии вошли в район, сообщило министерство "
     "обороны, передает агентство.", "2020-11-20"),
    ("Mon, 6 May, 2024, 7:47 pm", BODY_EN, "2024-05-06"),
])
def test_a_line_that_is_only_a_date(line: str, body: str, day: str) -> None:
    article = page(f"Headline of the day\n{line}\n{body}\n")
    assert article.published == day
    assert article.page_date is not None and article.page_date.source == "dateline"


def test_wire_dateline_takes_its_year_from_the_url() -> None:
    text = ("Police fire on protesters\nNAIROBI, June 25 (Reuters) – Police fired tear gas at "
            "protesters who tried to storm parliament on Tuesday, witnesses said.\n")
    article = page(text, url="https://example.org/world/2024/06/police-fire")
    assert article.published == "2024-06-25"
    assert article.page_date is not None and article.page_date.source == "wire_dateline"
    assert_evidence(article, "June 25")


def test_wire_dateline_takes_its_year_from_a_date_the_story_writes() -> None:
    text = ("(ANSA) – TUNIS, APRIL 17 – The head of the opposition party was arrested at his "
            "home, party sources said.\nHe had last appeared in court on April 3, 2023, "
            "lawyers said.\n")
    assert page(text).published == "2023-04-17"


def test_wire_dateline_without_any_year_gives_no_date() -> None:
    text = ("MANILA, Aug. 29 (Reuters) – Twelve soldiers were killed in clashes with "
            "militants on the southern island, an army spokesman said.\n")
    assert read(text) is None


# --- the URL ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "value", "precision"), [
    ("https://example.org/news/2018/04/21/hospital-march", "2018-04-21", "day"),
    ("https://example.org/2018-04-21-hospital-march.html", "2018-04-21", "day"),
    ("https://example.org/stories/20230125/hospital", "2023-01-25", "day"),
    ("https://example.org/stories/202503040308.html", "2025-03-04", "day"),
    ("https://example.org/17-Oct-2020/hospital-march", "2020-10-17", "day"),
    ("https://example.org/news/2021/11/hospital-march", "2021-11-01", "month"),
    # a slug that starts with a number is no day: "/2016/08/15-soldiers-killed"
    ("https://example.org/posts/2016/08/15-soldiers-killed", "2016-08-01", "month"),
    # day first, as European sites write it, where the day cannot be a month
    ("https://example.org/23-11-2021/100234-corteo-a-padova", "2021-11-23", "day"),
])
def test_url_dates(url: str, value: str, precision: str) -> None:
    found = url_date(url)
    assert found is not None and (found.value, found.precision) == (value, precision)
    assert found.source == "url"


@pytest.mark.parametrize("url", [
    "https://example.org/article/1804483",  # a serial number
    "https://example.org/06-01-2020/corteo",  # 6 January or June 1st: left unread
    "https://example.org/a/12345678901",  # eleven digits: no stamp
    "https://example.org/2020/13/40/slug",  # no such month or day
])
def test_urls_without_a_date(url: str) -> None:
    assert url_date(url) is None


def test_month_only_url_leaves_published_empty() -> None:
    article = page(f"Hospital march\n{BODY_EN}\n", url="https://example.org/2021/11/march")
    assert article.published is None
    assert article.page_date is not None and article.page_date.precision == "month"


# --- traps -----------------------------------------------------------------------------------

def test_reader_comment_dates_are_not_the_page_date() -> None:
    text = (f"Hospital march\n{BODY_EN}\n" + "More text of the article follows here. " * 8
            + "\n\nLeave a Reply\n\nJohn Smith\nJune 3, 2020 at 4:12 pm\nGreat march.\n"
            "Ann Lee\nJune 4, 2020 at 9:01 am\nI was there.\n")
    assert read(text) is None


def test_a_list_of_related_articles_gives_no_date() -> None:
    text = (f"Hospital march\n{BODY_EN}\n" + "The march ended peacefully at the town hall. " * 8
            + "\nRelated stories\nNurses strike over pay\nPublished May 2, 2019\n"
            "Council cuts hospital budget\nPublished April 28, 2019\n")
    assert read(text) is None


def test_a_list_of_stories_at_the_head_gives_no_date() -> None:
    text = ("Latest news\nNurses strike — June 1, 2020\nCouncil cuts — May 30, 2020\n"
            "Bridge reopens — May 28, 2020\n" + BODY_EN + "\n")
    assert read(text) is None


def test_a_single_publication_line_at_the_foot_is_read() -> None:
    text = (f"Hospital march\n{BODY_EN}\n" + "The march ended peacefully at the town hall. " * 8
            + "\nAuthor: Jane Roe\nPublished at: 2025-04-21 09:25:11\n")
    article = page(text)
    assert article.published == "2025-04-21"
    assert_evidence(article, "2025-04-21")


def test_copyright_footer_is_not_the_page_date() -> None:
    text = (f"Hospital march\n{BODY_EN}\n"
            "Copyright © 2019 Example News. Last updated: 02/01/2019\n")
    assert read(text) is None


def test_a_clock_above_the_headline_is_the_site_not_the_article() -> None:
    text = f"Mon, 6 May, 2024, 7:47 pm\nHospital march draws hundreds\n{BODY_EN}\n"
    assert read(text, title="Hospital march draws hundreds") is None


def test_a_dateline_that_contradicts_the_url_gives_way_to_it() -> None:
    text = f"Hospital march\nJune 3, 2019\n{BODY_EN}\n"
    found = read(text, url="https://example.org/2020/06/hospital-march")
    assert found is not None and (found.value, found.precision) == ("2020-06-01", "month")


def test_a_date_in_the_story_is_not_a_dateline() -> None:
    text = ("Hospital march\nThe hospital will close on June 20, 2020, the council said on "
            "Monday, and several hundred people marched against it.\n")
    assert read(text) is None


# --- the dev pages, metadata hidden ------------------------------------------------------------

def _news_records() -> list[dict[str, object]]:
    if not SHARED.is_dir():
        return []
    return [json.loads(path.read_text(encoding="utf-8"))
            for name in NEWS_SETS for path in sorted((SHARED / name / "articles").glob("*.json"))]


@needs_shared
def test_dates_read_from_dev_pages_agree_with_their_metadata() -> None:
    """With metadata hidden, what the page and its URL say is the date the record had
    (or nothing): no page date read on the dev pages contradicts its metadata."""
    read_days = 0
    for record in _news_records():
        if not record.get("published"):
            continue
        found = read(str(record["text"]), url=record.get("url") or None,  # type: ignore[arg-type]
                     title=record.get("title") or None)  # type: ignore[arg-type]
        if found is None:
            continue
        if found.precision == "day":
            read_days += 1
            assert found.value == record["published"], (record["id"], found)
        else:
            assert found.value[:7] == str(record["published"])[:7], (record["id"], found)
    assert read_days >= 40  # most dated dev pages also say their date in text or URL


# --- the store keeps it --------------------------------------------------------------------------

def test_store_keeps_the_page_date_and_upgrades_old_stores(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    connection = duckdb.connect(str(path))
    for statement in MIGRATIONS[0]:
        connection.execute(statement)
    connection.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    connection.close()
    article = page(f"Hospital march\nPublié le 21/04/2018 à 10h12\n{BODY_EN}\n")
    with Store(path) as store:
        store.write_articles([(article, "digest", [1, 2])])
        (stored,) = store.articles()
    assert stored.page_date == article.page_date
    assert stored.published == "2018-04-21"


@pytest.mark.parametrize(("line", "body", "language", "day"), [
    ("Publié le 12/05/2024 à 18h05",
     "Plusieurs centaines de personnes ont défilé dans le centre-ville pour protester contre "
     "la fermeture de l'hôpital, selon les organisateurs.", "fr", "2024-05-12"),
    ("Publicado el 03/04/2021",
     "Varios cientos de personas marcharon por el centro de la ciudad para protestar contra "
     "el cierre del hospital, según los organizadores.", "es", "2021-04-03"),
    ("Published 05/12/2024", BODY_EN, "en", "2024-05-12"),  # English: the month may lead
])
def test_a_slashed_date_is_read_in_the_pages_order(line: str, body: str, language: str,
                                                   day: str) -> None:
    """ "12/05/2024" on a French page is the 12th of May: dateparser read such a date
    month first when no word of the piece named its language."""
    article = segment_article(Article(id="p1", text=f"A headline\n{line}\n{body}\n",
                                      language=language))
    assert article.published == day
