"""Why an import failed: one kind per cause, one plain sentence for the person."""

from __future__ import annotations

from enum import StrEnum


class Failure(StrEnum):
    """Why an import failed: each kind has one sentence for the person."""

    NOT_A_LINK = "not-a-link"
    BAD_LINK = "bad-link"
    UNSUPPORTED_SITE = "unsupported-site"
    PRIVATE_ADDRESS = "private-address"
    PLAYLIST = "playlist"
    NO_VIDEO = "no-video"
    UNAVAILABLE = "unavailable"
    AGE_RESTRICTED = "age-restricted"
    GEO_RESTRICTED = "geo-restricted"
    NO_NETWORK = "no-network"
    TIMED_OUT = "timed-out"
    SITE_ERROR = "site-error"
    UNREADABLE = "unreadable"
    NO_DOWNLOAD = "no-download"
    NO_JS_RUNTIME = "no-js-runtime"
    INTERRUPTED = "interrupted"
    NEEDS_LENGTH = "needs-length"
    BAD_LENGTH = "bad-length"
    NO_TIMESTAMPS = "no-timestamps"
    NO_STEPS = "no-steps"
    BAD_STEP = "bad-step"
    BAD_ID = "bad-id"
    INVALID = "invalid"
    EXISTS = "exists"
    CANNOT_WRITE = "cannot-write"
    COPIES_OFF = "copies-off"


MESSAGES = {
    Failure.NOT_A_LINK: "That is not a video link: it must start with http:// or https://.",
    Failure.BAD_LINK: "That link is not valid: copy the video's address again and paste it whole.",
    Failure.UNSUPPORTED_SITE: "That site is not supported: use a YouTube or Vimeo link.",
    Failure.PRIVATE_ADDRESS: "That link leads to a private network address, which is not allowed.",
    Failure.PLAYLIST: "That link is a playlist or a channel: use the link of a single video.",
    Failure.NO_VIDEO: "No video was found at that link.",
    Failure.UNAVAILABLE: "The video is private or has been removed.",
    Failure.AGE_RESTRICTED: "The video is age-restricted and cannot be read without signing in.",
    Failure.GEO_RESTRICTED: "The video's owner does not let it be watched from this country.",
    Failure.NO_NETWORK: "The video site could not be reached: check the network connection.",
    Failure.TIMED_OUT: "The video site did not answer in time: try again later.",
    Failure.SITE_ERROR: "The video site answered with an error: try again later.",
    Failure.UNREADABLE: "The video could not be read.",
    Failure.NO_DOWNLOAD: "This video has no single-file MP4 that can be kept for offline use.",
    Failure.NO_JS_RUNTIME: "YouTube videos cannot be kept for offline use here: Deno, "
    "which yt-dlp needs for them, could not start (reading chapters still works).",
    Failure.INTERRUPTED: "The download was interrupted and the partial file was removed.",
    Failure.NEEDS_LENGTH: "The video's length is not known: enter it to divide the video into steps.",
    Failure.BAD_LENGTH: "Write the video's length in minutes and seconds, like 12:30.",
    Failure.NO_TIMESTAMPS: "No timestamps were found: write one per line, like 2:15 Cat-cow.",
    Failure.NO_STEPS: "Choose at least one step to include.",
    Failure.BAD_STEP: "Each step needs a name and a whole number of seconds greater than 0.",
    Failure.BAD_ID: "A routine's file name must be lower-case words joined by hyphens, "
    "like hip-openers.",
    Failure.INVALID: "The routine is not valid.",
    Failure.EXISTS: "A routine with that name is already saved: choose another title, "
    "or replace it.",
    Failure.CANNOT_WRITE: "The routine could not be saved: the folder cannot be written to.",
    Failure.COPIES_OFF: "Offline copies are off here: this server is shared by many people, "
    "so it keeps nothing of anyone's on its disk.",
}


class ImportFailure(Exception):
    """An import that failed, with one plain sentence saying why (``str(error)``)."""

    def __init__(self, kind: Failure, message: str | None = None):
        self.kind = kind
        self.message = message or MESSAGES[kind]
        super().__init__(self.message)
