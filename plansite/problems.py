"""Problems found in content: what editors see when their YAML is wrong.

Every problem names the file, the line, the field and what to write instead.
Validation collects all of them before anything is built, so an editor fixes
a file in one pass instead of one error per run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # e.g. "body[2].table.rows[3]"; "" for the whole file
    message: str  # Chinese, says what is expected

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f" 第{self.line}行"
        if self.field:
            where += f" {self.field}"
        return f"{where}：{self.message}"


class ContentError(Exception):
    """Raised when content is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"共发现 {len(self.problems)} 个问题，网站没有生成，原有的网站保持不变。")
        return "\n".join(lines)
