"""The user's editorial decisions on stories: rename, merge, split; and a rebuild that
reclusters everything and replays them.

Each decision is recorded in ``story_decisions`` by the documents it concerns (story
ids change on a rebuild; documents do not). Between rebuilds the decisions hold by
construction: clustering never moves an assigned document, never recomputes a title
the user set, and a merged-away story no longer exists to attract documents.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from claimtrail.errors import BadInput, NotFound
from claimtrail.store import atomic
from claimtrail.store import stories as store
from claimtrail.store.connection import Connection


def rename_story(conn: Connection, story_id: int, title: str) -> None:
    title = title.strip()
    if not title:
        raise BadInput("a story title cannot be empty")
    store.get_story(conn, story_id)
    with atomic(conn):
        store.set_title(conn, story_id, title, "user")
        store.record_decision(conn, "rename", story_id, {
            "documents": store.story_documents(conn, story_id), "title": title})


def merge_stories(conn: Connection, story_ids: list[int]) -> int:
    """Merge the stories into the first; returns its id."""
    ids = list(dict.fromkeys(story_ids))
    if len(ids) < 2:
        raise BadInput("merge needs at least two different stories",
                       hint="claimtrail story merge 3 7 9")
    for sid in ids:
        store.get_story(conn, sid)
    target = ids[0]
    with atomic(conn):
        documents = [d for sid in ids for d in store.story_documents(conn, sid)]
        _merge(conn, target, ids[1:])
        store.record_decision(conn, "merge", target, {"documents": documents,
                                                      "stories": ids})
    _retitle(conn, target)
    return target


def split_story(conn: Connection, story_id: int, document_ids: list[str]) -> int:
    """Move the documents out of the story into a new story; returns its id. The moved
    documents stay where the user put them on later ingests and rebuilds."""
    members = set(store.story_documents(conn, story_id))
    wanted = list(dict.fromkeys(document_ids))
    missing = [d for d in wanted if d not in members]
    if missing:
        raise NotFound(f"not in story {story_id}: {', '.join(missing)}",
                       hint=f"claimtrail story {story_id} lists its documents")
    if not wanted or len(wanted) == len(members):
        raise BadInput("a split must leave documents on both sides")
    with atomic(conn):
        new_id = _split(conn, wanted)
        store.record_decision(conn, "split", story_id, {
            "documents": wanted, "from": sorted(members - set(wanted)), "new_story": new_id})
    _retitle(conn, story_id)
    _retitle(conn, new_id)
    return new_id


def _merge(conn: Connection, target: int, others: list[int]) -> None:
    """Move the others' documents into target. A title the user gave one of the merged
    stories survives when the target has none of the user's."""
    if store.get_story(conn, target)["title_source"] != "user":
        for sid in others:
            row = store.get_story(conn, sid)
            if row["title_source"] == "user":
                store.set_title(conn, target, row["title"], "user")
                break
    for sid in others:
        if sid == target:
            continue
        conn.execute("UPDATE story_members SET story_id = ? WHERE story_id = ?", (target, sid))
        conn.execute("DELETE FROM stories WHERE id = ?", (sid,))
    store.touch(conn, target)


def _split(conn: Connection, documents: list[str]) -> int:
    new_id = store.create_story(conn)
    for doc in documents:
        store.set_member(conn, doc, new_id, None, method="user")
    return new_id


def _retitle(conn: Connection, story_id: int) -> None:
    from claimtrail.stories.cluster import refresh_title

    with atomic(conn):
        refresh_title(conn, story_id)


# --- rebuild ---------------------------------------------------------------------

def rebuild_stories(conn: Connection) -> dict[str, Any]:
    """Recluster every document from scratch, then replay the user's decisions in order.
    Returns counts of stories and of decisions replayed (or no longer applicable)."""
    from claimtrail.stories.cluster import assign_stories

    with atomic(conn):
        conn.execute("DELETE FROM story_members")
        conn.execute("DELETE FROM stories")
    assign_stories(conn)
    replayed, stale = 0, 0
    for decision in store.decisions(conn):
        if _replay(conn, decision):
            replayed += 1
        else:
            stale += 1
    n = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    return {"stories": n, "decisions_replayed": replayed, "decisions_stale": stale}


def _story_of_documents(conn: Connection, documents: list[str]) -> int | None:
    """The story now holding most of these documents."""
    where = store.memberships(conn)
    counts = Counter(where[d] for d in documents if d in where)
    return counts.most_common(1)[0][0] if counts else None


def _replay(conn: Connection, decision: dict[str, Any]) -> bool:
    payload = decision["payload"]
    documents = [str(d) for d in payload.get("documents", [])]
    where = store.memberships(conn)
    with atomic(conn):
        if decision["action"] == "rename":
            sid = _story_of_documents(conn, documents)
            if sid is None:
                return False
            store.set_title(conn, sid, payload["title"], "user")
            return True
        if decision["action"] == "merge":
            stories = list(dict.fromkeys(where[d] for d in documents if d in where))
            if len(stories) < 2:
                return bool(stories)
            _merge(conn, stories[0], stories[1:])
            return True
        if decision["action"] == "split":
            moved = [d for d in documents if d in where]
            if not moved:
                return False
            _split(conn, moved)
            return True
    return False
