"""``claimtrail stories`` and ``claimtrail story ID | rename | merge | split | rebuild``."""
from __future__ import annotations

from typing import Any

import click

from claimtrail.cli import main
from claimtrail.cli.common import (
    db_option,
    json_option,
    listing_options,
    print_json,
    print_table,
)
from claimtrail.cli.ingest import open_store


class StoryGroup(click.Group):
    """``claimtrail story 3`` shows story 3; ``claimtrail story rename 3 ...`` acts on it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@main.command("stories")
@db_option
@json_option
@listing_options
def stories_command(db_path: str, as_json: bool) -> None:
    """The stories found: id, size, date span and title, largest first."""
    from claimtrail.store.stories import list_stories

    rows = list_stories(open_store(db_path))
    if as_json:
        print_json(rows)
        return
    print_table(rows, ["id", "size", "start", "end", "title"], title="Stories")


@main.group("story", cls=StoryGroup)
def story() -> None:
    """One story: its ledger (``story ID``), or an editorial decision on it.

    \b
      claimtrail story 3 --format md        the ledger of story 3
      claimtrail story rename 3 "Kursk"     a title that stays
      claimtrail story merge 3 7 9          7 and 9 join 3, and stay joined
      claimtrail story split 3 DOC DOC      move documents into a new story
      claimtrail story rebuild              recluster all, replaying the decisions
    """


@story.command("show")
@click.argument("story_id", type=int)
@db_option
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md",
              show_default=True, help="Markdown for reading, JSON (docs/ledger.md) for tools.")
@json_option
def show(story_id: int, db_path: str, fmt: str, as_json: bool) -> None:
    """The ledger of a story: variables, timelines, conflicts, checks, estimates."""
    from claimtrail.reconcile import build_ledger, render_markdown

    ledger = build_ledger(open_store(db_path), story_id)
    if as_json or fmt == "json":
        print_json(ledger)
    else:
        click.echo(render_markdown(ledger))


@story.command("rename")
@click.argument("story_id", type=int)
@click.argument("title")
@db_option
@json_option
def rename(story_id: int, title: str, db_path: str, as_json: bool) -> None:
    """Give a story a title that later ingests keep."""
    from claimtrail.stories.decisions import rename_story

    rename_story(open_store(db_path), story_id, title)
    _done(as_json, {"story": story_id, "title": title}, f"story {story_id}: {title}")


@story.command("merge")
@click.argument("story_ids", type=int, nargs=-1, required=True)
@db_option
@json_option
def merge(story_ids: tuple[int, ...], db_path: str, as_json: bool) -> None:
    """Merge stories into the first one given."""
    from claimtrail.stories.decisions import merge_stories

    target = merge_stories(open_store(db_path), list(story_ids))
    _done(as_json, {"story": target, "merged": list(story_ids[1:])},
          f"merged {', '.join(map(str, story_ids[1:]))} into story {target}")


@story.command("split")
@click.argument("story_id", type=int)
@click.argument("document_ids", nargs=-1, required=True)
@db_option
@json_option
def split(story_id: int, document_ids: tuple[str, ...], db_path: str, as_json: bool) -> None:
    """Move documents out of a story into a new one (they stay moved)."""
    from claimtrail.stories.decisions import split_story

    new_id = split_story(open_store(db_path), story_id, list(document_ids))
    _done(as_json, {"story": story_id, "new_story": new_id, "documents": list(document_ids)},
          f"moved {len(document_ids)} document(s) from story {story_id} to new story {new_id}")


@story.command("rebuild")
@db_option
@json_option
def rebuild(db_path: str, as_json: bool) -> None:
    """Recluster every document, then replay the renames, merges and splits."""
    from claimtrail.stories.decisions import rebuild_stories

    result = rebuild_stories(open_store(db_path))
    _done(as_json, result, f"{result['stories']} stories; {result['decisions_replayed']} "
                           f"decision(s) replayed, {result['decisions_stale']} no longer apply")


def _done(as_json: bool, data: dict[str, Any], text: str) -> None:
    if as_json:
        print_json(data)
    else:
        click.echo(text)
