"""Summaries on list pages show what people wrote: an ampersand is an ampersand, a tag is harmless text."""
from tests.pages import text_of


def test_the_offers_list_shows_an_ampersand_as_written(client, make):
    make.offer(make.academic(verified=True), title="Workshops", description="Tom & Jerry, **cats** & mice.")

    response = client.get("/offers/", headers={"Accept-Language": "en"})

    page = response.get_data(as_text=True)
    assert "Tom &amp; Jerry, cats &amp; mice." in page
    assert "&amp;amp;" not in page
    assert "Tom & Jerry, cats & mice." in text_of(response)


def test_a_tag_written_in_an_offer_stays_harmless_text_on_the_list(client, make):
    make.offer(make.academic(verified=True), title="Scripts",
               description="Type `<script>alert(1)</script>` and <script>alert(2)</script> nothing runs.")

    page = client.get("/offers/", headers={"Accept-Language": "en"}).get_data(as_text=True)

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "alert(2)" not in page
