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
        "table_scroller": "表格（可左右滚动）",
        "owner": "主办单位：{owner}",
        "back_to_top": "回到页首",
        "back_to_contents": "回到目录",
        # the page of component examples (for maintainers and the browser gate; not published)
        "components_title": "组件示例",
        "components_params": "参数",
        # reading modes
        "modes": "阅读模式",
        "mode_standard": "标准版",
        "mode_large": "大字版",
        "mode_text": "纯文本通道",
        "mode_txt_file": "下载纯文本文件（.txt）",
        "txt_table": "表格：",
        "txt_file": "纯文本文件",
        # 扫一扫在手机打开当前页 (only when site.yaml gives base_url)
        "qr_alt": "本页网址的二维码",
        "qr_caption": "用手机扫描二维码，在手机上打开本页：",
        "page_url": "本页网址：",
        # 语音播报 (read aloud); the control exists only where the browser can speak
        "read_aloud": "语音播报",
        "read_pause": "暂停",
        "read_resume": "继续",
        "read_stop": "停止",
        "read_faster": "加快语速",
        "read_slower": "减慢语速",
        "read_progress": "第{n}段，共{total}段；语速{rate}倍",
        # announced in the live region: changes of state only
        "read_status_started": "开始朗读",
        "read_status_paused": "已暂停",
        "read_status_resumed": "继续朗读",
        "read_status_stopped": "已停止",
        "read_status_done": "朗读完毕",
    }
)
