"""The HTTP service: the SPARQL 1.1 Protocol endpoint, the REST API and the web view.

::

    app.py               create_app(settings, kg): builds the app, nothing else
    deps.py              KGDep, SettingsDep, WriteAccess (Annotated dependencies)
    problems.py          kg.errors -> HTTP statuses as application/problem+json, one handler
    limits.py            the request body size limit (413), write generations
    cache.py             answers of read-only JSON routes, kept until the graph changes
    routes/              one module per resource; each route calls one KnowledgeGraph method

Routes stay thin: search, paths, analytics and summaries live in :mod:`kg.analysis`
behind :class:`kg.knowledge.KnowledgeGraph`, which the CLI and notebooks call too.
See ``docs/api.md``.
"""
