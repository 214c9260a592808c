"""Build the VR1 preset zlib dictionary from the example certificate in docs/credential-format.md.

Run once: `python verifier/tools/make_zdict.py [--check]`. The output,
`src/volrec_verify/dictionaries/vr1.zdict`, is frozen for the prefix `VR1:` (a test pins its
SHA-256): changing it breaks every QR code already printed, so a new dictionary needs `VR2:`.

What makes a preset dictionary pay is long exact matches. So the dictionary ends with the example
certificate exactly as a QR compresses it (JCS, with realistic values and three service lines),
since every certificate repeats most of that byte for byte; before it come rarer fixed strings and
a vocabulary of words that volunteer-service records use. zlib codes near matches cheapest, so
the most common material is last. Measured: a certificate with ten lines over three activities
(texts that are in neither the dictionary nor the example) went from QR version 23 to 19 at M.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path
from typing import Any

import rfc8785

HERE = Path(__file__).resolve().parent
DOC = HERE.parent.parent / "docs" / "credential-format.md"
OUT = HERE.parent / "src" / "volrec_verify" / "dictionaries" / "vr1.zdict"

# Words of Chinese volunteer-service records (activities, places, people, units).
VOCABULARY = (
    "志愿服务志愿者社区街道居民委员会村民委员会协会基金会服务中心活动宣传培训讲解引导协助维护秩序"
    "陪伴老人独居儿童留守学生家长居民群众环境保护垃圾分类清洁卫生文明交通安全防范诈骗健康义诊"
    "献血应急救援消防防汛疫情防控图书馆敬老院福利院医院学校公园地铁站马拉松赛事文化科普"
    "法律咨询助老助残助学关爱帮扶走访慰问入户知识发放物资整理登记测量值守巡逻指导组织开展"
    "北京市上海市海淀区朝阳区"
)

# Fixed strings that the example shows once or not at all.
FRAGMENTS = [
    '"validUntil":"20',
    "https://",
    '"idType":"PASSPORT"',
    '"idType":"HK_MACAO_PERMIT"',
    '"idType":"TAIWAN_PERMIT"',
    '"idType":"FOREIGN_PERMANENT_RESIDENT_ID"',
    "T00:00:00Z",
]

# Two more lines for the example, so that the separators between lines are in it too.
EXTRA_LINES = [
    {"activity": "敬老院陪伴老人", "date": "2026-03-08", "hours": "2", "content": "陪伴老人聊天、读报，协助开展文娱活动"},
    {"activity": "交通路口文明引导", "date": "2026-04-12", "hours": "4", "content": "在路口引导行人遵守交通信号"},
]


def example_from_doc(text: str) -> dict[str, Any]:
    """The first JSON block of section 3 (the certificate) in the format document."""
    section = text.split("## 3.", 1)[1]
    block = re.search(r"```json\n(.*?)```", section, re.S)
    if block is None:
        raise SystemExit("no JSON block in section 3 of credential-format.md")
    example: dict[str, Any] = json.loads(block.group(1))
    return example


def build(doc_text: str) -> bytes:
    example = copy.deepcopy(example_from_doc(doc_text))
    example["credentialSubject"]["services"] += EXTRA_LINES
    return VOCABULARY.encode("utf-8") + "".join(FRAGMENTS).encode("utf-8") + rfc8785.dumps(example)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed file")
    args = parser.parse_args()
    data = build(DOC.read_text(encoding="utf-8"))
    if args.check:
        same = OUT.exists() and OUT.read_bytes() == data
        print("vr1.zdict matches the skeleton" if same else "vr1.zdict differs from the skeleton")
        return 0 if same else 1
    if OUT.exists():
        print(f"{OUT} exists and is frozen for VR1; delete it by hand to rebuild", file=sys.stderr)
        return 1
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
