namespace CityMaturity.Domain.Reporting;

/// <summary>
/// The Chinese (zh-CN) wording of the benchmark report: title block, summary, the distribution figure, both position
/// tables, the peers to learn from and the members. Titles come from the catalogue in its own language. The names of the
/// filter compared with are translated (facets, population bands, area types, methods); countries, regions and tags stay
/// the cities' own words, as they declared them. Chosen by <see cref="For"/>, as the baseline and progress reports choose theirs.
/// </summary>
public sealed partial record BenchmarkReportLabels
{
    public static BenchmarkReportLabels Chinese { get; } = new()
    {
        Culture = "zh-CN",
        DateFormat = "yyyy年M月d日",

        ReportTitle = "对标报告",
        TitleFormat = "{0}：{1}",
        Kicker = "城市间对标（ISO/TS 37107）",
        Network = "网络",
        ComparedWith = "对比对象",
        ComparedWithFormat = "{0}：{1} 个城市{2}",
        OwnAmongThem = "，本城市在其中",
        OwnNotAmongThem = "；本城市不在其中，与它们对照定位",
        PrivacyThreshold = "隐私阈值",
        PrivacyFormat = "k = {0}：少于 {0} 个城市时不显示任何数字",
        ReportCreated = "报告生成日期",
        GeneratedNotice = "演示用的生成网络：除本城市外，其他城市及其得分均为虚构。",
        PageFormat = "第 {0} 页，共 {1} 页",

        Summary = "摘要",
        DimensionSentenceFormat = "{0}：当前 {1}，在 {3} 个城市中排名第 {2}，{4}{5}。",
        GapFormat = "，比前四分之一低 {0}",
        DimensionWithoutPositionFormat = "{0}：当前 {1}；无位置（未评分，或为保护隐私而不显示）。",
        NotRated = "未评分",
        ScaleNote =
            "得分为 1 至 5 的成熟度等级。Q1 与 Q3 之间是中间一半的城市，前四分之一从 Q3 开始；位置按该组中的其他城市计算。" +
            "离开城市的只有得分：绝不包括任何人的姓名、评分或意见。",

        Distribution = "各城市的分布",
        DistributionCaptionFormat =
            "图：所对比的 {0} 个城市在各维度上的得分，当前与两年后，并标出本城市。箱体为中间一半的城市（Q1 至 Q3），粗线为中位数，须线延伸到最低分和最高分。",
        DistributionAltText = "所对比城市在各维度上当前与两年后得分的箱线图，标出本城市自己的得分。“当前的位置”和“两年后的位置”两章以表格列出全部数字。",
        NotDrawnFormat = "未绘制：评分的城市少于 {0} 个，或该图可能使某个城市被识别出来。",
        NoCityRated = "未绘制：该组中没有城市对其评分。",
        LegendMiddleHalf = "中间一半（Q1–Q3）",
        LegendMedian = "中位数",
        LegendRange = "最低–最高",
        LegendOwnNow = "本城市当前",
        LegendOwnInTwoYears = "本城市两年后",

        Now = "当前",
        InTwoYears = "两年后",
        ChapterFormat = "{0}的位置",
        Metric = "维度、子维度或特征",
        Own = "本城市",
        MiddleHalf = "Q1 – 中位数 – Q3",
        Range = "最低–最高",
        CitiesColumn = "城市数",
        Rank = "排名",
        RankFormat = "{1} 个中第 {0}",
        Percentile = "百分位",
        Quartile = "四分位",
        GapToTop = "与前四分之一的差距",
        Withheld = "不显示：城市太少",
        QuartileTop = "前四分之一",
        QuartileSecond = "第二个四分之一",
        QuartileThird = "第三个四分之一",
        QuartileBottom = "后四分之一",
        AllCities = "网络中的所有城市",
        FacetFormat = "{0}：{1}",
        FilterSeparator = " · ",
        FacetCountry = "国家",
        FacetRegion = "地区",
        FacetPopulation = "人口",
        FacetArea = "区域类型",
        FacetTag = "标签",
        FacetMethod = "方法",
        MethodNames = new Dictionary<Benchmarking.ComparisonMethod, string>
        {
            [Benchmarking.ComparisonMethod.SelfAssessed] = "自评",
            [Benchmarking.ComparisonMethod.Moderated] = "主持研讨达成",
            [Benchmarking.ComparisonMethod.Audited] = "经审核",
        },
        PopulationBandNames = new Dictionary<string, string>
        {
            ["under-50k"] = "5 万以下",
            ["50k-250k"] = "5 万至 25 万",
            ["250k-1m"] = "25 万至 100 万",
            ["1m-5m"] = "100 万至 500 万",
            ["over-5m"] = "500 万以上",
        },
        AreaTypeNames = new Dictionary<string, string> { ["urban"] = "城市", ["suburban"] = "郊区", ["rural"] = "乡村", ["mixed"] = "混合" },
        DistributionNote = "Q1 至 Q3 是对其评分的城市中间的一半；百分位是其他城市中得分更低者所占的比例（得分相同者按一半计）。",

        LearnFrom = "可以学习的同行",
        LearnFromIntro =
            "按特征列出整个网络中当前得分比本城市高两级或以上、并在该特征上共享证据的城市，名称与成员列表一致。" +
            "不显示它们的得分，只说明它们领先这么多。它们的证据和质询讨论在网络的同行页面上。",
        NoneToLearnFrom = "目前还没有领先本城市两级或以上的城市在某个特征上共享证据。",
        LearnFromFormat = "{0}（本城市 {1}，这些城市 {2} 或以上）：{3}",
        ListSeparator = "、",

        Members = "成员",
        MembersIntro = "你所看到的网络成员：选择以名称出现的成员显示名称，其他成员显示其代号。",
    };

    /// <summary>The labels for a benchmark report in <paramref name="language"/> (a BCP 47 tag): Chinese for "zh…", else English.</summary>
    public static BenchmarkReportLabels For(string? language) => ReportLabels.IsChinese(language) ? Chinese : English;
}
