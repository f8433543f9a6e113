"""Read articles: txt, md, html, json, jsonl, folders and standard input."""

from kg.sources.model import Article
from kg.sources.reader import SUFFIXES, discover, read_bytes, read_path, read_paths

__all__ = ["SUFFIXES", "Article", "discover", "read_bytes", "read_path", "read_paths"]
