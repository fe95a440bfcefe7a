"""The web app's pages, one module per kind of page (home, quotes, speakers, articles, clusters, timeline, API docs)."""
