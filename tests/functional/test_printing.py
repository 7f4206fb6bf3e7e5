"""The PDFs are made from the app's own pages and its own static files only: nothing a page names elsewhere (another
server, a file on disk) is ever fetched while the PDF is laid out."""
import http.server
import threading

import pytest

from matchmaker.printing import pdf_from_html


@pytest.fixture
def other_server():
    """A web server on this machine that records every request it gets."""
    requests = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"h1 { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()


@pytest.mark.one_database
def test_a_pdf_never_fetches_another_server_or_a_file_on_disk(app, other_server):
    address, requests = other_server
    html = (f"<html lang='en'><head><title>Report</title><link rel='stylesheet' href='{address}/style.css'>"
            "<link rel='stylesheet' href='file:///etc/passwd'><link rel='stylesheet' href='/static/../config.py'>"
            "<link rel='stylesheet' href='/static/css/print.css'></head>"
            f"<body><h1>Report</h1><img src='{address}/pixel.png' alt='pixel'></body></html>")
    with app.test_request_context():
        pdf = pdf_from_html(html)
    assert pdf.startswith(b"%PDF") and requests == []


@pytest.mark.one_database
def test_a_pdf_uses_the_app_s_stylesheets_and_bootstrap_s_local_copy(app):
    plain = "<html lang='en'><head><title>Report</title></head><body><h1>Report</h1></body></html>"
    styled = plain.replace("</head>", "<link rel='stylesheet' href='/bootstrap/static/css/bootstrap.min.css'>"
                                      "<link rel='stylesheet' href='/static/css/print.css'></head>")
    with app.test_request_context():
        assert len(pdf_from_html(styled)) != len(pdf_from_html(plain))
