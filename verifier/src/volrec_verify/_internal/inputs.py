"""Turn what the user hands over (a path, QR text, JSON) into a parsed credential.

This is the only place that reads certificate files or decodes images; each failure is a verdict
(`NotACertificate` for "this is not ours", `Malformed` for "ours, but broken") so batch mode can
report it in its row.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from volrec_verify.errors import Malformed, NotACertificate, excerpt
from volrec_verify.qrcodec import PREFIX, decode_qr_payload

PREFERRED_ATTACHMENT = "credential.json"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp")
FILE_SUFFIXES = (".json", ".pdf", ".txt", *IMAGE_SUFFIXES)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")  # QR codes often hold a URL: text, not a path
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


@dataclass(frozen=True)
class Loaded:
    """A credential and where it came from (`form` is json, pdf, image or text)."""

    source: str
    form: str
    credential: dict[str, Any]


def names_a(path: Path, kind: str) -> bool:
    """`path.is_file()` / `is_dir()`, but QR text too long to be a file name is simply not a file."""
    try:
        return path.is_file() if kind == "file" else path.is_dir()
    except OSError:
        return False


def load(arg: str) -> Loaded:
    """Read one INPUT argument: a file path, or else the QR text or JSON itself."""
    path = Path(arg)
    if names_a(path, "file"):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise NotACertificate(f"cannot read {arg}: {exc.strerror}", kind="unreadable", found=arg) from exc
        return load_bytes(data, arg)
    text = arg.strip()
    if text.startswith("{"):
        return Loaded(arg, "json", parse_json(text))
    looks_like_path = path.suffix.lower() in FILE_SUFFIXES or "/" in arg or "\\" in arg
    if not text.startswith(PREFIX) and looks_like_path and not _URL.match(text):
        raise NotACertificate(f"no such file: {arg}", kind="no_file", found=arg)
    return Loaded("QR text", "text", decode_qr_payload(text))


def load_bytes(data: bytes, source: str) -> Loaded:
    """Dispatch on content (not on the file name, which users get wrong)."""
    if data.startswith(b"%PDF"):
        return Loaded(source, "pdf", from_pdf(data))
    if data.startswith(_IMAGE_MAGIC) or source.lower().endswith(IMAGE_SUFFIXES):
        return Loaded(source, "image", decode_qr_payload(qr_text_from_image(data)))
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError as exc:
        raise NotACertificate(f"{source} is neither JSON, a PDF, an image nor QR text",
                              kind="unreadable", found=source) from exc
    if text.startswith("{"):
        return Loaded(source, "json", parse_json(text))
    return Loaded(source, "text", decode_qr_payload(text))


def parse_json(text: str) -> dict[str, Any]:
    """A JSON object; broken JSON is Malformed only if it claims to be one of our certificates."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        if "VolunteerServiceCertificate" in text:
            raise Malformed("the certificate JSON is broken") from exc
        raise NotACertificate("not JSON", kind="not_json") from exc
    if not isinstance(value, dict):
        raise NotACertificate("JSON, but not an object", kind="not_credential")
    return value


def qr_text_from_image(data: bytes, *, image: Any = None) -> str:
    """The text of the volrec QR code in an image (or of any QR, to say it is not ours)."""
    try:
        import zxingcpp
        from PIL import Image, UnidentifiedImageError
    except ImportError as exc:
        raise NotACertificate("reading images needs the extra: pip install 'volrec-verify[images]'",
                              kind="needs_images") from exc
    if image is None:
        try:
            image = Image.open(io.BytesIO(data))
            image.load()
        except (UnidentifiedImageError, OSError) as exc:
            raise NotACertificate("not a readable image", kind="unreadable_image") from exc
    texts = [barcode.text for barcode in zxingcpp.read_barcodes(image.convert("L"))]
    for text in texts:
        if text.strip().startswith(PREFIX):
            return text
    if texts:
        raise NotACertificate(
            f"the image holds a code reading {excerpt(texts[0])!r}, not a volrec certificate "
            f"(volrec QR texts start with {PREFIX})",
            kind="foreign_qr_image", found=texts[0],
        )
    raise NotACertificate("no QR code found in the image", kind="no_qr")


def from_pdf(data: bytes) -> dict[str, Any]:
    """The credential attached to a PDF (`credential.json` first), else the QR on its pages."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as exc:
        raise NotACertificate("reading PDFs needs the extra: pip install 'volrec-verify[pdf]'",
                              kind="needs_pdf") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        attachments = dict(reader.attachments)
    except (PyPdfError, ValueError, KeyError, OSError) as exc:
        raise NotACertificate("not a readable PDF", kind="unreadable_pdf") from exc
    names = sorted(
        (name for name in attachments if name.lower().endswith(".json")),
        key=lambda name: (name != PREFERRED_ATTACHMENT, name),
    )
    for name in names:
        for content in attachments[name]:
            try:
                value = json.loads(content.decode("utf-8-sig"))
            except ValueError:
                continue
            if isinstance(value, dict) and "proof" in value:
                return value
    for page in reader.pages:
        for picture in page.images:
            try:
                return decode_qr_payload(qr_text_from_image(b"", image=picture.image))
            except NotACertificate:
                continue
    raise NotACertificate("the PDF holds neither a credential attachment nor a volrec QR code", kind="pdf_empty")
