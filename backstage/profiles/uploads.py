"""Checks for files and links people upload to their profile (and companies to their page).

Every function takes what a form field gives (an UploadedFile or a string), raises a ValidationError with a
message for the person, and returns what may be stored. The file type is read from the content, never from
the name or the browser's content type: both are chosen by the uploader.
"""

import io
import re
import struct
import warnings
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MB = 1024 * 1024
MAX_PHOTO_BYTES = 8 * MB
MAX_PHOTO_SIDE = 6000
PHOTO_OUTPUT_SIDE = 1200
PHOTO_JPEG_QUALITY = 85
MAX_VIDEO_BYTES = 200 * MB
MAX_VIDEO_SECONDS = 10 * 60
MAX_CAPTIONS_BYTES = 200 * 1024

# A file whose header announces more pixels than this is refused before Pillow decodes it. Pillow's own
# global limit (Image.MAX_IMAGE_PIXELS) is left alone: it is process-wide, and ours is far lower anyway.
MAX_PHOTO_PIXELS = MAX_PHOTO_SIDE * MAX_PHOTO_SIDE

# Box and element walks stop after this many entries: a hostile file cannot make us loop for long.
MAX_CONTAINER_ENTRIES = 10_000


def _size_of(file) -> int | None:
    size = getattr(file, "size", None)
    return int(size) if size is not None else None


def _read_at_most(file, limit: int) -> bytes:
    file.seek(0)
    data = file.read(limit + 1)
    file.seek(0)
    return data


def _foreign_kind(head: bytes) -> str | None:
    """A word for the commonest wrong files, so the message says what we saw instead of a vague refusal."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"\x7fELF") or head.startswith(b"MZ") or head.startswith(b"#!") or head[:4] in (
        b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe",
    ):
        return _("a program")
    if stripped[:1] == b"<":
        lowered = stripped[:512].lower()
        if b"<svg" in lowered:
            return _("an SVG drawing")
        return _("a web page or XML document")
    if head.startswith(b"%PDF"):
        return _("a PDF document")
    if head.startswith(b"PK\x03\x04"):
        return _("a ZIP archive or office document")
    return None


def _refuse_wrong_type(head: bytes, expected: str) -> ValidationError:
    found = _foreign_kind(head)
    if found:
        return ValidationError(
            _("This file is %(found)s, not %(expected)s.") % {"found": found, "expected": expected},
            code="file_type",
        )
    return ValidationError(_("This file is not %(expected)s.") % {"expected": expected}, code="file_type")


# --- photos -------------------------------------------------------------------------------------------------

PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")


def _photo_expected() -> str:
    return _("a photo in JPEG, PNG or WebP format")


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA"):
        return image.getchannel("A").getextrema()[0] < 255
    return image.mode == "P" and "transparency" in image.info


def _to_srgb(image: Image.Image) -> Image.Image:
    # The colour profile is dropped with the other metadata; convert first so the colours stay right.
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def clean_photo(file) -> ContentFile:
    """A JPEG, PNG or WebP photo, re-encoded at most 1200 px wide or high, without EXIF (GPS) or other metadata.

    The result is a new JPEG (or PNG when the picture has transparent parts): nothing of the uploaded bytes
    is kept, so hidden payloads and metadata go away with them.
    """
    size = _size_of(file)
    if size is not None and size > MAX_PHOTO_BYTES:
        raise ValidationError(_("This photo is too large: 8 MB at most."), code="file_size")
    data = _read_at_most(file, MAX_PHOTO_BYTES)
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(_("This photo is too large: 8 MB at most."), code="file_size")
    if not data:
        raise ValidationError(_("This file is empty."), code="empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=PHOTO_FORMATS)
            # Camera JPEGs with several pictures (MPO) open through the JPEG plugin.
            if image.format not in ("JPEG", "MPO", "PNG", "WEBP"):
                raise _refuse_wrong_type(data[:512], _photo_expected())
            width, height = image.size
            if width > MAX_PHOTO_SIDE or height > MAX_PHOTO_SIDE or width * height > MAX_PHOTO_PIXELS:
                raise ValidationError(
                    _("This photo is too big: %(width)s × %(height)s pixels, 6000 × 6000 at most.")
                    % {"width": width, "height": height},
                    code="dimensions",
                )
            if image.format in ("JPEG", "MPO"):
                # Decodes a big JPEG at 1/2, 1/4 or 1/8 scale straight away: less memory, same result.
                image.draft(image.mode, (PHOTO_OUTPUT_SIDE, PHOTO_OUTPUT_SIDE))
            image.load()
            image = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("This photo is too big: 6000 × 6000 pixels at most."), code="dimensions") from None
    except UnidentifiedImageError:
        raise _refuse_wrong_type(data[:512], _photo_expected()) from None
    except (OSError, SyntaxError, ValueError, struct.error, EOFError):
        raise ValidationError(_("This photo is damaged or incomplete. Try another file."), code="damaged") from None

    transparent = _has_transparency(image)
    image = image.convert("RGBA" if transparent else "RGB")
    image = _to_srgb(image)
    image.thumbnail((PHOTO_OUTPUT_SIDE, PHOTO_OUTPUT_SIDE), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    # Saved with no exif, icc_profile or text arguments: Pillow then writes no metadata at all.
    if transparent:
        image.save(output, format="PNG", optimize=True)
        name = "photo.png"
    else:
        image.save(output, format="JPEG", quality=PHOTO_JPEG_QUALITY, optimize=True, progressive=True)
        name = "photo.jpg"
    return ContentFile(output.getvalue(), name=name)


# --- videos -------------------------------------------------------------------------------------------------

EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_DOCTYPE = 0x4282
MKV_SEGMENT = 0x18538067
MKV_INFO = 0x1549A966
MKV_TIMECODE_SCALE = 0x2AD7B1
MKV_DURATION = 0x4489
MKV_CLUSTER = 0x1F43B675


def _video_expected() -> str:
    return _("a video in MP4, MOV or WebM format")


def _file_end(file) -> int:
    file.seek(0, io.SEEK_END)
    end = file.tell()
    file.seek(0)
    return end


class _Unreadable(Exception):
    """The container is broken or built to mislead; reported as 'no duration'."""


def _mp4_boxes(file, start: int, end: int):
    """(type, payload start, box end) of the boxes between start and end, without reading payloads."""
    position, count = start, 0
    while position + 8 <= end:
        count += 1
        if count > MAX_CONTAINER_ENTRIES:
            raise _Unreadable
        file.seek(position)
        header = file.read(8)
        if len(header) < 8:
            return
        size, kind = struct.unpack(">I4s", header)
        header_size = 8
        if size == 1:
            large = file.read(8)
            if len(large) < 8:
                raise _Unreadable
            size = struct.unpack(">Q", large)[0]
            header_size = 16
        elif size == 0:
            size = end - position
        if size < header_size or position + size > end:
            raise _Unreadable
        yield kind, position + header_size, position + size
        position += size


def _mp4_child(file, start: int, end: int, kind: bytes):
    for child, payload, child_end in _mp4_boxes(file, start, end):
        if child == kind:
            return payload, child_end
    return None


def _mp4_duration(file) -> float | None:
    end = _file_end(file)
    moov = _mp4_child(file, 0, end, b"moov")
    if moov is None:
        return None
    mvhd = _mp4_child(file, *moov, b"mvhd")
    if mvhd is None:
        return None
    file.seek(mvhd[0])
    body = file.read(min(mvhd[1] - mvhd[0], 32))
    if len(body) < 20:
        raise _Unreadable
    version = body[0]
    if version == 1:
        if len(body) < 32:
            raise _Unreadable
        timescale, duration = struct.unpack(">IQ", body[20:32])
        unknown = 0xFFFFFFFFFFFFFFFF
    elif version == 0:
        timescale, duration = struct.unpack(">II", body[12:20])
        unknown = 0xFFFFFFFF
    else:
        raise _Unreadable
    if not timescale:
        return None
    if duration in (0, unknown):
        # Fragmented MP4 keeps the total length in moov/mvex/mehd instead.
        mvex = _mp4_child(file, *moov, b"mvex")
        mehd = _mp4_child(file, *mvex, b"mehd") if mvex else None
        if mehd is None:
            return None
        file.seek(mehd[0])
        body = file.read(12)
        if len(body) >= 12 and body[0] == 1:
            duration = struct.unpack(">Q", body[4:12])[0]
        elif len(body) >= 8 and body[0] == 0:
            duration = struct.unpack(">I", body[4:8])[0]
        else:
            return None
    return duration / timescale


def _read_vint(file, *, keep_marker: bool) -> tuple[int, int] | None:
    """An EBML variable-length integer: (value, length), or None at the end of the file.

    Element IDs keep their length marker bit (1A45DFA3 is written as is); sizes drop it. A size with every
    value bit set means "unknown size" and comes back as -1.
    """
    first = file.read(1)
    if not first:
        return None
    byte = first[0]
    length = 1
    mask = 0x80
    while length <= 8 and not byte & mask:
        mask >>= 1
        length += 1
    if length > 8 or (keep_marker and length > 4):
        raise _Unreadable
    rest = file.read(length - 1)
    if len(rest) < length - 1:
        raise _Unreadable
    value = byte if keep_marker else byte & (mask - 1)
    for extra in rest:
        value = (value << 8) | extra
    if not keep_marker and value == (1 << (7 * length)) - 1:
        return -1, length
    return value, length


def _ebml_elements(file, start: int, end: int | None):
    """(id, payload start, payload size or -1) of the elements from start up to end (None: end of file)."""
    position, count = start, 0
    while end is None or position < end:
        count += 1
        if count > MAX_CONTAINER_ENTRIES:
            raise _Unreadable
        file.seek(position)
        element = _read_vint(file, keep_marker=True)
        if element is None:
            return
        size = _read_vint(file, keep_marker=False)
        if size is None:
            raise _Unreadable
        payload = file.tell()
        yield element[0], payload, size[0]
        if size[0] < 0:
            return
        position = payload + size[0]


def _webm_doctype(file) -> str | None:
    file.seek(0)
    elements = _ebml_elements(file, 0, None)
    first = next(elements, None)
    if first is None or first[0] != int.from_bytes(EBML_MAGIC, "big") or not 0 < first[2] <= 4096:
        return None
    for element, payload, size in _ebml_elements(file, first[1], first[1] + first[2]):
        if element == EBML_DOCTYPE and 0 < size <= 64:
            file.seek(payload)
            return file.read(size).rstrip(b"\x00").decode("ascii", "replace")
    return None


def _webm_duration(file) -> float | None:
    file.seek(0)
    header = next(_ebml_elements(file, 0, None))
    end = _file_end(file)
    segment = None
    for element, payload, size in _ebml_elements(file, header[1] + header[2], end):
        if element == MKV_SEGMENT:
            segment = (payload, end if size < 0 else min(payload + size, end))
            break
    if segment is None:
        return None
    for element, payload, size in _ebml_elements(file, *segment):
        if element == MKV_CLUSTER or size < 0:
            return None  # the media data starts: the Info element comes before it in any WebM we accept
        if element != MKV_INFO:
            continue
        scale, duration = 1_000_000, None  # TimecodeScale defaults to 1 ms (in nanoseconds)
        for child, child_payload, child_size in _ebml_elements(file, payload, payload + size):
            if child_size < 0:
                raise _Unreadable
            file.seek(child_payload)
            if child == MKV_TIMECODE_SCALE and 0 < child_size <= 8:
                scale = int.from_bytes(file.read(child_size), "big")
            elif child == MKV_DURATION and child_size in (4, 8):
                duration = struct.unpack(">f" if child_size == 4 else ">d", file.read(child_size))[0]
        if duration is None or not scale:
            return None
        return duration * scale / 1_000_000_000
    return None


def clean_video(file):
    """An MP4, MOV or WebM video of at most 200 MB and 10 minutes: returns (file, duration in seconds).

    The file comes back renamed video.mp4, video.mov or video.webm after what its content is.
    """
    size = _size_of(file)
    # Checked before a single byte is read: the size is known from the upload itself.
    if size is not None and size > MAX_VIDEO_BYTES:
        raise ValidationError(
            _("This video is too large: 200 MB at most. Shorten it or export it in a lower quality."),
            code="file_size",
        )
    if not size:
        raise ValidationError(_("This file is empty."), code="empty")
    file.seek(0)
    head = file.read(64)
    file.seek(0)
    try:
        if len(head) >= 12 and head[4:8] == b"ftyp":
            extension = "mov" if head[8:12] == b"qt  " else "mp4"
            duration = _mp4_duration(file)
        elif head.startswith(EBML_MAGIC):
            doctype = _webm_doctype(file)
            if doctype == "matroska":
                raise ValidationError(
                    _("This file is a Matroska video (.mkv): export it as MP4 or WebM."), code="file_type"
                )
            if doctype != "webm":
                raise _refuse_wrong_type(head, _video_expected())
            extension = "webm"
            duration = _webm_duration(file)
        else:
            raise _refuse_wrong_type(head, _video_expected())
    except (_Unreadable, struct.error, OverflowError, StopIteration):
        duration = None
    finally:
        file.seek(0)
    if duration is None or duration != duration or duration <= 0:  # NaN is not equal to itself
        raise ValidationError(
            _("We could not read the length of this video: it may be damaged. Export it again as MP4 or WebM."),
            code="no_duration",
        )
    if duration > MAX_VIDEO_SECONDS:
        raise ValidationError(
            _("This video lasts %(minutes)s minutes: 10 minutes at most.") % {"minutes": round(duration / 60)},
            code="too_long",
        )
    # The stored name follows the content: a video uploaded as "clip.html" must not be served as a web page.
    file.name = f"video.{extension}"
    return file, round(duration, 3)


# --- captions -----------------------------------------------------------------------------------------------

_TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
CUE_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t].*)?$")


def _seconds(hours, minutes, seconds, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def parse_webvtt(text: str) -> list[tuple[float, float, str]]:
    """The cues (start, end, text) of a WebVTT file; raises ValidationError naming the first wrong line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(_("A captions file starts with the word WEBVTT on its first line."), code="captions")
    cues = []
    blocks, current, line_number = [], [], 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip():
            if not current:
                line_number = number
            current.append(line)
        elif current:
            blocks.append((line_number, current))
            current = []
    if current:
        blocks.append((line_number, current))
    for line_number, block in blocks:
        if block[0].startswith(("NOTE", "STYLE", "REGION")) and "-->" not in block[0]:
            continue
        timing_index = 0 if "-->" in block[0] else 1
        if timing_index >= len(block) or "-->" not in block[timing_index]:
            raise ValidationError(
                _("Line %(line)s: each caption needs a timing line like 00:00:01.000 --> 00:00:04.000.")
                % {"line": line_number},
                code="captions",
            )
        match = CUE_TIMING.match(block[timing_index].strip())
        if not match:
            raise ValidationError(
                _("Line %(line)s: write the times like 00:00:01.000 --> 00:00:04.000.")
                % {"line": line_number + timing_index},
                code="captions",
            )
        start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
        if end <= start:
            raise ValidationError(
                _("Line %(line)s: a caption must end after it starts.") % {"line": line_number + timing_index},
                code="captions",
            )
        cues.append((start, end, "\n".join(block[timing_index + 1:])))
    if not cues:
        raise ValidationError(_("This captions file has no caption in it."), code="captions")
    return cues


def clean_captions(file) -> ContentFile:
    """A WebVTT captions file (UTF-8, 200 KB at most), stored again as plain UTF-8 without a byte-order mark."""
    size = _size_of(file)
    if size is not None and size > MAX_CAPTIONS_BYTES:
        raise ValidationError(_("This captions file is too large: 200 KB at most."), code="file_size")
    data = _read_at_most(file, MAX_CAPTIONS_BYTES)
    if len(data) > MAX_CAPTIONS_BYTES:
        raise ValidationError(_("This captions file is too large: 200 KB at most."), code="file_size")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if _foreign_kind(data[:512]):
            raise _refuse_wrong_type(data[:512], _("a WebVTT captions file")) from None
        raise ValidationError(_("Save the captions file as UTF-8 text."), code="encoding") from None
    if "\x00" in text or (not text.startswith("WEBVTT") and _foreign_kind(data[:512])):
        raise _refuse_wrong_type(data[:512], _("a WebVTT captions file"))
    parse_webvtt(text)
    return ContentFile(text.encode("utf-8"), name="captions.vtt")


# --- video links --------------------------------------------------------------------------------------------

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}
YOUTUBE_SHORT_HOSTS = {"youtu.be", "www.youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com"}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")
VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")


def _video_link_parts(url: str) -> tuple[str, str, str] | None:
    """("youtube", id, "") or ("vimeo", id, private hash or ""), or None for anything else."""
    url = (url or "").strip()
    if len(url) > 300:
        return None
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.username or parts.password or port is not None:
        return None
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    if host in YOUTUBE_HOSTS:
        if parts.path in ("/watch", "/watch/"):
            ids = parse_qs(parts.query).get("v", [])
            video_id = ids[0] if len(ids) == 1 else ""
        elif len(segments) == 2 and segments[0] == "shorts":
            video_id = segments[1]
        else:
            return None
        return ("youtube", video_id, "") if YOUTUBE_ID.fullmatch(video_id) else None
    if host in YOUTUBE_SHORT_HOSTS:
        if len(segments) == 1 and YOUTUBE_ID.fullmatch(segments[0]):
            return "youtube", segments[0], ""
        return None
    if host in VIMEO_HOSTS:
        # vimeo.com/ID, or vimeo.com/ID/HASH for an unlisted video (the hash is part of its address).
        if len(segments) in (1, 2) and VIMEO_ID.fullmatch(segments[0]):
            private = segments[1] if len(segments) == 2 else ""
            if private and not VIMEO_HASH.fullmatch(private):
                return None
            return "vimeo", segments[0], private
        return None
    return None


def clean_video_url(url: str) -> str:
    """A YouTube or Vimeo link in one canonical form; anything else is refused."""
    parts = _video_link_parts(url)
    if parts is None:
        raise ValidationError(
            _("Paste the link of a YouTube or Vimeo video, like https://www.youtube.com/watch?v=… or "
              "https://vimeo.com/…"),
            code="video_url",
        )
    site, video_id, private = parts
    if site == "youtube":
        return f"https://www.youtube.com/watch?v={video_id}"
    return f"https://vimeo.com/{video_id}/{private}" if private else f"https://vimeo.com/{video_id}"


def embed_url(url: str) -> str:
    """The privacy-enhanced player address for a YouTube or Vimeo link ('' when it is not one)."""
    parts = _video_link_parts(url)
    if parts is None:
        return ""
    site, video_id, private = parts
    if site == "youtube":
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    if private:
        return f"https://player.vimeo.com/video/{video_id}?h={private}&dnt=1"
    return f"https://player.vimeo.com/video/{video_id}?dnt=1"
