"""The parts of :mod:`kg.resolve.gazetteer`: the place record and name normalisation
(:mod:`~kg.resolve.places.model`), readers of the curated files in ``data/gazetteer/``
(:mod:`~kg.resolve.places.data`) and the builder that joins them with GeoNames and
ISO 3166 (:mod:`~kg.resolve.places.build`). Import the public API from
:mod:`kg.resolve.gazetteer`.
"""
