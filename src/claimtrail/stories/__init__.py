"""Stories (incremental clustering), the copy graph and independent origins.

``assign_stories(conn, document_ids)`` is the ingest hook: it places new documents
into stories and links copies.
"""
from claimtrail.stories.cluster import assign_stories, refresh_title

__all__ = ["assign_stories", "refresh_title"]
