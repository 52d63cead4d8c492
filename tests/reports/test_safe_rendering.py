"""Text a user types can never make the server read its disk or call out: it is
escaped into text, and the URL fetcher serves the project's static files only."""

from __future__ import annotations

import pytest

from drafter.paths import resource
from drafter.plan.schema import PlanDocument
from drafter.reports import data, gapdata, pdf
from drafter.scorecard.service import checklist_for
from drafter.scoring import score
from helpers import pdf_text, squash

IMG = '<img src="file:///etc/passwd">'
LINK = '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
STYLE = '<style>@import url(file:///etc/passwd); body { background: url(http://127.0.0.1:9/y.png) }</style>'
CSS_URL = 'background-image: url("data:image/png;base64,iVBORw0KGgo=")'
HOSTILE = [IMG, LINK, STYLE, CSS_URL, '<script>alert(1)</script>', '<b>bold?</b> & "quotes"']


def hostile_plan() -> PlanDocument:
    return PlanDocument.model_validate({
        "about": {"title": f"Plan {IMG}", "country_or_organisation": LINK,
                  "lead_institution": CSS_URL, "policy_links": "\n\n".join(HOSTILE)},
        "context": {"conflict_analysis": STYLE},
        "pillars": {"objectives": [{"id": "o1", "code": "1.1", "pillar_id": "prevention",
                                    "title": IMG, "outcome": CSS_URL}]},
        "actions": {"items": [{"id": "a1", "code": "1.1.1", "objective_id": "o1",
                               "title": LINK, "lead_institution": STYLE, "partners": IMG}]},
        "indicators": {"items": [{"id": "i1", "code": "I-1", "action_id": "a1",
                                  "statement": STYLE, "baseline": IMG, "target": LINK}]},
        "budget": {"currency": "USD", "lines": [{"id": "b1", "action_id": "a1", "amount": "100",
                                                 "description": IMG, "funder": LINK}]},
        "consultation": {"events": [{"id": "e1", "place": IMG, "summary": STYLE,
                                     "organisations": LINK}]},
        "leadership": {"risks": [{"id": "r1", "risk": STYLE, "mitigation": CSS_URL}]},
    })


def only_static(fetcher: pdf.StaticOnlyFetcher) -> None:
    static = resource("static").resolve().as_uri() + "/"
    assert fetcher.requests, "the stylesheet at least is fetched"
    assert all(url.startswith(static) for url in fetcher.requests), fetcher.requests
    assert fetcher.outside_static() == [] and fetcher.refused == []


@pytest.mark.parametrize("kind", ["plan", "gap"])
def test_html_in_plan_fields_is_printed_literally_and_fetches_nothing(report_app, kind):
    document = hostile_plan()
    fetcher = pdf.StaticOnlyFetcher()
    with report_app.app_context():
        if kind == "plan":
            report = data.plan_report(document)
        else:
            report = gapdata.gap_report(document, score(document, checklist_for("csag-2012")),
                                        date=None)
        html = pdf.render_html(kind, report)
        content = pdf.render_pdf(html, fetcher)
    only_static(fetcher)
    assert "<img" not in html.split("<body", 1)[1]  # escaped, never markup
    text = squash(pdf_text(content))
    assert squash(f"Plan {IMG}") in text
    if kind == "plan":
        for value in HOSTILE:
            assert squash(value) in text, value


def test_the_fetcher_refuses_everything_but_static_files(tmp_path):
    fetcher = pdf.StaticOnlyFetcher()
    static = resource("static").resolve()
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    refused = [
        "file:///etc/passwd", secret.as_uri(), "http://127.0.0.1:9/x.css",
        "https://example.org/x.css", "data:text/css,body{color:red}", "ftp://127.0.0.1/x",
        static.as_uri() + "/../drafter/__init__.py",
        static.as_uri() + "/css/../../README.md",
        static.as_uri() + "/css/print.css?x=1",
        "file://evil.example" + str(static / "css" / "print.css"),
        static.as_uri() + "/css",  # a folder, not a file
    ]
    for url in refused:
        with pytest.raises(pdf.RefusedURL):
            fetcher.fetch(url)
    response = fetcher.fetch(static.as_uri() + "/css/print.css")
    assert response.read().startswith(b"/*") and response.content_type == "text/css"
    assert fetcher.refused == refused


def test_markup_that_slipped_through_would_still_fetch_nothing(report_app, tmp_path):
    """The second wall: even real tags in the HTML (say, a template bug) cannot read a
    file or reach the network; WeasyPrint asks the fetcher, which refuses."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    html = (f'<html><head><link rel="stylesheet" href="css/print.css">{LINK}{STYLE}'
            f'<link rel="stylesheet" href="../drafter/__init__.py"></head>'
            f'<body><p style=\'{CSS_URL}\'>x</p>{IMG}<img src="{secret.as_uri()}">'
            f'<img src="data:image/png;base64,iVBORw0KGgo="><svg><image href="file:///etc/hostname"/></svg>'
            f'</body></html>')
    fetcher = pdf.StaticOnlyFetcher()
    with report_app.app_context():
        pdf.render_pdf(html, fetcher)
    assert fetcher.requests[0].endswith("/static/css/print.css")
    outside = fetcher.outside_static()
    assert outside == fetcher.refused
    for fragment in ("http://127.0.0.1:9/x.css", "file:///etc/passwd", "http://127.0.0.1:9/y.png",
                     "data:image/png", secret.as_uri(), "/drafter/__init__.py"):
        assert any(fragment in url for url in outside), fragment
