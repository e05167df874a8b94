"""Bring your own video: a video link becomes a routine whose steps are its chapters.

    check_url -> read_video -> propose_steps -> make_routine -> save_routine
                                download_video (optional copy for offline use)

One concern a module; this package keeps the names its callers import:

    url_guard     which links may be read; the address check on every connection
    ytdlp         yt-dlp as a library: the guarded YoutubeDL, its options (Deno too),
                  reading a video, failures classified by yt-dlp's exception classes
    video_info    what is known of one video, from a yt-dlp info dict
    chapters      timestamps and chapters -> proposed steps: one timestamp reader
    routine_file  the routine's details, the routine, its YAML, saving it
    video_cache   offline copies: the cache folder, the download, its progress
    steps_table   the Import page's editable steps table
    config, failures, text, hosts   settings, the one error type, plain text, host names

yt-dlp is imported only inside the functions that use it, so the app starts
fast. Every failure leaves the package as one :class:`ImportFailure` carrying
one plain sentence for the person; what yt-dlp said goes to the
``limber.importer`` logger at INFO. The environment is read in
:mod:`limber.settings`.
"""

from __future__ import annotations

from limber.importer.chapters import (
    DEFAULT_INSTRUCTIONS,
    LEAD_IN,
    MAX_PARTS,
    Proposal,
    ProposedStep,
    StepSource,
    TimestampSearch,
    default_parts,
    find_timestamps,
    parse_length,
    parse_timestamps,
    proposal_for,
    propose_steps,
    step_sources,
    why_no_chapters,
    why_no_timestamps,
)
from limber.importer.config import (
    DEFAULT_USER_ROUTINES,
    DEFAULT_VIDEO_CACHE,
    PROJECT_ROOT,
    SCHEMA_FILE,
    VIDEO_HOSTS,
    Settings,
    deno_path,
    settings_from_env,
)
from limber.importer.failures import MESSAGES, Failure, ImportFailure
from limber.importer.routine_file import (
    RoutineDetails,
    guess_details,
    make_routine,
    routine_fields,
    routine_id_for,
    routine_yaml,
    save_routine,
    schema_ref,
    slugify,
)
from limber.importer.steps_table import (
    MAX_REST_SECONDS,
    MAX_STEP_SECONDS,
    SIDES_CHOICES,
    edited_steps,
    ids_taken_elsewhere,
    step_rows,
)
from limber.importer.text import clean_line
from limber.importer.url_guard import check_url
from limber.importer.video_cache import (
    Progress,
    cache_key,
    cached_video,
    delete_cached,
    describe_progress,
    describe_size,
    download_format,
    download_video,
)
from limber.importer.video_info import Chapter, VideoInfo, video_info
from limber.importer.ytdlp import deno_starts, read_video, youtube_dl

__all__ = [
    "DEFAULT_INSTRUCTIONS",
    "DEFAULT_USER_ROUTINES",
    "DEFAULT_VIDEO_CACHE",
    "LEAD_IN",
    "MAX_PARTS",
    "MAX_REST_SECONDS",
    "MAX_STEP_SECONDS",
    "MESSAGES",
    "PROJECT_ROOT",
    "SCHEMA_FILE",
    "SIDES_CHOICES",
    "VIDEO_HOSTS",
    "Chapter",
    "Failure",
    "ImportFailure",
    "Progress",
    "Proposal",
    "ProposedStep",
    "RoutineDetails",
    "Settings",
    "StepSource",
    "TimestampSearch",
    "VideoInfo",
    "cache_key",
    "cached_video",
    "check_url",
    "clean_line",
    "default_parts",
    "delete_cached",
    "deno_path",
    "deno_starts",
    "describe_progress",
    "describe_size",
    "download_format",
    "download_video",
    "edited_steps",
    "find_timestamps",
    "guess_details",
    "ids_taken_elsewhere",
    "make_routine",
    "parse_length",
    "parse_timestamps",
    "proposal_for",
    "propose_steps",
    "read_video",
    "routine_fields",
    "routine_id_for",
    "routine_yaml",
    "save_routine",
    "schema_ref",
    "settings_from_env",
    "slugify",
    "step_rows",
    "step_sources",
    "video_info",
    "why_no_chapters",
    "why_no_timestamps",
    "youtube_dl",
]
