"""The Sustainable Development Goals in the product: each goal's page, the loading of the UN's texts and the
Aurora queries, and (next) the suggestions of goals for every text."""
