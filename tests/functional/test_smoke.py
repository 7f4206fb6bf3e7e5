"""A visitor can open the public pages."""


def test_visitor_sees_the_home_page(client):
    response = client.get("/", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "Knowledge that works for the community" in response.get_data(as_text=True)
