"""HTTP API: shapes, filters, pagination, the one error shape, and a schemathesis run."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

pytest_plugins = ["tests.web_fixtures"]

ERROR_KEYS = {"code", "message", "details"}


def _is_error(body: dict, code: str) -> bool:
    return set(body) == {"error"} and set(body["error"]) == ERROR_KEYS and body["error"]["code"] == code


def test_api_articles_list_and_detail(client):
    page = client.get("/api/articles", params={"limit": 50}).json()
    assert set(page) == {"items", "next_cursor", "limit"}
    dates = [a["published"] for a in page["items"] if a["published"]]
    assert dates == sorted(dates, reverse=True)
    known = next(a for a in page["items"] if a["title"].startswith("Iran and Russia agree"))
    article = client.get(f"/api/articles/{known['id']}").json()
    assert article["captions"] == ["Russia hosts Iran's police chief."]
    assert article["credits"] == ["Photo: Known Agency"]
    kinds = [s["kind"] for s in article["sections"]]
    assert kinds[0] == "title" and kinds[-1] == "caption"
    for mention in article["mentions"]:
        assert article["text"][mention["start"]:mention["end"]] == mention["text"]
    assert {e["plover"] for e in article["events"]} == {"AGREE", "CONSULT"}
    assert article["quotes"][0]["speaker"]["name"] == "Ahmadreza Radan"


def test_api_articles_search_and_pagination(client):
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = client.get("/api/articles", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    found = client.get("/api/articles", params={"search": "drones"}).json()["items"]
    assert "Russia sends Iran drones; Iran threatens Russia over delay" in [a["title"] for a in found]
    assert all("drone" in client.get(f"/api/articles/{a['id']}").json()["text"].lower() for a in found)


@pytest.mark.parametrize("path", ["/api/articles", "/api/actors", "/api/events", "/api/quotes"])
def test_api_cursor_pages_cover_the_list_once(client, path):
    whole = [x["id"] for x in client.get(path, params={"limit": 500}).json()["items"]]
    walked, cursor = [], None
    for _ in range(200):
        page = client.get(path, params={"limit": 7, **({"cursor": cursor} if cursor else {})}).json()
        walked += [x["id"] for x in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert walked == whole and len(set(walked)) == len(walked) and whole


def test_api_actors_have_aliases_roles_and_counts(client):
    actors = client.get("/api/actors", params={"country": "IRN"}).json()["items"]
    radan = next(a for a in actors if a["name"] == "Ahmadreza Radan")
    assert radan["roles"] == ["police chief"] and radan["mentions"] >= 2
    iran = next(a for a in actors if a["name"] == "Iran")
    assert "Islamic Republic" in iran["aliases"]
    detail = client.get(f"/api/actors/{iran['id']}").json()
    assert {e["plover"] for e in detail["events"]} >= {"AGREE", "AID", "THREATEN"}
    by_alias = client.get("/api/actors", params={"name": "islamic rep"}).json()["items"]
    assert [a["id"] for a in by_alias] == [iran["id"]]


def test_api_events_filters(client):
    def events(**params):
        return client.get("/api/events", params={"limit": 500, **params}).json()["items"]

    def sides(event):
        return event["actors"] + event["recipients"]

    pair = events(actor="Russia", recipient="Iran")
    assert {"AID", "CONSULT"} <= {e["plover"] for e in pair}
    assert all(any(a["name"] == "Russia" for a in e["actors"]) for e in pair)
    conflict = events(quad_class=3, country="RUS")
    assert "THREATEN" in {e["plover"] for e in conflict}
    assert all(e["quad_class"] == 3 and any(a["country"] == "RUS" for a in sides(e)) for e in conflict)
    aid = events(type="aid", since="2023-08-01", until="2023-08-31")
    assert aid and all(e["plover"] == "AID" and "2023-08-01" <= e["date"] <= "2023-08-31" for e in aid)
    captions = events(in_caption=True)
    assert "CONSULT" in {e["plover"] for e in captions} and all(e["in_caption"] for e in captions)
    assert all(not e["negated"] for e in events(negated=False))
    assert "AID" in {e["plover"] for e in events(search="drones")}
    assert events(since="2030-01-01") == []
    reports = events(reports=True, article_id=pair[0]["article_id"])
    assert reports and all(e["article_id"] == pair[0]["article_id"] for e in reports)


def test_api_quotes_by_speaker(client):
    quotes = client.get("/api/quotes", params={"speaker": "Ahmadreza Radan"}).json()["items"]
    assert any("<train>" in q["text"] for q in quotes)
    unknown = client.get("/api/quotes", params={"speaker": "nobody at all"})
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "E409"


def test_api_dyad_months_and_balance(client):
    dyad = client.get("/api/dyad", params={"a": "IRN", "b": "RUS"}).json()
    months = {m["month"]: m for m in dyad["months"]}
    assert months["2023-07"]["q1"] >= 2 and months["2023-08"]["q3"] >= 1
    assert dyad["events"] == len(dyad["items"]) == sum(dyad["quad_classes"].values())
    assert sum(m[f"q{q}"] for m in dyad["months"] for q in (1, 2, 3, 4)) == dyad["events"]
    assert -1 <= dyad["balance"] <= 1
    by_name = client.get("/api/dyad", params={"a": "Iran", "b": "Russia", "until": "2023-07-31"}).json()
    assert "2023-07" in {m["month"] for m in by_name["months"]}
    assert all(m["month"] <= "2023-07" for m in by_name["months"])


def test_api_network_places_search_counts(client):
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert {e["plover"] for e in client.get("/api/network", params={"type": "AID"}).json()["edges"]} == {"AID"}
    assert {"Iran", "Russia"} <= {n["name"] for n in net["nodes"]}
    places = {p["name"]: p for p in client.get("/api/places").json()}
    assert places["Moscow"]["lat"] == pytest.approx(55.75, abs=0.1) and places["Tehran"]["events"] >= 1
    found = client.get("/api/search", params={"q": "Russia"}).json()
    assert found["articles"] and found["actors"] and found["events"]
    assert client.get("/api/counts").json()["articles"] >= 5
    land = client.get("/api/basemap").json()["points"]
    assert len(land) > 1000 and all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in land)


def test_api_errors_have_one_shape(client):
    assert _is_error(client.get("/api/articles/nope").json(), "E303")
    assert client.get("/api/actors/nope").status_code == 404
    bad = client.get("/api/events", params={"quad_class": 7, "since": "yesterday"})
    assert bad.status_code == 422 and _is_error(bad.json(), "E501")
    assert {tuple(d["loc"]) for d in bad.json()["error"]["details"]} == {("query", "quad_class"), ("query", "since")}
    assert _is_error(client.get("/api/events", params={"cursor": "!!"}).json(), "E501")
    assert client.get("/api/events", params={"since": "0"}).status_code == 422  # not a Unix time
    assert client.get("/api/events", params={"until": "2023-02-30"}).status_code == 422
    assert _is_error(client.get("/api/nothing-here").json(), "E502")
    post = client.post("/api/articles", json={})
    assert post.status_code == 405 and _is_error(post.json(), "E503")


def test_api_server_error_is_json_without_traceback(app, client, monkeypatch):
    def broken(**_kwargs):
        raise RuntimeError("secret internals at /home/x.py line 3")

    monkeypatch.setattr(app.state.store, "counts", broken)
    answer = client.get("/api/counts")
    assert answer.status_code == 500 and _is_error(answer.json(), "E504")
    assert "secret" not in answer.text and "Traceback" not in answer.text


def test_api_is_read_only_and_ui_is_served(client, app):
    methods = {m for route in app.routes for m in getattr(route, "methods", set())}
    assert methods <= {"GET", "HEAD"}
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_api_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/actors", "/api/actors/{actor_id}",
                 "/api/events", "/api/quotes", "/api/dyad", "/api/network", "/api/places", "/api/search",
                 "/api/basemap", "/api/counts"):
        assert {"404", "422", "500"} <= set(paths[path]["get"]["responses"]), path
    assert {p["name"] for p in paths["/api/events"]["get"]["parameters"]} >= {
        "actor", "recipient", "country", "type", "quad_class", "since", "until", "search",
        "in_caption", "negated", "limit", "cursor"}


def test_api_schemathesis(app):
    """Every operation, valid and invalid inputs: no server error, answers match the schema."""
    from schemathesis import GenerationMode
    from schemathesis.checks import positive_data_acceptance

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        modes = [GenerationMode.POSITIVE]
        if list(operation.iter_parameters()):
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=12, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            def check(case):  # type: ignore[no-untyped-def]
                # a well-formed actor, type or country that matches nothing is a documented 422 (E409)
                case.call_and_validate(excluded_checks=[positive_data_acceptance])

            check()


def test_api_writable_app_reads_posted_articles(tmp_path, pipeline):
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    app = create_app(str(tmp_path / "w.db"), writable=True, pipeline=pipeline)
    with TestClient(app, raise_server_exceptions=False) as client:
        posted = {"title": "Iran <script>alert(1)</script> talks", "published": "2024-03-05",
                  "paragraphs": ["Iran and Russia met in Moscow on Monday.", "<b>Officials</b> said talks went well."],
                  "captions": ["Delegates in Moscow."], "credits": ["Photo: Agency"]}
        answer = client.post("/api/articles", json=posted)
        assert answer.status_code == 201 and answer.json()["summary"]["articles_stored"] == 1
        article = client.get(f"/api/articles/{answer.json()['id']}").json()
        assert article["title"] == posted["title"] and article["captions"] == posted["captions"]
        assert client.post("/api/articles", json=posted).json()["summary"]["articles_unchanged"] == 1
        bad = client.post("/api/articles", json={"title": "", "paragraphs": []})
        assert bad.status_code == 422 and _is_error(bad.json(), "E501")


def test_api_stories_list_and_detail(client):
    listed = client.get("/api/stories", params={"limit": 100}).json()["items"]
    assert listed and all(s["articles"] >= 1 for s in listed)
    multi = [s for s in listed if s["articles"] > 1]
    target = (multi or listed)[0]
    story = client.get(f"/api/stories/{target['id']}").json()
    assert len(story["articles"]) == target["articles"]
    assert story["num_sources"] == target["sources"] == len(story["outlets"])
    for event in story["events"]:
        assert event["num_mentions"] == len(event["reports"]) >= 1
        assert {s["article_id"] for s in event["reports"]} <= {a["id"] for a in story["articles"]}
        assert all(r["sentence_text"] for r in event["reports"])
    quoted = [q for group in story["speakers"] for q in group["quotes"]]
    assert {q["article_id"] for q in quoted} <= {a["id"] for a in story["articles"]}
    missing = client.get("/api/stories/nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E303"


# ---------------------------------------------------------------- facets, sorting, exports (issue 15)

LISTS = {"events": {"type", "quad_class", "country", "actor", "recipient", "outlet", "month"},
         "articles": {"type", "country", "actor", "outlet", "month"},
         "actors": {"kind", "country", "sector", "outlet", "month"},
         "quotes": {"kind", "country", "speaker", "outlet", "month"},
         "stories": {"type", "outlet", "month"}}


@pytest.mark.issue(15)
@pytest.mark.parametrize("kind", sorted(LISTS))
def test_api_facet_counts_are_the_rows_each_value_selects(client, kind):
    import csv
    import io

    facets = client.get(f"/api/facets/{kind}").json()
    assert set(facets["facets"]) == LISTS[kind]
    every = list(csv.DictReader(io.StringIO(client.get(f"/api/export/{kind}").text)))
    assert facets["total"] == len(every) > 0
    for name, values in facets["facets"].items():
        for value in values[:2]:
            narrowed = client.get(f"/api/facets/{kind}", params=value["filter"]).json()
            assert narrowed["total"] == value["count"], (name, value)
            rows = client.get(f"/api/{kind}", params={**value["filter"], "limit": 500}).json()["items"]
            assert len(rows) == value["count"], (name, value)


@pytest.mark.issue(15)
def test_api_export_streams_the_filtered_view_in_every_format(client):
    import csv
    import io
    import json

    listed = client.get("/api/events", params={"country": "RUS", "limit": 500}).json()["items"]
    assert listed
    answer = client.get("/api/export/events", params={"country": "RUS", "format": "csv"})
    assert answer.headers["content-disposition"].startswith("attachment; filename=\"eventwire-events-")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["id"] for r in rows] == [e["id"] for e in listed]
    assert any("Russia" in r["actors"] + r["recipients"] for r in rows)
    assert [e["id"] for e in client.get("/api/export/events", params={"country": "RUS", "format": "json"}).json()] == \
        [e["id"] for e in listed]
    plover = client.get("/api/export/events", params={"country": "RUS", "format": "plover"}).text.splitlines()
    assert sorted(json.loads(line)["id"] for line in plover) == sorted(e["id"] for e in listed)
    gdelt = client.get("/api/export/events", params={"country": "RUS", "format": "gdelt"}).text.splitlines()
    assert len(gdelt) == len(listed) and all(len(line.split("\t")) == 61 for line in gdelt)
    assert client.get("/api/export/actors", params={"format": "gdelt"}).status_code == 422


@pytest.mark.issue(15)
def test_api_sorting_and_loud_filters(client):
    types = [e["plover"] for e in client.get("/api/events", params={"sort": "type", "limit": 500}).json()["items"]]
    assert types == sorted(types)
    names = [a["name"] for a in client.get("/api/actors", params={"sort": "-name", "limit": 500}).json()["items"]]
    assert names == sorted(names, reverse=True)
    for path, params, closest in (("/api/events", {"country": "Iran"}, "IRN (Iran)"),
                                  ("/api/events", {"type": "ASSUALT"}, "ASSAULT"),
                                  ("/api/events", {"actor": "Rusia"}, "Russia"),
                                  ("/api/export/events", {"country": "Iran"}, "IRN"),
                                  ("/api/facets/articles", {"type": "PROTESTT"}, "PROTEST"),
                                  ("/api/events", {"sort": "colour"}, "closest")):
        answer = client.get(path, params=params)
        assert answer.status_code == 422 and _is_error(answer.json(), "E409"), (path, params)
        assert closest in answer.json()["error"]["message"]


@pytest.mark.issue(15)
def test_api_series_network_and_places_for_the_ui(client):
    weeks = client.get("/api/series/events", params={"interval": "week", "country": "IRN"}).json()
    assert weeks and all(_monday(w["period"]) for w in weeks)
    assert sum(w["q1"] + w["q2"] + w["q3"] + w["q4"] for w in weeks) >= 4
    net = client.get("/api/network", params={"nodes": 2}).json()
    assert len(net["nodes"]) <= 2 and all(e["quad_class"] in (1, 2, 3, 4) for e in net["edges"])
    assert {e["source"] for e in net["edges"]} | {e["target"] for e in net["edges"]} <= {n["id"] for n in net["nodes"]}
    moscow = next(p for p in client.get("/api/places").json() if p["name"] == "Moscow")
    assert moscow["kind"] == "city" and moscow["iso_numeric"] == "643"
    assert all(e["location_name"] == "Moscow" for e in client.get("/api/events", params={"place": "Moscow"}).json()["items"])


def _monday(day: str) -> bool:
    import datetime

    return datetime.date.fromisoformat(day).weekday() == 0
