# %% [markdown]
# # 07 Claims audit / 报告数据核查

# %% [markdown] tags=["article", "lang-en"]
# **The report** (paragraphs 1-130): every number the report prints in its text and tables,
# and every statement it makes of a date, a count of listed items, an ordinal, a frequency, a
# rank or a uniqueness, each re-derived from the report's own numbers and from the external
# series in `data/external`, and graded by the evidence that bears on it.
#
# The register is `data/claims.csv`: one row per statement, with the named rule in
# `analysis.claims` that recomputes it, the data it reads (never the expected value), what that
# evidence is (`basis`) and whether it covers the whole sentence (`scope`). The verdicts come
# from code, under the one policy below; no row is judged by hand.

# %% [markdown] tags=["article", "lang-zh"]
# **报告原文**（第1-130段）：报告正文和表格中印出的每一个数字，以及关于日期、所列项目个数、序数、
# 频率、排名和唯一性的每一项陈述，均根据报告自身的数字和 `data/external` 中的外部数据重新推算，
# 并按其所依据的证据分级。
#
# 核查登记表为 `data/claims.csv`：每项陈述一行，列明 `analysis.claims` 中重新计算该陈述的规则、
# 所读取的数据（从不填写预期值）、证据的性质（`basis`）以及核对是否覆盖整句（`scope`）。
# 结论由代码按下述统一规则得出，没有任何一行由人工判定。

# %% [markdown]
# ## The policy / 核查规则

# %% [markdown] tags=["article", "lang-en"]
# Every input stands for the interval its printing allows (value ± half a unit of its last
# printed digit); the rule carries those intervals through; the claim stands for its own printed
# interval, widened only by its hedge word (约, 近, 以上, 不足: the tolerances table) or by a
# precision the row states (levels read off a figure). Verdicts, graded by evidence:
#
# - **holds**: value evidence of the same concept and vintage (the report's own numbers, or an
#   external series of the same concept and vintage) agrees within that interval;
# - **not contradicted**: the claim agrees with a weaker check only: a one-sided bound, a check
#   of part of the sentence, another vintage, a proxy of another concept, a conversion at an
#   unstated date, or agreement only within the ± 0.005 yuan per dollar widening of the
#   exchange rate. It is never counted with *holds*;
# - **misworded**: it fails as printed but holds, on value evidence, under a corrected reading
#   the register names ("个百分点 read as %"); the as-printed result stays beside it;
# - **contradicted**: it fails as printed, and under any reading offered, against the report's
#   own numbers or a same-concept, same-vintage source;
# - **other vintage or source**: it fails only against another vintage, another concept or a
#   conversion at an unstated date. That is not an error of the report, and one rule covers
#   every such comparison (Table 1's 2016 GDP, 2016 and 2017 real growth, the 2016 peers,
#   paragraph 41's partner shares, the conversions of paragraphs 19 and 76);
# - **implausible**: outside a hard bound (more workers than Liaoning has people, a fertility
#   rate no population has had); **doubtful**: outside a rule of thumb (the FDI intensity rule
#   below);
# - **unverifiable**: nothing in the report or `data/external` bears on it; each row names its
#   reason class and says why.
#
# The sentence's own scope is respected: a sentence that names its year ("以2014年为例") is
# checked for that year; a list without "only" is not read as complete; where two paragraphs
# disagree, the row sits on the statement the evidence contradicts. A **severity** is given to
# every finding (misworded, contradicted, implausible, doubtful) by one rule: *changes a
# conclusion* where the register names the economic conclusion of the report it changes;
# otherwise *only a digit* where the claim and the recomputed value differ only in the claim's
# last printed digit (by under 15 % of it); otherwise *a number a reader would quote*.

# %% [markdown] tags=["article", "lang-zh"]
# 每个输入数字代表其印刷精度所允许的区间（数值正负末位数字的半个单位）；规则在计算中传递这些区间；
# 陈述本身代表其印刷区间，仅因其限定词（约、近、以上、不足，见容差表）
# 或该行注明的精度（从图中读取的水平）而放宽。按证据分级的结论：
#
# - **成立**：同口径、同数据版本的数值证据（报告自身的数字，或同口径同版本的外部数据）
#   在该区间内一致；
# - **未被否定**：陈述只与较弱的核对一致：单侧界限、只核对了部分陈述、其他数据版本、
#   其他口径的替代指标、换算日期未注明，或仅在汇率每美元正负0.005元的容差内一致。
#   从不与"成立"合计；
# - **措辞有误**：按原文不成立，但按登记表写明的更正读法（如"个百分点读作%"）在数值证据上成立；
#   按原文计算的结果并列显示；
# - **与证据矛盾**：按原文及任何读法，均与报告自身的数字或同口径同版本的来源不符；
# - **数据版本或来源不同**：仅与其他数据版本、其他口径或未注明日期的换算不符。这不是报告的错误；
#   所有此类比较适用同一规则（表1的2016年GDP、2016和2017年实际增长率、2016年的邻省比较、
#   第41段的贸易伙伴比重、第19段和第76段的换算）；
# - **不可信**：超出硬性界限（破产企业职工多于辽宁人口、任何人口都未出现过的生育率）；**存疑**：
#   超出经验法则（见下文外商直接投资强度规则）；
# - **无法核实**：报告和 `data/external` 中没有任何数据与之相关；每行注明原因类别及理由。
#
# 尊重句子本身的范围：写明年份的句子（"以2014年为例"）按该年核对；未说"仅"的列举不视为完整列举；
# 两段互相矛盾时，该行落在证据所否定的那一段。每项问题（措辞有误、与证据矛盾、不可信、存疑）
# 按同一规则给出**严重程度**：若登记表写明它改变报告的哪一经济结论，为*改变结论*；否则，
# 若陈述与重新计算的数值仅在末位印刷数字上不同（且差距小于15%），为*仅末位数字*；
# 其余为*读者会引用的数字*。

# %% tags=["parameters"]
label_language = "en"

# %%
import pandas as pd
from IPython.display import display

from analysis import claims, plausibility
from analysis.keyfigures import record
from analysis.tables import localise, show

L = label_language
pd.set_option("display.max_colwidth", None)
pd.set_option("display.max_rows", None)

audit = claims.audit()
claims.attach_claims_csv(audit)  # published as claims.csv beside the reports

# %% [markdown]
# ## What the audit finds / 核查结果

# %% tags=["article"]
show(claims.summary_markdown(audit, L))
for verdict, n in claims.verdict_counts(audit).items():  # key figures: counts by verdict
    record(f"claims_{verdict}", int(n), "claims",
           f"claims of the report judged '{claims.VERDICT_LABELS['en'][verdict]}'")
for level, n in claims.severity_counts(audit).items():
    record(f"claims_severity_{level}", int(n), "claims",
           f"findings of severity '{claims.SEVERITY_LABELS['en'][level]}'")

# %% [markdown] tags=["lang-en"]
# Claims by verdict (rows) and by the strength of the check behind them (columns):

# %% [markdown] tags=["lang-zh"]
# 按结论（行）和核对依据的强弱（列）分列的陈述数：

# %% tags=["article"]
claims.evidence_counts(audit, L)

# %% [markdown]
# ## Findings by kind / 按类别列出的问题

# %% [markdown] tags=["lang-en"]
# Every finding, in report order, grouped by kind, with its severity. Each note gives the
# recomputation and the likely cause (typo, unit, wording, truncation, an outdated statement).

# %% [markdown] tags=["lang-zh"]
# 所有问题按报告顺序、按类别列出，并注明严重程度。每条说明给出重新计算的过程和可能的原因（笔误、
# 单位、措辞、截断、陈述过时）。

# %% tags=["article"]
for title, table in claims.by_kind(audit, L).items():
    show(f"**{title}** ({len(table)})")
    display(table)

# %% [markdown]
# ## Paragraph 10's fall of 34.4 % / 第10段的下降34.4%

# %% [markdown] tags=["article", "lang-en"]
# Paragraph 10 says FDI fell to 51.9亿美元, down 34.4 %. That fall implies a 2014 base of
# 79.1亿美元 (51.9 / 0.656), which the report does not print; that this implied base is measured
# like the 2015 value is an assumption. The FDI table's own 2014 value, 274.23, is from before
# Liaoning's 2016-17 statistical correction, so the table's fall of 81.1 % crosses a series
# break. The audit therefore grades the 34.4 % *other vintage or source* against the table:
# read as a like-for-like fall on the implied base, nothing in the report or `data/external`
# contradicts it, and nothing confirms it.

# %% [markdown] tags=["article", "lang-zh"]
# 第10段称外商直接投资降至51.9亿美元，下降34.4%。
# 这一降幅意味着2014年的基数为79.1亿美元（51.9 / 0.656），报告并未印出该数；
# 这一推算基数与2015年数值口径相同，只是一个假设。
# 外商直接投资表自身的2014年数值274.23来自辽宁2016-17年统计更正之前，
# 因此该表81.1%的降幅跨越了统计口径断点。故本核查将34.4%与该表的比较判为*数据版本或来源不同*：
# 若将其理解为以推算基数为准的同口径降幅，报告和 `data/external` 中没有任何数据与之矛盾，
# 也没有任何数据能够证实它。

# %% [markdown]
# ## The FDI table against China's FDI (external) / 外商直接投资表与全国外商直接投资（外部数据）

# %% [markdown] tags=["lang-en"]
# Liaoning's FDI as a share of China's FDI actually utilised (MOFCOM concept; the
# balance-of-payments series is a different concept and is not used), beside its share of
# China's GDP (both GDPs as published). The rule and its words come from one function,
# `analysis.plausibility`, which notebook 04 calls too:

# %% [markdown] tags=["lang-zh"]
# 辽宁外商直接投资占全国实际利用外商直接投资（商务部口径；国际收支口径为另一概念，未使用）的比重，
# 与其占全国GDP的比重（两者均为当时公布的GDP）并列。
# 规则及其表述出自同一函数`analysis.plausibility`，第04篇笔记本亦调用该函数：

# %% tags=["article"]
show(plausibility.FDI_RULE_TEXT[L])
fdi_check = claims.fdi_plausibility(audit)
show(plausibility.fdi_plausibility_words(fdi_check, L))
localise(fdi_check, L, decimals=2)

# %% [markdown]
# ## Tolerances / 容差

# %% [markdown] tags=["lang-en"]
# What each hedge word, and each kind of input, adds to the interval a claim may fall in.

# %% [markdown] tags=["lang-zh"]
# 各限定词及各类输入为陈述可落入的区间所增加的容差。

# %%
claims.widenings(L)

# %% [markdown]
# ## Unverifiable: why nothing bounds them / 无法核实的原因

# %%
claims.reason_counts(audit, L)

# %%
claims.labelled(audit[audit["verdict"] == "unverifiable"], L,
                ["id", "paragraph", "quote", "note"])

# %% [markdown]
# ## Counts by verdict and section / 按结论和章节统计

# %%
claims.labelled_counts(audit, L)

# %% [markdown]
# ## The full register / 完整登记表

# %%
claims.labelled(audit, L, claims.OUTPUT_COLUMNS + ["basis", "rule", "approx"])

# %% [markdown]
# ## Closing note: the findings / 结语：发现的问题

# %% [markdown] tags=["lang-en"]
# Generated from the audit above, so it always matches the data.

# %% [markdown] tags=["lang-zh"]
# 由上述核查自动生成，始终与数据一致。

# %%
show(claims.findings_markdown(audit, L))
