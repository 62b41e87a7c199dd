import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from PIL import Image

from backstage.profiles import uploads
from backstage.profiles.forms import VideoForm
from backstage.profiles.models import ProfessionalProfile

MEDIA = Path(__file__).parent / "media"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class Unreadable(io.RawIOBase):
    """A file that must not be read: a 2 GB upload is refused from its size alone."""

    reads = 0

    def read(self, *args):
        Unreadable.reads += 1
        raise AssertionError("the content was read")

    readinto = read

    def seek(self, *args):
        return 0


def huge(name, size=2 * 1024**3):
    return UploadedFile(file=Unreadable(), name=name, content_type="video/mp4", size=size)


def jpeg_with_gps(size=(2000, 1000), orientation=6) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (50.0, 51.0, 17.0), 3: "E", 4: (4.0, 21.0, 8.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def image_bytes(mode, size, color, fmt) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format=fmt)
    return out.getvalue()


def png_header_only(width, height) -> bytes:
    """A PNG that announces width x height pixels and holds almost nothing: a decompression bomb's header."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(
        b"IEND", b""
    )


def message(excinfo) -> str:
    return " ".join(excinfo.value.messages)


# --- photos -------------------------------------------------------------------------------------------------


def test_jpeg_with_gps_exif_comes_out_upright_small_and_without_any_exif():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)[1] == "N"  # the test photo has GPS

    cleaned = uploads.clean_photo(upload("holiday.jpg", original, "image/jpeg"))

    data = cleaned.read()
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size, cleaned.name) == ("JPEG", (600, 1200), "photo.jpg")  # rotated, 1200 max
    assert dict(image.getexif()) == {}
    assert b"Exif" not in data and b"PhoneMaker" not in data
    assert "exif" not in image.info and "icc_profile" not in image.info
    # Orientation 6 turns the picture a quarter clockwise: the blue left half ends up on top.
    assert image.getpixel((300, 100))[2] > 150 and image.getpixel((300, 1100))[0] > 150


def test_small_photo_is_not_enlarged():
    cleaned = uploads.clean_photo(upload("me.jpg", image_bytes("RGB", (300, 200), "green", "JPEG")))
    assert Image.open(cleaned).size == (300, 200)


def test_png_with_transparency_stays_png_and_opaque_png_becomes_jpeg():
    transparent = uploads.clean_photo(upload("logo.png", image_bytes("RGBA", (50, 40), (0, 0, 0, 0), "PNG")))
    opaque = uploads.clean_photo(upload("me.png", image_bytes("RGBA", (50, 40), (9, 9, 9, 255), "PNG")))
    assert (transparent.name, Image.open(transparent).format, Image.open(transparent).mode) == (
        "photo.png", "PNG", "RGBA"
    )
    assert (opaque.name, Image.open(opaque).format) == ("photo.jpg", "JPEG")


def test_webp_photo_is_accepted_and_re_encoded():
    cleaned = uploads.clean_photo(upload("me.webp", image_bytes("RGB", (1600, 1600), "blue", "WEBP")))
    assert (Image.open(cleaned).format, Image.open(cleaned).size) == ("JPEG", (1200, 1200))


def test_svg_photo_is_refused_by_its_content():
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_photo(upload("photo.jpg", SVG, "image/jpeg"))
    assert message(excinfo) == "This file is an SVG drawing, not a photo in JPEG, PNG or WebP format."


def test_executable_renamed_photo_jpg_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_photo(upload("photo.jpg", ELF, "image/jpeg"))
    assert message(excinfo) == "This file is a program, not a photo in JPEG, PNG or WebP format."


@pytest.mark.parametrize(
    "content",
    [image_bytes("RGB", (20, 20), "red", "GIF"), image_bytes("RGB", (20, 20), "red", "BMP"), b"%PDF-1.7\n..."],
    ids=["gif", "bmp", "pdf"],
)
def test_other_formats_are_refused(content):
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_photo(upload("photo.jpg", content))
    assert "not a photo in JPEG, PNG or WebP format" in message(excinfo)


def test_photo_over_8_mb_is_refused_from_its_size():
    Unreadable.reads = 0
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_photo(huge("photo.jpg", size=8 * 1024 * 1024 + 1))
    assert message(excinfo) == "This photo is too large: 8 MB at most."
    assert Unreadable.reads == 0


def test_photo_wider_than_6000_pixels_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_photo(upload("wide.png", image_bytes("L", (6001, 4), 0, "PNG")))
    assert message(excinfo) == "This photo is too big: 6001 × 4 pixels, 6000 × 6000 at most."


def test_decompression_bomb_is_refused_before_decoding():
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_photo(upload("bomb.png", png_header_only(50_000, 50_000)))
    assert "6000 × 6000" in message(excinfo)


def test_truncated_photo_is_refused():
    data = image_bytes("RGB", (400, 400), "red", "JPEG")
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_photo(upload("cut.jpg", data[: len(data) // 3]))
    assert message(excinfo) == "This photo is damaged or incomplete. Try another file."


# --- videos -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, stored", [("clip.mp4", "video.mp4"), ("clip.webm", "video.webm"), ("clip.mov", "video.mov")]
)
def test_duration_of_the_fixture_videos_is_read(name, stored):
    content = (MEDIA / name).read_bytes()
    assert len(content) < 100_000
    file, duration = uploads.clean_video(upload(f"my {name}.html", content))
    assert duration == pytest.approx(3.0, abs=0.05)
    assert file.name == stored  # named after the content, never after the uploaded name
    assert file.read() == content


def test_executable_renamed_video_mp4_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_video(upload("video.mp4", ELF, "video/mp4"))
    assert message(excinfo) == "This file is a program, not a video in MP4, MOV or WebM format."


def test_html_file_called_mp4_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_video(upload("video.mp4", HTML, "video/mp4"))
    assert message(excinfo) == "This file is a web page or XML document, not a video in MP4, MOV or WebM format."


def test_2_gb_video_is_refused_before_reading_it():
    Unreadable.reads = 0
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_video(huge("film.mp4"))
    assert message(excinfo) == "This video is too large: 200 MB at most. Shorten it or export it in a lower quality."
    assert Unreadable.reads == 0


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mvhd(version: int, timescale: int, duration: int) -> bytes:
    if version == 1:
        times = struct.pack(">QQIQ", 0, 0, timescale, duration)
    else:
        times = struct.pack(">IIII", 0, 0, timescale, duration)
    return box(b"mvhd", bytes([version, 0, 0, 0]) + times + b"\x00" * 80)


def mp4(*boxes: bytes) -> bytes:
    return box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + b"".join(boxes)


def test_mp4_duration_from_a_version_1_movie_header_after_the_media_data():
    content = mp4(box(b"mdat", b"\x00" * 5000), box(b"moov", mvhd(1, 90_000, 90_000 * 125 + 45_000)))
    assert uploads.clean_video(upload("v.mp4", content))[1] == 125.5


def test_fragmented_mp4_duration_comes_from_the_movie_extends_header():
    mehd = box(b"mehd", b"\x00\x00\x00\x00" + struct.pack(">I", 42_000))
    content = mp4(box(b"moov", mvhd(0, 1000, 0) + box(b"mvex", mehd)))
    assert uploads.clean_video(upload("v.mp4", content))[1] == 42.0


def test_video_longer_than_10_minutes_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_video(upload("long.mp4", mp4(box(b"moov", mvhd(0, 600, 600 * 11 * 60)))))
    assert message(excinfo) == "This video lasts 11 minutes: 10 minutes at most."


@pytest.mark.parametrize(
    "content",
    [
        mp4(),  # an ftyp box and nothing else (a HEIC photo looks like this)
        mp4(box(b"moov", b"")),
        mp4(box(b"moov", mvhd(0, 0, 100))),
        mp4(struct.pack(">I", 4) + b"moov"),  # a box smaller than its own header
        mp4(struct.pack(">I", 99_999) + b"moov" + b"\x00" * 10),  # a box longer than the file
        (MEDIA / "clip.webm").read_bytes()[:100],  # a WebM cut before its duration
    ],
    ids=["no-moov", "empty-moov", "zero-timescale", "tiny-box", "box-past-end", "cut-webm"],
)
def test_video_without_a_readable_duration_is_refused(content):
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_video(upload("v.mp4", content))
    assert excinfo.value.code == "no_duration"


def test_empty_video_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_video(upload("v.mp4", b""))
    assert message(excinfo) == "This file is empty."


def test_2_gb_video_in_the_form_stores_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    form = VideoForm(data={}, files={"video": huge("film.mp4")}, profile=None)
    assert not form.is_valid()
    assert form.errors["video"] == [
        "This video is too large: 200 MB at most. Shorten it or export it in a lower quality."
    ]
    assert not (tmp_path / "media").exists()


# --- captions -----------------------------------------------------------------------------------------------

VTT = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nHello, I am a nurse.\n\n00:05.500 --> 00:07.000 align:start\nBye!\n"


def test_webvtt_with_a_byte_order_mark_is_accepted_and_stored_without_it():
    cleaned = uploads.clean_captions(upload("subs.vtt", ("\ufeff" + VTT).encode("utf-8")))
    assert cleaned.name == "captions.vtt"
    assert cleaned.read() == VTT.encode("utf-8")
    assert uploads.parse_webvtt(VTT) == [(1.0, 4.0, "Hello, I am a nurse."), (5.5, 7.0, "Bye!")]


def test_webvtt_comments_and_windows_line_ends_are_fine():
    text = "WEBVTT - made by hand\r\n\r\nNOTE checked by Karim\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nHi\r\n"
    assert uploads.parse_webvtt(text) == [(1.0, 2.0, "Hi")]


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"1\n00:00:01,000 --> 00:00:04,000\nHello\n", "A captions file starts with the word WEBVTT on its first line."),
        (b"WEBVTT\n\n00:00:01,000 --> 00:00:04,000\nHi\n", "Line 3: write the times like 00:00:01.000 --> 00:00:04.000."),
        (b"WEBVTT\n\n00:00:04.000 --> 00:00:01.000\nHello\n", "Line 3: a caption must end after it starts."),
        (b"WEBVTT\n\n00:00:01.000 --> 00:00:01.000\nHello\n", "Line 3: a caption must end after it starts."),
        (b"WEBVTT\n\nintro\nHi\n", "Line 3: each caption needs a timing line like 00:00:01.000 --> 00:00:04.000."),
        (b"WEBVTT\n\nNOTE nothing else\n", "This captions file has no caption in it."),
        (b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n\xe9t\xe9\n", "Save the captions file as UTF-8 text."),
        (HTML, "This file is a web page or XML document, not a WebVTT captions file."),
    ],
    ids=["srt", "commas", "end-before-start", "zero-length", "no-timing", "no-cue", "latin-1", "html"],
)
def test_broken_webvtt_is_refused_with_the_line(content, expected):
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_captions(upload("subs.vtt", content))
    assert message(excinfo) == expected


def test_captions_over_200_kb_are_refused():
    with pytest.raises(ValidationError) as excinfo:
        uploads.clean_captions(huge("subs.vtt", size=200 * 1024 + 1))
    assert message(excinfo) == "This captions file is too large: 200 KB at most."


# --- video links --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, normalised, embed",
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("  youtube.com/watch?v=dQw4w9WgXcQ&t=42s&list=PL1 ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("http://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?si=abc", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/aBcD_12-3xY", "https://www.youtube.com/watch?v=aBcD_12-3xY",
         "https://www.youtube-nocookie.com/embed/aBcD_12-3xY"),
        ("https://vimeo.com/76979871", "https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://www.vimeo.com/76979871/8272103f6e", "https://vimeo.com/76979871/8272103f6e",
         "https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1"),
    ],
)
def test_youtube_and_vimeo_links_are_normalised(url, normalised, embed):
    assert uploads.clean_video_url(url) == normalised
    assert uploads.embed_url(normalised) == embed


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
        "ftp://youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&v=aBcD_12-3xY",
        "https://www.youtube.com/channel/UC123",
        "https://vimeo.com/channels/staffpicks",
        "https://vimeo.com/76979871/not-a-hash!",
        "https://www.tiktok.com/@someone/video/123",
        "",
    ],
)
def test_other_links_are_refused(url):
    with pytest.raises(ValidationError):
        uploads.clean_video_url(url)
    assert uploads.embed_url(url) == ""


# --- nothing is stored on a bad file ------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def stored(media) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.exists() else []


def practical_data(**extra):
    return {"languages": ["fr", "ar"], "country": "BE", "postcode": "1080", "locality": "", **extra}


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("photo.jpg", ELF, "This file is a program, not a photo in JPEG, PNG or WebP format."),
        ("photo.svg", SVG, "This file is an SVG drawing, not a photo in JPEG, PNG or WebP format."),
    ],
)
def test_bad_photo_in_the_practical_step_saves_nothing(client, world, media, name, content, expected):
    client.force_login(world["professional"])
    response = client.post("/me/profile/practical/", practical_data(photo=upload(name, content)))
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert stored(media) == []
    assert not ProfessionalProfile.objects.filter(user=world["professional"]).exists()  # languages not saved either


def test_good_photo_is_stored_once_under_a_random_name_and_replaced_cleanly(
    client, world, media, django_capture_on_commit_callbacks
):
    client.force_login(world["professional"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/me/profile/practical/", practical_data(photo=upload("Karim Benali GPS.jpg", jpeg_with_gps()))
        )
    assert response.status_code == 302
    profile = ProfessionalProfile.objects.get(user=world["professional"])
    first = stored(media)
    assert len(first) == 1 and first[0].startswith("profiles/photos/") and first[0].endswith(".jpg")
    assert "Karim" not in first[0]
    assert b"Exif" not in (media / first[0]).read_bytes()
    assert (profile.languages, profile.place.postcode) == (["fr", "ar"], "1080")

    with django_capture_on_commit_callbacks(execute=True):
        new_photo = upload("new.png", image_bytes("RGB", (80, 80), "red", "PNG"))
        client.post("/me/profile/practical/", practical_data(photo=new_photo))
    second = stored(media)
    assert len(second) == 1 and second != first

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/me/profile/practical/", practical_data(remove_photo="on"))
    assert stored(media) == []
    profile.refresh_from_db()
    assert not profile.photo


@pytest.mark.parametrize(
    "name, content",
    [("video.mp4", HTML), ("video.mp4", ELF), ("clip.webm", (MEDIA / "clip.webm").read_bytes()[:100])],
    ids=["html", "elf", "cut-webm"],
)
def test_bad_video_saves_nothing(client, world, media, name, content):
    client.force_login(world["professional"])
    response = client.post("/me/profile/video/", {"video": upload(name, content), "video_url": ""})
    assert response.status_code == 400
    assert stored(media) == []
    assert not ProfessionalProfile.objects.filter(user=world["professional"]).exists()


def test_video_with_broken_captions_saves_neither(client, world, media):
    client.force_login(world["professional"])
    response = client.post(
        "/me/profile/video/",
        {
            "video": upload("clip.mp4", (MEDIA / "clip.mp4").read_bytes()),
            "captions": upload("s.vtt", b"WEBVTT\n\nhello\n"),
        },
    )
    assert response.status_code == 400
    assert "each caption needs a timing line" in response.content.decode()
    assert stored(media) == []


def test_uploaded_video_with_captions_then_a_link_replaces_both(
    client, world, media, django_capture_on_commit_callbacks
):
    client.force_login(world["professional"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/me/profile/video/",
            {
                "video": upload("clip.webm", (MEDIA / "clip.webm").read_bytes()),
                "captions": upload("s.vtt", VTT.encode()),
            },
        )
    assert response.status_code == 302
    profile = ProfessionalProfile.objects.get(user=world["professional"])
    assert profile.video.name.endswith(".webm") and profile.captions.name.endswith(".vtt")
    assert profile.video_duration == pytest.approx(3.0, abs=0.05)
    assert len(stored(media)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/me/profile/video/", {"video_url": "https://youtu.be/dQw4w9WgXcQ"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.video_url, bool(profile.video), bool(profile.captions), profile.video_duration) == (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ", False, False, None
    )
    assert stored(media) == []


def test_video_file_and_link_together_are_refused(client, world, media):
    client.force_login(world["professional"])
    response = client.post(
        "/me/profile/video/",
        {"video": upload("clip.mp4", (MEDIA / "clip.mp4").read_bytes()), "video_url": "https://vimeo.com/76979871"},
    )
    assert response.status_code == 400
    assert "Upload a video or paste a link, not both." in response.content.decode()
    assert stored(media) == []


def test_captions_for_a_link_are_refused(client, world, media):
    client.force_login(world["professional"])
    response = client.post(
        "/me/profile/video/", {"video_url": "https://vimeo.com/76979871", "captions": upload("s.vtt", VTT.encode())}
    )
    assert response.status_code == 400
    assert "Captions go with an uploaded video." in response.content.decode()
    assert stored(media) == []
