"""The list pages mark the words of each result that the search box's words matched, in either language, and
whatever a title or description contains is shown as text."""
import re

from matchmaker.orgs.models import OrganisationStatus
from tests.functional.test_matching_pages import page


def listings(html: str) -> str:
    return "".join(re.findall(r'<article class="card mb-3 listing".*?</article>', html, re.S))


def test_a_search_for_challenges_marks_the_matched_words_in_titles_and_summaries(client, make):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    make.challenge(organisation, title="Povertà energetica nelle case popolari",
                   summary="Famiglie che non riescono a pagare le bollette dell'energia.")

    html = listings(page(client, "/challenges/?q=povert%C3%A0+energia"))

    assert "<mark>Povertà</mark>" in html and "<mark>energia</mark>" in html
    assert "<mark>le</mark>" not in html and "<mark>dell" not in html  # stop words stay plain


def test_html_in_a_title_or_summary_is_shown_as_text_around_the_marks(client, make):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    make.challenge(organisation, title="Energy <script>alert(1)</script> poverty",
                   summary='Energy bills <img src=x onerror="alert(2)"> for families.')

    html = listings(page(client, "/challenges/?q=energy+%3Cscript%3E"))

    assert "<mark>Energy</mark> &lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;" in html
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html


def test_a_search_for_offers_marks_the_matched_words_across_the_languages(client, make):
    academic = make.academic(verified=True)
    make.profile(academic, expertise=["housing"], biography="Housing.")
    make.offer(academic, title="Audit energetici degli edifici", description="We measure **houses** and schools.")

    html = listings(page(client, "/offers/?q=housing+audit"))

    assert "<mark>Audit</mark>" in html and "<mark>houses</mark>" in html
    assert "**" not in html


def test_without_a_search_nothing_is_marked(client, make):
    make.challenge(make.organisation(status=OrganisationStatus.VERIFIED), title="Energy poverty")

    assert "<mark>" not in page(client, "/challenges/")
