"""Every piece of site text a reader sees, in one place (Simplified Chinese).

Templates use these as `t.name`; Python code imports `T`. Document text never
comes from here, only the words of the site around it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

T: Mapping[str, str] = MappingProxyType(
    {
        "skip_link": "跳到正文",
        "site_nav": "网站导航",
        "home": "首页",
        "document_list": "文件列表",
        "document_count": "共 {n} 份文件",
        "newest": "最新文件",
        "ways_in": "查找文件",
        "by_kind": "按类型",
        "by_year": "按年份",
        "by_region": "按地区",
        "all_documents": "全部文件",
        "listing_kind": "类型：{name}",
        "listing_year": "年份：{year}年",
        "listing_region": "地区：{name}",
        "year_value": "{year}年",
        "listing_count": "{name}（{n}份）",
        "listing_page": "{title}（第{n}页，共{total}页）",
        "pagination": "分页",
        "page_number": "第{n}页",
        "previous_page": "上一页",
        "next_page": "下一页",
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
        "index_number": "索引号",
        "topic": "主题分类",
        "keywords": "主题词",
        "keywords_separator": "；",
        "validity": "有效性",
        "superseded_by": "替代本文件的文件",
        "supersedes": "本文件替代的文件",
        "notice": "印发通知",
        "glossary": "名词解释",
        "related": "相关文件",
        "annexes": "附件",
        "source": "来源",
        "source_link": "查看原文发布页面",
        "table_notes": "表注",
        "table_scroller": "表格（可左右滚动）",
        "owner": "主办单位：{owner}",
        "organizer": "承办单位：{organizer}",
        "site_id_code": "网站标识码：{code}",
        "icp_url": "https://beian.miit.gov.cn/",  # where an ICP备案号 is looked up
        "police_url": "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode={code}",
        # 政府网站 metadata: column names and types
        "column_home": "首页",
        "column_type_home": "首页",
        "column_type_documents": "政务公开",
        "column_type_service": "网站服务",
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
        "mode_large_nav": "大字版（长辈版）",  # the entry in the 阅读模式 navigation
        "mode_txt_file": "下载纯文本文件（.txt，{size}）",
        "mode_txt_link": "纯文本文件（.txt）",  # <link rel=alternate> title
        "size_bytes": "{n} 字节",
        "downloads": "下载",
        "attachment_label": "{title}（{format}，{size}）",
        # 文字大小 (适老化 网页放大): created by script where script runs
        "text_size": "文字大小",
        "text_size_larger": "放大",
        "text_size_smaller": "缩小",
        "text_size_reset": "还原",
        # the footer, the help page and the accessibility statement
        "contact": "联系方式",
        "contact_phone": "电话",
        "contact_email": "电子邮箱",
        "contact_address": "地址",
        "help": "使用帮助",
        # 搜索 (the field and its results are run by script)
        "search": "搜索",
        "search_label": "搜索文件",
        "search_hint": "输入标题、发文字号或正文中的词语，多个词语用空格隔开。",
        "search_button": "搜索",
        "search_results": "搜索结果",
        "search_more": "显示更多结果",
        "search_needs_script": "搜索需要浏览器运行脚本（JavaScript）。没有脚本时，请按下面的类型、年份或地区查找文件。",
        "search_from_disk": "从本机磁盘打开的网站不能搜索（浏览器不允许读取搜索索引）。请把网站放到网站服务器上使用搜索，或按下面的类型、年份或地区查找文件。",
        "search_text_channel": "纯文本通道不运行脚本，不能搜索。请按下面的类型、年份或地区查找文件，或使用标准版的搜索：",
        "search_standard": "标准版搜索",
        "search_empty": "请输入要搜索的词语。",
        "search_working": "正在搜索……",
        "search_failed": "搜索暂时无法使用，请稍后再试，或按下面的类型、年份或地区查找文件。",
        "search_none": "没有找到包含“{q}”的文件。",
        "search_count": "找到 {n} 份包含“{q}”的文件。",
        "search_meta_separator": "　",
        "feed": "最新文件（Atom 订阅）",
        "not_found": "找不到这个页面",
        "not_found_text": "您要找的页面不存在，可能是网址输错了，或文件已经移动。",
        "not_found_home": "回到首页，查看全部文件",
        "statement": "无障碍声明",
        "help_intro": "本站的每份文件都有几种阅读方式，下面说明怎样使用。",
        "statement_intro": "{owner}致力于让所有人，包括视力、听力、肢体、认知障碍者和老年人，都能获取本站发布的文件。",
        "statement_standards_title": "遵循的标准",
        "statement_testing_title": "如何检验",
        "statement_reviewed": "最近一次评估：{date}",
        "statement_limitations_title": "已知的不足",
        "statement_feedback_title": "反馈",
        "statement_feedback": "如果您在使用本站时遇到困难，或需要其他格式的文件，请联系我们：",
        "txt_table": "表格：",
        "txt_file": "纯文本文件",
        # the other editions of a document, each with its format and size
        "epub_file": "下载电子书（EPUB，{size}）",
        "braille_file": "下载盲文版（BRF，{size}）",
        "braille_text_file": "下载盲文点字文本（Unicode 盲文 .txt，{size}）",
        "index_braille_file": "下载盲文版文件列表（BRF，{size}）",
        "epub_landmarks": "导航",
        "epub_start": "正文",
        "epub_summary": (
            "本电子书与网站上的文件内容相同，全部是文字，没有图片、声音和视频。"
            "有目录和各级标题可以跳转，表格有表头，符号有朗读用的读法；字体、字号和颜色由阅读软件设置。"
            "符合《Web 内容无障碍指南》（WCAG）2.2 AA 级。"
        ),
        # the machine, not the content: said when liblouis is missing
        "braille_no_liblouis": (
            "未找到盲文翻译库 liblouis，无法生成盲文版。请安装它：Debian 或 Ubuntu 上运行 "
            "sudo apt-get install liblouis20 liblouis-data（make site 会自动安装）。"
        ),
        "braille_no_table": (
            "盲文翻译库 liblouis 读不到国家通用盲文的翻译表 {table}（{detail}）："
            "请安装或更新 liblouis-data（3.22 或更新的版本）。"
        ),
        "braille_failed": "盲文翻译库 liblouis 翻译失败（{detail}）：请检查 liblouis 的安装。",
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


# Longer site text: the help page and the accessibility statement (tuples of paragraphs).
# Help paragraphs may name the braille page size as {cells} and {lines}.
PROSE: Mapping[str, Any] = MappingProxyType(
    {
        "help_sections": (
            (
                "阅读模式",
                (
                    "每页顶部的“阅读模式”可以在几种形式之间切换，内容完全相同：",
                    "标准版：适合大多数读者，关掉样式或脚本也能阅读。",
                    "大字版（长辈版）：正文字号放大到 24 像素以上，加大行距和按钮，对比度更高，在手机上每个表格逐行显示为卡片，不用左右滑动。",
                    "纯文本通道：只有文字和结构，没有样式、脚本和图片，适合读屏软件、文本浏览器和网速慢的手机。",
                ),
            ),
            (
                "文字大小",
                (
                    "标准版和大字版页面顶部有“放大”“缩小”“还原”按钮，可以调整本站的文字大小；调整后访问本站其他页面时仍然有效。",
                    "也可以使用浏览器自带的缩放（Ctrl 和加号、减号）或浏览器设置里的默认字号，大字版会在您设置的字号基础上放大。",
                ),
            ),
            (
                "语音播报",
                (
                    "文件页面标题下方的“语音播报”按钮会用浏览器的语音朗读全文，从您正在看的位置开始；点击某一段后再按按钮，就从那一段开始。",
                    "朗读时控制条固定在窗口底部，可以暂停、继续、停止、加快或减慢语速；按 Esc 键停止。使用读屏软件的读者可以直接用读屏软件阅读，不需要这个功能。",
                    "浏览器不支持语音时不显示这个按钮。",
                ),
            ),
            (
                "搜索",
                (
                    "每页顶部的“搜索”打开搜索页。输入标题、发文字号或正文里的词语，按回车或“搜索”按钮，就列出包含这些词语的文件，并报出找到几份；多个词语用空格隔开，列出的文件包含每一个词语。",
                    "搜索需要浏览器运行脚本。纯文本通道、关闭了脚本的浏览器和从本机磁盘打开的网站不能搜索，可以在搜索页和首页按类型、年份或地区查找文件。",
                ),
            ),
            (
                "键盘操作",
                (
                    "按 Tab 键依次经过页面上的链接和按钮，当前位置有明显的黄色边框；按 Shift+Tab 返回。",
                    "每页第一次按 Tab 出现“跳到正文”链接，按回车直接跳过页头到正文。",
                    "文件页面的“目录”列出全部章节，选择一项即可跳到该章节。",
                ),
            ),
            (
                "下载纯文本文件",
                (
                    "文件页面的“下载纯文本文件（.txt）”可以把全文保存到电脑或手机，用记事本等任何软件打开，也可以交给自己的朗读软件。表格按行写成“表头：内容”的形式。",
                ),
            ),
            (
                "电子书（EPUB）",
                (
                    "文件页面的“下载电子书（EPUB）”是同一份文件的电子书，可以用手机或电脑上的阅读软件打开（如 Apple 图书、Thorium Reader 等支持 EPUB 3 的软件）。阅读软件会记住读到的位置，可以调整字号、字体和颜色，多数还能朗读。",
                    "电子书有目录，每章是单独的一节；表格有表头，读屏软件可以逐格朗读。",
                ),
            ),
            (
                "盲文版（BRF）",
                (
                    "BRF 是盲文文件的通用格式（Braille Ready File），每个字母或符号代表一个盲文方。文件页面的“下载盲文版（BRF）”按国家通用盲文方案（带声调）翻译全文，可以直接发送到盲文打印机（点字机）打印，或在盲文点显器上阅读。",
                    "版式按盲文书的习惯排好：本站每页 {cells} 方、{lines} 行，最后一行右端是页码，页与页之间有换页符；标题居中，下一级标题从第 5 方开始，段落开头空两方；表格逐行写成“表头：内容”，文件信息和名词解释也在其中。",
                    "“下载盲文点字文本（Unicode 盲文 .txt）”是同样的内容，用 Unicode 盲文点字符号写成，可以在屏幕上查看或校对，也可以用支持 Unicode 盲文的点显器软件阅读。",
                    "首页还有盲文版的文件列表。",
                ),
            ),
        ),
        "statement_standards": (
            "《Web 内容无障碍指南》（WCAG）2.2 AA 级",
            "GB/T 37668—2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》",
            "工业和信息化部《互联网网站适老化通用设计规范》",
        ),
        "statement_testing": (
            "每次生成网站时，每个页面的每种模式都经过自动检查：用 html5lib 检查页面结构（语言、标题、跳到正文链接、地标、标题层级、表格表头、链接）；在 Chromium 浏览器中运行 axe-core（WCAG 2.2 AA 及 7:1 的 AAA 级对比度）和 Nu HTML Checker；检查 320 像素宽度下的重排、200% 和 400% 缩放、文字间距、键盘操作和焦点可见性。",
            "此外检查读者实际得到的内容：复制和页面内查找得到的是原文，读屏软件读出的标题和表格（由浏览器的无障碍树生成），手机宽度下的大字版表格，以及语音播报控件。",
        ),
        "statement_limitations": (
            "纯文本通道没有样式表，符号（如“＞95”）按原文呈现，部分语音引擎会略去这些符号；需要读法提示的读者请使用标准版或大字版。",
            "语音播报依赖浏览器自带的语音合成，部分浏览器没有中文语音。",
        ),
    }
)
