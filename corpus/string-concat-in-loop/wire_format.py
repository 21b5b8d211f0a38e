"""Binary and shared strings: where CPython cannot resize in place, every `+=` copies."""
import struct

AUDIT_TRAIL = ""


def encode_frames(frames):
    payload = b""
    for frame in frames:
        payload += struct.pack(">I", len(frame)) + frame  # expect: string-concat-in-loop
    return payload


def encode_frames_fast(frames):
    parts = []
    for frame in frames:
        parts.append(struct.pack(">I", len(frame)) + frame)  # ok: string-concat-in-loop
    return b"".join(parts)


def record(events):
    global AUDIT_TRAIL
    for event in events:
        AUDIT_TRAIL += f"{event.at} {event.user}\n"  # expect: string-concat-in-loop


def progressive_previews(paragraphs):
    preview = ""
    snapshots = []
    for paragraph in paragraphs:
        snapshots.append(preview)
        preview += paragraph  # expect: string-concat-in-loop
    return snapshots
