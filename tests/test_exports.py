"""GDELT 2.0 rows and PLOVER records from readings (no model needed)."""

from __future__ import annotations

from datetime import date, datetime

from eventwire.exports import GDELT_COLUMNS, gdelt_rows, plover_records
from eventwire.records import Actor, Article, DateValue, Event, Place, Reading


def _reading(**flags):
    article = Article(title="Iran condemns Israel", paragraphs=["Iran condemned Israel on Monday."],
                      published=date(2024, 1, 2), url="https://example.org/a")
    iran = Actor("Iran", "country", country="IRN")
    israel = Actor("Israel", "country", country="ISR", sectors=["GOV"])
    start = article.layout()[0].index("condemned", 25)
    event = Event(article.id, 1, start, start + 9, "condemned", "condemn", "111", "ACCUSE",
                  mode="disapprove", quad_class=3, goldstein=-2.0, actors=[iran.id], recipients=[israel.id],
                  location=Place("Tehran", "IRN", "city", 35.69, 51.42, "112931"),
                  date=DateValue(date(2024, 1, 1), "day"), **flags)
    return Reading(article, [iran, israel], events=[event], sentences=[(0, 20), (22, 54)])


def test_exports_gdelt_row_has_61_columns_in_codebook_order():
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    (row,) = list(gdelt_rows([_reading()], added=datetime(2024, 1, 3, 12, 0, 0)))
    cells = dict(zip(GDELT_COLUMNS, row, strict=True))
    assert cells["Day"] == "20240101" and cells["MonthYear"] == "202401" and cells["Year"] == "2024"
    assert cells["Actor1CountryCode"] == "IRN" and cells["Actor1Name"] == "IRAN"
    assert cells["Actor2Code"] == "ISRGOV" and cells["Actor2Type1Code"] == "GOV"
    assert (cells["EventCode"], cells["EventBaseCode"], cells["EventRootCode"]) == ("111", "111", "11")
    assert cells["QuadClass"] == "3" and cells["GoldsteinScale"] == "-2.0"
    assert cells["ActionGeo_FullName"].startswith("Tehran, ") and cells["ActionGeo_Type"] == "4"
    assert cells["ActionGeo_CountryCode"] == "IR" and cells["ActionGeo_ADM1Code"].startswith("IR")
    assert cells["DATEADDED"] == "20240103120000" and cells["SOURCEURL"] == "https://example.org/a"
    assert cells["IsRootEvent"] == "1" and cells["GlobalEventID"].isdigit()
    assert all("\t" not in c for c in row)


def test_exports_gdelt_leaves_out_negated_events():
    assert list(gdelt_rows([_reading(negated=True)])) == []
    assert len(list(gdelt_rows([_reading(negated=True)], flagged=True))) == 1


def test_exports_plover_record_keeps_lists_and_text():
    (record,) = list(plover_records([_reading(hedged=True)]))
    assert record["event"] == "ACCUSE" and record["mode"] == "disapprove"
    assert [a["country"] for a in record["actor"]] == ["IRN"]
    assert [a["country"] for a in record["recipient"]] == ["ISR"]
    assert record["date"] == "2024-01-01" and record["location"]["name"] == "Tehran"
    assert record["text"] == "Iran condemned Israel on Monday."
    assert record["hedged"] is True and record["cameo"] == "111"


def test_exports_gdelt_symmetric_event_pairs_two_parties():
    reading = _reading()
    event = reading.events[0]
    event.actors = event.recipients = [reading.actors[0].id, reading.actors[1].id]
    (row,) = list(gdelt_rows([reading]))
    cells = dict(zip(GDELT_COLUMNS, row, strict=True))
    assert (cells["Actor1CountryCode"], cells["Actor2CountryCode"]) == ("IRN", "ISR")


def _load_gdelt(lines: list[str]) -> list[dict[str, object]]:
    """Read tab-separated GDELT 2.0 event rows the way a GDELT user does: by the published
    column list, each cell cast to its column's type (empty: null)."""
    import csv
    from pathlib import Path

    from eventwire.datafiles import read_tsv

    spec = read_tsv(Path(__file__).with_name("gdelt_events_2_columns.tsv"))
    casts = {"INTEGER": int, "FLOAT": float, "STRING": str}
    out = []
    for cells in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        assert len(cells) == len(spec) == 61
        out.append({c["column"]: casts[c["type"]](v) if v != "" else None
                    for c, v in zip(spec, cells, strict=True)})
    return out


def test_exports_gdelt_rows_load_with_gdelts_column_list():
    from pathlib import Path

    from eventwire.datafiles import read_tsv

    spec = read_tsv(Path(__file__).with_name("gdelt_events_2_columns.tsv"))
    assert tuple(c["column"] for c in spec) == GDELT_COLUMNS
    places = [Place("Tehran", "IRN", "city", 35.69, 51.42, "112931"), None,
              Place("Florida", "USA", "admin1", 27.6, -81.5, "US-FL"),
              Place("White House", "USA", "landmark", 38.8977, -77.0365, "landmark:White House"),
              Place("Middle East", None, "region", 29.0, 42.0, "region:Middle East")]
    lines = []
    for place in places:
        reading = _reading()
        reading.events[0].location = place
        lines += ["\t".join(row) for row in gdelt_rows([reading])]
    rows = _load_gdelt(lines)
    assert len(rows) == len(places)
    tehran, nowhere, florida, white_house, mideast = rows
    assert tehran["ActionGeo_CountryCode"] == "IR" and tehran["ActionGeo_Type"] == 4
    assert tehran["ActionGeo_FeatureID"] == "112931" and tehran["AvgTone"] is None
    assert tehran["Actor1Geo_CountryCode"] == "IR" and tehran["Actor2Geo_CountryCode"] == "IS"
    assert nowhere["ActionGeo_Type"] is None and nowhere["ActionGeo_Lat"] is None
    assert (florida["ActionGeo_Type"], florida["ActionGeo_ADM1Code"]) == (2, "USFL")
    assert white_house["ActionGeo_FullName"].startswith("White House, Washington")
    assert white_house["ActionGeo_Type"] == 3 and white_house["ActionGeo_FeatureID"] == "4140963"
    assert mideast["ActionGeo_Type"] is None and mideast["ActionGeo_Lat"] == 29.0
    assert all(isinstance(r["GlobalEventID"], int) and isinstance(r["Day"], int) for r in rows)
