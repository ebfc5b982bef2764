"""Every piece of site text a reader sees, in one place (Simplified Chinese).

Templates use these as `t.name`; Python code imports `T`. Document text never
comes from here, only the words of the site around it.
"""

from __future__ import annotations

from types import MappingProxyType

T = MappingProxyType(
    {
        "skip_link": "跳到正文",
        "site_nav": "网站导航",
        "home": "首页",
        "document_list": "文件列表",
        "document_count": "共 {n} 份文件",
        "toc": "目录",
        "doc_info": "文件信息",
        "kind": "文件类型",
        "issuer": "发文机关",
        "doc_number": "发文字号",
        "date_signed": "成文日期",
        "date_published": "发布日期",
        "period": "规划期",
        "period_value": "{start}—{end}年",
        "region": "地区",
        "notice": "印发通知",
        "glossary": "名词解释",
        "related": "相关文件",
        "annexes": "附件",
        "source": "来源",
        "source_link": "查看原文发布页面",
        "table_notes": "表注",
        "owner": "主办单位：{owner}",
        "back_to_top": "回到页首",
        "back_to_contents": "回到目录",
    }
)
